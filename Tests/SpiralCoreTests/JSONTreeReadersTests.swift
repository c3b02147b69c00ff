import Foundation
import Testing
@testable import SpiralCore

/// The kiosk reads its script and language files through JSONTree at every start; JSONDecoder is
/// the reference. Whatever the tree readers accept must decode to exactly what JSONDecoder makes
/// of it, and anything they do not must be left to JSONDecoder (nil), never read differently.
@Suite struct JSONTreeReadersTests {
    static func data(_ text: String) -> Data { Data(text.utf8) }

    @Test func theShippedScriptReadsTheSameBothWays() throws {
        let data = try #require(FileManager.default.contents(atPath: Fixtures.root + "/Prompts/kiosk.json"))
        let tree = try #require(JSONTree.parse(data))
        let quick = try #require(PromptScript(tree: tree))
        #expect(quick == (try JSONDecoder().decode(PromptScript.self, from: data)))
    }

    @Test func everyShippedLanguageFileReadsTheSameBothWays() throws {
        let folder = Fixtures.root + "/Localizations"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 10)
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: folder + "/" + name))
            let tree = try #require(JSONTree.parse(data), "\(name)")
            #expect(LanguageFile(tree: tree) == (try JSONDecoder().decode(LanguageFile.self, from: data)), "\(name)")
            #expect(LanguageHeader(tree: tree)?.file == (try JSONDecoder().decode(LanguageHeader.self, from: data)).file, "\(name)")
        }
    }

    static let step = #"{"id": "s", "kind": "text", "text": "k"#
    static func script(_ steps: String, section: String = "") -> String {
        #"{"schemaVersion": 1, "sections": [{"id": "a", "stage": "acceptance", "title": "t"\#(section), "steps": [\#(steps)]}]}"#
    }

    /// Documents both readers must agree on, field by field.
    @Test(arguments: [
        script(step + #""}"#),
        script(step + #"", "hint": null, "maxLength": 40, "skippable": false, "unknown": [1, {"x": null}]}"#),
        script(step + #"", "when": {"any": [{"step": "s", "is": "yes"}, {"not": {"returning": true}}, {"answered": "s"}]}}"#),
        script(step + #"", "when": {"step": "s", "isOnly": "no", "is": null}}"#),
        script(step + #"", "when": {"all": [{"step": "s", "includes": "x"}]}}"#),
        script(step + #"", "args": {"name": {"step": "s", "fallback": "f"}}, "prefill": {"message": "m"}}"#),
        script(step + #"", "choices": [{"id": "y", "label": "l", "urgent": true, "exclusive": false}]}"#),
        script(step + #"\u00e9\n\"\\\/ \ud7ff", "intro": "é 中文 عربي 🙂"}"#),
        script(step + #""}"#, section: #", "repeat": {"max": 3, "another": "s", "continueWith": "c"}, "when": null"#),
        script(step + #"", "maxLength": -0}"#),
    ])
    func readsWhatJSONDecoderReads(document: String) throws {
        let tree = try #require(JSONTree.parse(Self.data(document)))
        let quick = try #require(PromptScript(tree: tree))
        #expect(quick == (try JSONDecoder().decode(PromptScript.self, from: Self.data(document))))
    }

    /// Documents the tree readers leave to JSONDecoder (which refuses most, with its message).
    @Test(arguments: [
        script(step + #"", "maxLength": 4.0}"#),                   // a number JSONDecoder may or may not take
        script(step + #"", "maxLength": "40"}"#),                  // the wrong kind
        script(step + #"", "kind": "essay"}"#),                    // a kind Spiral does not have (and a key twice)
        script(#"{"id": "s", "kind": "essayx", "text": "k"}"#),
        script(#"{"id": "s", "kind": "text"}"#),                   // "text" missing
        script(#"{"id": null, "kind": "text", "text": "k"}"#),     // required but null
        script(step + #"", "when": {"step": "s"}}"#),               // a condition with nothing to test
        script(step + #"", "args": {"a": {}, "a": {}}}"#),           // a key twice
        script(step + #"", "choices": {}}"#),
        "\u{FEFF}" + script(step + #""}"#),                          // a byte-order mark
        script(step + #"",}"#),                                      // a trailing comma
        script(step + #"", "hint": "\ud83d\ude42"}"#),              // an escaped surrogate pair
    ])
    func leavesTheUnusualToJSONDecoder(document: String) {
        #expect(JSONTree.parse(Self.data(document)).flatMap(PromptScript.init(tree:)) == nil)
    }

    @Test(arguments: [
        #"{"language": "en", "name": "English", "direction": "ltr", "status": "source", "messages": {"a": "b", "a": "c"}}"#,
        #"{"language": "en", "name": "English", "direction": "sideways", "status": "source", "messages": {}}"#,
        #"{"language": "en", "name": "English", "direction": "ltr", "status": "source", "messages": {"a": 1}}"#,
        #"{"language": "en", "name": "English", "direction": "ltr", "status": "source"}"#,
    ])
    func leavesUnusualLanguageFilesToJSONDecoder(document: String) {
        #expect(JSONTree.parse(Self.data(document)).flatMap(LanguageFile.init(tree:)) == nil)
    }

    @Test func aLanguageFilesEscapesReadTheSameBothWays() throws {
        let document = #"{"language": "ar", "name": "\u0627", "direction": "rtl", "status": "draft", "reviewedBy": null, "#
            + #""messages": {"ui.language.title": "\"\u0627\u0644\" \\ \t", "x": "\/"}, "sameAsEnglish": ["x"], "speech": {}}"#
        let tree = try #require(JSONTree.parse(Self.data(document)))
        #expect(LanguageFile(tree: tree) == (try JSONDecoder().decode(LanguageFile.self, from: Self.data(document))))
        #expect(LanguageHeader(tree: tree)?.file == (try JSONDecoder().decode(LanguageHeader.self, from: Self.data(document))).file)
    }

    @Test func theStaffLogStampIsISO8601InUTC() {
        for seconds in [0.0, 951_782_400.5, 1_796_169_599.999, 1_800_000_000, 4_102_444_800] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StaffLog.stamp(date) == date.formatted(.iso8601))
        }
    }
}

/// The centre config, read at every start and for each family, through the same tree readers.
@Suite struct CentreConfigTreeTests {
    static func decoded(_ text: String) throws -> CentreConfig { try JSONDecoder().decode(CentreConfig.self, from: Data(text.utf8)) }

    @Test func theShippedConfigAndTheDefaultsReadTheSameBothWays() throws {
        let shipped = try #require(FileManager.default.contents(atPath: Fixtures.root + "/Config/centre.json"))
        #expect(JSONTree.parse(shipped).flatMap(CentreConfig.init(tree:)) == (try JSONDecoder().decode(CentreConfig.self, from: shipped)))
        let defaults = try JSONEncoder().encode(CentreConfig.australianDefaults)
        #expect(JSONTree.parse(defaults).flatMap(CentreConfig.init(tree:)) == CentreConfig.australianDefaults)
    }

    @Test(arguments: [
        #"{"languages": [], "crisisContacts": []}"#,
        #"{"centreName": "Riverside", "languages": ["en", "ar"], "idleTimeoutSeconds": 120, "latinDigits": true, "reorderRightToLeft": null, "crisisContacts": [{"name": "Lifeline", "phone": "13 11 14", "about": {"ar": "\u0627"}}], "display": "foot", "store": "/srv/plans", "extra": {"a": [1]}}"#,
        #"{"languages": ["vi"], "crisisContacts": [], "speech": {"enabled": true, "player": ["aplay", "-q"], "voices": {"vi": "vi"}, "wordsPerMinute": 150, "playerGraceSeconds": 2}}"#,
    ])
    func readsWhatJSONDecoderReads(document: String) throws {
        let tree = try #require(JSONTree.parse(Data(document.utf8)))
        #expect(CentreConfig(tree: tree) == (try Self.decoded(document)))
    }

    @Test(arguments: [
        #"{"languages": ["en",], "crisisContacts": []}"#,
        #"{"languages": "en", "crisisContacts": []}"#,
        #"{"crisisContacts": []}"#,
        #"{"languages": [], "crisisContacts": [{"name": "x"}]}"#,
        #"{"languages": [], "crisisContacts": [], "idleTimeoutSeconds": 9.5}"#,
        #"{"languages": [], "languages": [], "crisisContacts": []}"#,
    ])
    func leavesTheUnusualToJSONDecoder(document: String) {
        #expect(JSONTree.parse(Data(document.utf8)).flatMap(CentreConfig.init(tree:)) == nil)
    }
}
