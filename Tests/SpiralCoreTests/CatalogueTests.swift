import Foundation
import Testing
@testable import SpiralCore
import SpiralText

@Suite("Catalogue and spiral check: fallback, broken files, ICU validation")
struct CatalogueTests {
    func writeFiles(_ files: [String: String]) -> String {
        let dir = Fixtures.temporaryDirectory()
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try! text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    func file(_ tag: String, _ messages: [String: String], status: String = "draft", direction: String = "ltr") -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["language": tag, "name": tag, "direction": direction,
                                                                "status": status, "messages": messages])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func everyKeyTheProgramAndScriptUseIsInEnglish() {
        let problems = ContentValidator.checkSource(Fixtures.catalogue, script: Fixtures.script)
        #expect(problems.filter { $0.severity == .error } == [])
    }

    /// Keys written in the code as literals must exist in en.json: found by reading the sources.
    @Test func everyMessageKeyWrittenInTheSourcesExists() throws {
        let english = Fixtures.catalogue.languages["en"]!.messages
        let sources = Fixtures.root + "/Sources"
        let regex = try Regex(#""((?:ui|plan|coach|export|crisis|common|staff|review)\.[a-z_\-]+(?:\.[a-z_\-]+)*)""#)
        var missing: [String] = []
        for path in FileManager.default.enumerator(atPath: sources)!.compactMap({ $0 as? String }) where path.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources + "/" + path, encoding: .utf8)
            for match in text.matches(of: regex) {
                let key = String(match.output[1].substring!)
                if key.hasSuffix(".") || key.hasSuffix("_") { continue }
                if english[key] == nil && !english.keys.contains(where: { $0.hasPrefix(key + ".") }) { missing.append("\(path): \(key)") }
            }
        }
        #expect(missing == [])
    }

    @Test func aMissingMessageFallsBackToEnglishNeverAKey() {
        let dir = writeFiles(["en.json": file("en", ["a": "Hello {name}", "b": "Bye"], status: "source"),
                              "vi.json": file("vi", ["a": "Xin chào {name}"])])
        let c = MessageCatalogue.load(directory: dir)
        #expect(c.format("a", language: "vi", ["name": "Hoa"]) == "Xin chào Hoa")
        #expect(c.format("b", language: "vi") == "Bye")
        #expect(c.format("nope", language: "vi") == "…")
        #expect(c.bestMatch(for: "vi-VN") == "vi")
    }

    @Test func aBrokenLanguageFileIsLeftOutAndTheOthersWork() {
        let dir = writeFiles(["en.json": file("en", ["a": "Hello"], status: "source"),
                              "el.json": "{ \"language\": \"el\", \"name\": ",
                              "es.json": file("es", ["a": "Hola"])])
        let c = MessageCatalogue.load(directory: dir)
        #expect(c.tags == ["en", "es"])
        #expect(c.problems.count == 1)
        #expect(c.problems[0].file == "el.json")
        #expect(c.problems[0].reason.contains("not valid JSON"))
    }

    @Test func aLazilyLoadedCatalogueSaysEverythingTheEagerOneSays() throws {
        let lazy = MessageCatalogue.load(directory: Fixtures.root + "/Localizations", lazily: true)
        #expect(lazy.tags == Fixtures.catalogue.tags)
        let args: [String: MessageArgument] = ["count": .number(2), "part": .number(1), "parts": .number(8), "title": .string("x"),
                                                "name": .string("Hoa"), "input": .string("x"), "label": .string("x")]
        for tag in lazy.tags {
            #expect(lazy.languages[tag]?.name == Fixtures.catalogue.languages[tag]?.name)
            #expect(lazy.messages(for: tag) == Fixtures.catalogue.languages[tag]?.messages)
            for key in ["app.title", "ui.keys", "ui.progress", "ui.language.draft", "goal_another.question"] {
                #expect(lazy.format(key, language: tag, args) == Fixtures.catalogue.format(key, language: tag, args), "\(tag) \(key)")
            }
        }
        #expect(lazy.takeBrokenMessages().isEmpty)
    }

    /// "You have 2 goals" in the shipped Arabic uses the dual, and each of ICU's six forms.
    @Test(arguments: [(0, "ليس لديك أهداف بعد."), (1, "لديك هدف واحد."), (2, "لديك هدفان."), (3, "لديك ٣ أهداف."),
                      (11, "لديك ١١ هدفًا."), (100, "لديك ١٠٠ هدف.")])
    func arabicGoalCountsUseEachPluralForm(count: Int, expected: String) {
        let text = Fixtures.catalogue.format("goal_another.question", language: "ar", ["count": .number(count)])
        #expect(text.hasPrefix(expected), "\(count): \(text)")
    }

    @Test func lazilyAFileWithUnreadableMessagesIsOfferedAndShownInEnglishWithALoggedReason() {
        let dir = writeFiles(["en.json": file("en", ["a": "Hello", "ui.language.draft": "draft"], status: "source"),
                              "es.json": #"{"language": "es", "name": "Español", "direction": "ltr", "status": "draft", "messages": {"ui.language.draft": "borrador", "a": 5}}"#])
        let c = MessageCatalogue.load(directory: dir, lazily: true)
        #expect(c.tags == ["en", "es"])
        #expect(c.format("ui.language.draft", language: "es") == "borrador")  // the first screen's words were read
        #expect(c.format("a", language: "es") == "Hello")
        let logged = c.takeBrokenMessages()
        #expect(logged.count == 1)
        #expect(logged[0].contains("es.json") && logged[0].contains("English is shown"))
        // Loaded eagerly (spiral check), the same file is left out with the exact reason.
        let eager = MessageCatalogue.load(directory: dir)
        #expect(eager.tags == ["en"])
        #expect(eager.problems.first?.reason.contains("messages.a") == true)
    }

    @Test func everyShippedMessageWithoutSyntaxIsShownAsICUWouldShowIt() throws {
        var plain = 0
        for tag in Fixtures.catalogue.tags {
            for (key, pattern) in Fixtures.catalogue.languages[tag]?.messages ?? [:] {
                guard let text = MessageCatalogue.plainText(pattern) else { continue }
                plain += 1
                #expect(try MessageTemplate(pattern: pattern, locale: tag).format([:]) == text, "\(tag) \(key)")
            }
        }
        #expect(plain > 500)
        #expect(MessageCatalogue.plainText("It''s {name}") == nil && MessageCatalogue.plainText("It's") == nil)
    }

    @Test func aFileNamedForAnotherLanguageIsRefusedWithTheFix() {
        let dir = writeFiles(["en.json": file("en", ["a": "Hello"], status: "source"), "fr.json": file("es", ["a": "Hola"])])
        let c = MessageCatalogue.load(directory: dir)
        #expect(c.problems.first?.reason.contains("rename the file to es.json") == true)
    }

    @Test func checkNamesFileKeyAndProblem() {
        let source = LanguageFile(language: "en", name: "English", direction: .leftToRight, status: .source, messages: [
            "greet": "Hello {name}",
            "goals": "{count, plural, one {# goal} other {# goals}}",
            "plain": "Thanks",
            "gone": "Only in English",
        ])
        let arabic = LanguageFile(language: "ar", name: "العربية", direction: .rightToLeft, status: .draft, messages: [
            "greet": "مرحبا {nom}",
            "goals": "{count, plural, one {هدف واحد} other {# أهداف}}",
            "plain": "شكرا {",
            "extra": "زائد",
        ])
        let problems = ContentValidator.checkTranslation(arabic, source: source)
        let text = problems.map(\.description)
        #expect(text.contains { $0.contains("Localizations/ar.json: greet") && $0.contains("does not use {name}") })
        #expect(text.contains { $0.contains("greet") && $0.contains("uses {nom}") })
        // `other` covers the rest: a warning to refine, not an error.
        #expect(problems.contains { $0.key == "goals" && $0.severity == .warning && $0.message.contains("has no few, many, two, zero form") })
        #expect(text.contains { $0.contains("plain") && $0.contains("not a valid ICU message") })
        #expect(text.contains { $0.contains("gone") && $0.contains("is missing") })
        #expect(text.contains { $0.contains("extra") && $0.contains("not in the English source") })
    }

    @Test func aDraftCannotClaimToBeTheSource() {
        let source = LanguageFile(language: "en", name: "English", direction: .leftToRight, status: .source, messages: ["a": "A"])
        let ko = LanguageFile(language: "ko", name: "한국어", direction: .leftToRight, status: .source, messages: ["a": "가"])
        #expect(ContentValidator.checkTranslation(ko, source: source).contains { $0.key == "status" })
    }

    @Test func aBrokenScriptSaysWhereAndWhat() {
        let dir = writeFiles(["kiosk.json": #"{"schemaVersion": 1, "sections": [{"id": "a", "stage": "acceptance", "title": "t", "steps": [{"id": "x", "kind": "choice", "text": "q", "when": {"step": "nope", "is": "y"}}]}]}"#])
        guard case let .failure(failure) = ScriptLoader.load(directory: dir) else { Issue.record("expected failure"); return }
        let text = failure.problems.map(\.description)
        #expect(text.contains { $0.contains("step x") && $0.contains("no \"choices\"") })
        #expect(text.contains { $0.contains("step x") && $0.contains("\"nope\" that does not exist") })
    }

    @Test func aScriptWithABadStageNamesTheField() {
        let dir = writeFiles(["kiosk.json": #"{"schemaVersion": 1, "sections": [{"id": "a", "stage": "hope", "title": "t", "steps": []}]}"#])
        guard case let .failure(failure) = ScriptLoader.load(directory: dir) else { Issue.record("expected failure"); return }
        #expect(failure.problems[0].message.contains("sections.[0].stage") || failure.problems[0].message.contains("sections[0].stage") || failure.problems[0].message.contains("stage"))
    }

    @Test func aRecordOutsideTheVocabularyIsAnErrorNamingTheStepAndTheAllowedValues() {
        let dir = writeFiles(["kiosk.json": #"{"schemaVersion": 1, "sections": [{"id": "a", "stage": "acceptance", "title": "t", "steps": [{"id": "x", "kind": "text", "text": "q", "record": "profile.nmae"}]}]}"#])
        guard case let .failure(failure) = ScriptLoader.load(directory: dir) else { Issue.record("expected failure"); return }
        let text = failure.problems.map(\.description)
        #expect(text.contains { $0.contains("Prompts/kiosk.json") && $0.contains("step x") && $0.contains("profile.nmae") && $0.contains("profile.name") })
    }

    @Test func theShippedScriptNamesItsRolesAndEveryRecordIsKnown() {
        let script = Fixtures.script
        #expect(script.step(withRole: .consent)?.id == "consent")
        #expect(script.step(withRole: .firstStrength) != nil)
        for step in script.sections.flatMap(\.steps) where step.record != nil { #expect(step.target != nil, "\(step.id)") }
    }
}

@Suite("Translation completeness counts what is really translated")
struct CompletenessTests {
    @Test func aCopyOfEnglishWithFourMessagesTranslatedIsNotComplete() {
        let source = Fixtures.catalogue.languages["en"]!
        var copy = source
        copy.language = "fa"
        copy.status = .draft
        copy.direction = .rightToLeft
        for key in source.messages.keys.sorted().prefix(4) { copy.messages[key] = "ترجمه" }
        let (translated, missing, untranslated) = copy.translation(against: source)
        #expect(translated < source.messages.count / 10)
        #expect(missing == 0)
        #expect(untranslated.count == source.messages.count - translated)
        // And spiral check says so, as a warning, with no error for messages nobody touched.
        let problems = ContentValidator.checkTranslation(copy, source: source)
        #expect(!problems.contains { $0.severity == .error })
        #expect(problems.contains { $0.key == "messages" && $0.message.contains("word for word the English") })
    }

    @Test func aFallbackInTheOtherDirectionIsIsolatedInItsOwn() {
        let en = Fixtures.catalogue.languages["en"]!
        let fa = LanguageFile(language: "fa", name: "فارسی", direction: .rightToLeft, status: .draft, messages: [:])
        let catalogue = MessageCatalogue(languages: [en, fa])
        let text = catalogue.format("ui.stop.title", language: "fa")
        #expect(text == "\u{2066}Stop here?\u{2069}")
    }
}

/// The kiosk's first screen comes from the few messages read at a lazy load: decoding a whole
/// language file for it cost 5 million instructions before a parent saw anything.
@Suite struct FirstScreenMessagesTests {
    @Test func theFirstScreenDecodesNoLanguageFileWhole() {
        let catalogue = MessageCatalogue.load(directory: Fixtures.root + "/Localizations", lazily: true)
        var config = CentreConfig.australianDefaults
        config.display = "foot"  // staff are told which languages it cannot draw
        var settings = KioskSettings(language: nil, idleTimeout: .seconds(60), interactive: true)
        settings.staffPassphrase = .notSet
        settings.readAloudOffered = true
        let flow = KioskFlow(script: Fixtures.script, catalogue: catalogue, config: config,
                             repository: InMemoryPlanRepository(), log: StaffLog(path: nil), settings: settings)
        let screen = flow.start()
        #expect(screen.kind == .language)
        #expect(screen.allText.contains("Staff: no passphrase is set"))
        #expect(screen.allText.contains("Staff: plans on this kiosk are not sealed"))
        #expect(screen.allText.contains("Staff: not offered"))
        #expect(catalogue.languagesDecodedWhole == [])
        // The first language chosen is decoded then, whole.
        _ = flow.handle(.line("2"))
        #expect(catalogue.languagesDecodedWhole.count == 1)
    }
}
