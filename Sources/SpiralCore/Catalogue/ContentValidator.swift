#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// What `spiral check` does: every language file against the English source, and the script
/// against the catalogue. Also run when the kiosk starts, so a broken file is found by the
/// coordinator, not in front of a parent.
public enum ContentValidator: Sendable {
    /// Keys the program itself shows (besides those the script names).
    public static let programKeys: [String] = [
        "app.title", "ui.progress", "ui.keys", "ui.keys.noskip", "ui.keys.info", "ui.help", "ui.choose_one",
        "ui.choose_many", "ui.not_a_choice", "ui.not_a_choice.noskip", "ui.exclusive_choice", "ui.too_long",
        "ui.need_answer", "ui.skipped", "ui.saved", "ui.save_failed", "ui.goodbye.declined",
        "ui.goodbye.eof", "ui.at_start", "ui.language.title", "ui.language.question", "ui.language.not_found",
        "ui.language.draft", "ui.welcome.title", "ui.welcome.text", "ui.welcome.code", "ui.welcome.code.unknown",
        "ui.welcome.back", "ui.summary.title", "ui.summary.intro", "ui.summary.question", "ui.summary.more", "ui.summary.not_a_number",
        "ui.finish.title", "ui.finish.code", "ui.finish.strengths", "ui.finish.goals", "ui.finish.urgent",
        "ui.finish.press", "ui.idle.title", "ui.idle.text", "ui.keeps", "ui.pin.title", "ui.pin.choose", "ui.pin.keys.choose", "ui.pin.again", "ui.pin.rules", "ui.pin.mismatch", "ui.pin.saved", "ui.pin.skipped", "ui.pin.enter", "ui.pin.keys", "ui.pin.wait", "staff.close.title", "staff.close.text", "staff.close.wrong", "crisis.contact", "crisis.about.000", "crisis.name.000", "crisis.about.respect", "crisis.about.lifeline",
        "crisis.about.kids", "crisis.about.yarn",
        "ui.keys.keep", "ui.stop.title", "ui.stop.saved", "ui.stop.unsaved", "ui.stop.yes", "ui.stop.no", "ui.stop.keys",
        "ui.goodbye.held", "ui.goodbye.lost", "ui.goodbye.nothing", "ui.pin.locked", "ui.plan.unavailable",
        "ui.finish.goals.agreed", "staff.no_passphrase", "staff.not_sealed", "staff.display_left_out", "ui.keys.speech", "ui.read_aloud.on", "ui.read_aloud.off", "ui.read_aloud.unavailable", "speech.family_words", "plan.more", "plan.error.too_long", "plan.error.save",
    ] + ExportKeys.all

    /// Checks the English source is complete for the script and the program.
    public static func checkSource(_ catalogue: MessageCatalogue, script: PromptScript) -> [ContentProblem] {
        let missing = checkSourceKeys(catalogue, script: script)
        return missing.contains { $0.key == nil } ? missing : missing + checkSourcePatterns(catalogue)
    }

    static let sourceFile = "Localizations/en.json"

    /// Every key the script and the program use has an English message.
    public static func checkSourceKeys(_ catalogue: MessageCatalogue, script: PromptScript) -> [ContentProblem] {
        guard catalogue.languages[MessageCatalogue.sourceLanguage] != nil else {
            return [ContentProblem(.error, file: sourceFile, "is missing: English is the source every other language is checked against")]
        }
        let source = catalogue.messages(for: MessageCatalogue.sourceLanguage)
        return Set(ScriptLoader.messageKeys(script) + programKeys).sorted().filter { source[$0] == nil }.map {
            ContentProblem(.error, file: sourceFile, key: $0, "is used by Spiral but has no message: add it")
        }
    }

    /// Every English message is a pattern ICU accepts (the script is not needed: this can run
    /// while the script loads).
    public static func checkSourcePatterns(_ catalogue: MessageCatalogue) -> [ContentProblem] {
        catalogue.messages(for: MessageCatalogue.sourceLanguage).sorted(by: { $0.key < $1.key }).flatMap { key, pattern in
            checkPattern(pattern, key: key, language: MessageCatalogue.sourceLanguage, file: sourceFile)
        }
    }

    /// Checks one translation against the English source.
    public static func checkTranslation(_ file: LanguageFile, source: LanguageFile) -> [ContentProblem] {
        let name = "Localizations/\(file.language).json"
        var problems: [ContentProblem] = []
        if file.status == .source {
            problems.append(.init(.error, file: name, key: "status", "only en.json is the source: use \"draft\" until a qualified translator has reviewed it, then \"reviewed\""))
        }
        if file.status == .reviewed, (file.reviewedBy ?? "").isEmpty {
            problems.append(.init(.warning, file: name, key: "reviewedBy", "status is \"reviewed\" but no reviewer is named: add \"reviewedBy\""))
        }
        let categories = PluralRules.categories(locale: file.language)
        for key in source.messages.keys.sorted() {
            guard let pattern = file.messages[key] else {
                problems.append(.init(.warning, file: name, key: key, "is missing: English is shown until it is translated"))
                continue
            }
            let patternProblems = checkPattern(pattern, key: key, language: file.language, file: name)
            problems += patternProblems
            guard patternProblems.isEmpty,
                  let mine = try? MessageTemplate(pattern: pattern, locale: file.language),
                  let theirs = try? MessageTemplate(pattern: source.messages[key]!, locale: source.language) else { continue }
            let missing = theirs.argumentNames.subtracting(mine.argumentNames)
            let extra = mine.argumentNames.subtracting(theirs.argumentNames)
            if !missing.isEmpty {
                problems.append(.init(.error, file: name, key: key, "does not use {\(missing.sorted().joined(separator: "}, {"))}: the English message does, so the translation must too"))
            }
            if !extra.isEmpty {
                problems.append(.init(.error, file: name, key: key, "uses {\(extra.sorted().joined(separator: "}, {"))}, which the English message does not have: Spiral will not fill it in"))
            }
            for (arg, used) in mine.pluralSelectors {
                let lacking = categories.subtracting(used)
                // `other` is always there (ICU requires it) and covers the rest, so the message
                // still shows: a warning to refine, not an error.
                if !lacking.isEmpty, pattern != source.messages[key] {
                    problems.append(.init(.warning, file: name, key: key, "the plural for {\(arg)} has no \(lacking.sorted().joined(separator: ", ")) form, so \"other\" is used for those numbers: ICU's rules for \(file.language) have \(categories.sorted().joined(separator: ", "))"))
                }
            }
        }
        let untranslated = file.translation(against: source).untranslated
        if !untranslated.isEmpty {
            let shown = untranslated.prefix(5).joined(separator: ", ") + (untranslated.count > 5 ? ", …" : "")
            problems.append(.init(.warning, file: name, key: "messages", "\(untranslated.count) message(s) are word for word the English (\(shown)): translate them, or list the keys in \"sameAsEnglish\" if they are meant to stay"))
        }
        for key in Set(file.messages.keys).subtracting(source.messages.keys).sorted() {
            problems.append(.init(.warning, file: name, key: key, "is not in the English source: remove it, or check its spelling"))
        }
        return problems
    }

    static func checkPattern(_ pattern: String, key: String, language: String, file: String) -> [ContentProblem] {
        if pattern.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            return [.init(.error, file: file, key: key, "is empty: write the message, or remove the key so English is shown")]
        }
        do {
            _ = try MessageTemplate(pattern: pattern, locale: language)
            return []
        } catch {
            return [.init(.error, file: file, key: key, "is not a valid ICU message: \(error.description). Check that every { has its }, and that quotes are doubled ('') where a single quote is meant")]
        }
    }

    /// Everything: the script, the source, every translation, and files that could not be loaded.
    public static func checkAll(script: PromptScript, catalogue: MessageCatalogue) -> [ContentProblem] {
        var problems = catalogue.problems.map { ContentProblem(.error, file: "Localizations/" + $0.file, $0.reason) }
        problems += checkSource(catalogue, script: script)
        if let source = catalogue.languages[MessageCatalogue.sourceLanguage] {
            for tag in catalogue.tags where tag != MessageCatalogue.sourceLanguage {
                problems += checkTranslation(catalogue.languages[tag]!, source: source)
            }
        }
        return problems
    }
}

enum ExportKeys {
    static let all: [String] = [
        "export.title", "export.code", "export.language", "export.updated", "export.status", "export.status.in-progress", "export.status.finished", "export.children", "export.urgent", "export.repair_flag", "export.needs", "export.urgent_need", "export.praise", "export.praise.to-parent", "export.praise.for-child", "export.goals", "export.goal.status", "export.goal.why", "export.goal.when", "export.goal.how", "export.goal.whoWith", "export.goal.status.proposed", "export.goal.status.agreed", "export.goal.status.in-progress", "export.goal.status.achieved", "export.goal.status.changed", "export.goal.status.paused", "export.goal.status.no-longer-needed", "export.stage.acceptance", "export.stage.valuing", "export.stage.subtle", "export.stage.obvious", "export.stage.repair",
        "export.goal.what", "export.goal.review_date", "export.goal.removed", "export.goal.ratings", "export.goal.rating.date",
        "export.goal.rating.parent", "export.goal.rating.practitioner", "export.goal.rating.line", "export.goal.chart", "export.steps",
        "export.step.quick-win", "export.step.crisis-addressed", "export.step.outreach", "export.step.rupture-acknowledged", "export.step.repair",
        "export.step.self-care", "export.step.other", "export.contacts", "export.contact.appointment-kept", "export.contact.appointment-missed",
        "export.contact.outreach", "export.by", "export.logged", "export.said", "export.private", "export.spiral", "export.spiral.stage.acceptance",
        "export.spiral.stage.valuing", "export.spiral.stage.subtle", "export.spiral.stage.obvious", "export.spiral.stage.repair",
        "export.spiral.count.acceptance", "export.spiral.count.valuing", "export.spiral.count.subtle", "export.spiral.count.obvious",
        "export.spiral.count.repair", "export.csv.goal_id", "export.csv.latest_parent", "export.csv.latest_practitioner", "export.csv.yes",
        "export.csv.no", "export.csv.name", "export.csv.urgent", "export.csv.repair_flag", "export.csv.needs", "export.csv.urgent_needs",
        "export.csv.goals_status", "export.csv.goals_removed", "export.csv.praise", "export.csv.last_contact",
    ]
}
