import Foundation
import Testing
@testable import SpiralCore

/// The kiosk's start remembers what it cut out of each language file, by the file's stamp: an
/// unchanged file is not scanned again, and any change to a file is seen at the next start.
@Suite struct LanguageHeaderCacheTests {
    func folder(_ files: [String: String]) -> String {
        let dir = Fixtures.temporaryDirectory()
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try! text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    func file(_ tag: String, name: String, title: String) -> String {
        #"{"language": "\#(tag)", "name": "\#(name)", "direction": "ltr", "status": "draft", "messages": {"ui.language.title": "\#(title)", "a": "x"}}"#
    }

    let keys = MessageCatalogue.firstScreenKeys

    @Test func aStartWithTheNotesSaysWhatAStartWithoutThemSays() {
        let shipped = Fixtures.root + "/Localizations"
        let cache = LanguageHeaderCache(path: Fixtures.temporaryDirectory() + "/language-headers")
        let plain = MessageCatalogue.load(directory: shipped, lazily: true)
        let first = MessageCatalogue.load(directory: shipped, lazily: true, headers: cache)
        #expect(Set(cache.entries(keeping: keys).keys) == Set(plain.tags.map { $0 + ".json" }))
        let second = MessageCatalogue.load(directory: shipped, lazily: true, headers: cache)
        for catalogue in [first, second] {
            #expect(catalogue.tags == plain.tags)
            for tag in plain.tags {
                #expect(catalogue.languages[tag]?.name == plain.languages[tag]?.name)
                #expect(catalogue.languages[tag]?.direction == plain.languages[tag]?.direction)
                for key in keys {
                    #expect(catalogue.format(key, language: tag) == plain.format(key, language: tag), "\(tag) \(key)")
                }
                #expect(catalogue.messages(for: tag) == plain.messages(for: tag))
            }
        }
    }

    @Test func aNoteIsUsedOnlyWhileItsFileIsUnchanged() throws {
        let dir = folder(["en.json": file("en", name: "English", title: "Language"),
                          "es.json": file("es", name: "Español", title: "Idioma")])
        let cache = LanguageHeaderCache(path: dir + "/cache/language-headers", settle: 0)
        _ = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        // A note that differs from its file, under the file's own stamp, is what the next start
        // shows: the file was not scanned again.
        var notes = cache.entries(keeping: keys)
        #expect(notes["es.json"]?.header.name == "Español")
        notes["es.json"]?.header.name = "Noted"
        cache.save(notes, keeping: keys)
        #expect(MessageCatalogue.load(directory: dir, lazily: true, headers: cache).languages["es"]?.name == "Noted")
        // Written again: the file is read, and noted afresh.
        try file("es", name: "Espanol", title: "Idioma").write(toFile: dir + "/es.json", atomically: false, encoding: .utf8)
        let changed = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        #expect(changed.languages["es"]?.name == "Espanol")
        #expect(MessageCatalogue.load(directory: dir, lazily: true, headers: cache).languages["es"]?.name == "Espanol")
        // Broken after it was noted: left out, as without notes.
        try #"{"language": "es", "name": "#.write(toFile: dir + "/es.json", atomically: false, encoding: .utf8)
        let broken = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        #expect(broken.tags == ["en"])
        #expect(broken.problems.first?.file == "es.json")
        #expect(cache.entries(keeping: keys).keys.sorted() == ["en.json"])
    }

    /// A noted, unchanged file is not read at the start: its messages are read when its language
    /// is first used, and a file gone by then is said so, in English, rather than a blank.
    @Test func aNotedFileIsReadWhenItsLanguageIsFirstUsed() throws {
        let dir = folder(["en.json": file("en", name: "English", title: "Language"),
                          "es.json": file("es", name: "Español", title: "Idioma")])
        let cache = LanguageHeaderCache(path: dir + "/cache/language-headers", settle: 0)
        _ = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        let noted = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        #expect(noted.messages(for: "es")["a"] == "x")
        let gone = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        try FileManager.default.removeItem(atPath: dir + "/es.json")
        #expect(gone.languages["es"]?.name == "Español")
        #expect(gone.format("ui.language.title", language: "es") == "Idioma")  // noted with the header
        #expect(gone.messages(for: "es")["a"] == nil)
        #expect(gone.format("a", language: "es") == "x")  // English's
        #expect(gone.takeBrokenMessages().contains { $0.hasPrefix("es.json: cannot be read any more") })
    }

    @Test func tornOrForeignNotesAreIgnored() throws {
        let dir = folder(["en.json": file("en", name: "English", title: "Language")])
        let path = dir + "/language-headers"
        let cache = LanguageHeaderCache(path: path, settle: 0)
        _ = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count - 9).write(to: URL(fileURLWithPath: path))  // cut short
        #expect(cache.entries(keeping: keys).isEmpty)
        #expect(MessageCatalogue.load(directory: dir, lazily: true, headers: cache).format("ui.language.title", language: "en") == "Language")
        // Kept for another list of first-screen messages (another version of the program).
        #expect(cache.entries(keeping: ["ui.language.title"]).isEmpty)
        #expect(!cache.entries(keeping: keys).isEmpty)
    }

    @Test func aFileWrittenInTheLastMomentsIsNotNotedYet() {
        // Two writes within one tick of the file-system clock can leave the same stamp.
        let dir = folder(["en.json": file("en", name: "English", title: "Language")])
        let cache = LanguageHeaderCache(path: dir + "/language-headers")
        let catalogue = MessageCatalogue.load(directory: dir, lazily: true, headers: cache)
        #expect(catalogue.format("ui.language.title", language: "en") == "Language")
        #expect(cache.entries(keeping: keys).isEmpty)
    }

    /// Values are counted, not escaped: a message may hold tabs, line breaks, any script.
    @Test func aHeaderIsNotedExactlyWhateverItsMessagesHold() throws {
        let odd = ["ui.language.title": "Tab\there\nand a new line", "ui.language.draft": "ترجمة أولية",
                   "ui.keys.speech": "F1 · 🔊 \u{1F}\u{1E}", "ui.language.question": ""]
        let header = LanguageFile(language: "ar", name: "العربية", englishName: "Arabic", direction: .rightToLeft,
                                  status: .reviewed, reviewedBy: "A. Translator\t(2026)", messages: odd, voice: "ar")
        let cache = LanguageHeaderCache(path: Fixtures.temporaryDirectory() + "/odd/language-headers", settle: 0)
        cache.save(["ar.json": .init(stamp: "1 2 3 4.5 6.7", header: header)], keeping: keys)
        #expect(cache.entries(keeping: keys)["ar.json"]?.header == header)
        // Any field cut short, or one this program does not write, is a foreign note.
        let fields = HeaderFields.encode(header)
        for cut in [1, 7, fields.count - 2, fields.count - 1] {
            #expect(HeaderFields.decode(fields[..<cut]) == nil, "cut at \(cut)")
        }
        #expect(HeaderFields.decode(ArraySlice(fields + Array("colour\t3\tred\n".utf8))) == nil)
        #expect(HeaderFields.decode(ArraySlice(Array("language\t2\tar\nname\t1\tA\ndirection\t3\tup!\nstatus\t5\tdraft\n".utf8))) == nil)
    }

    @Test func anAbsurdByteCountIsATornFileNotACrash() throws {
        let path = Fixtures.temporaryDirectory() + "-language-headers"
        let text = LanguageHeaderCache.firstLine(keeping: keys) + "en.json\t1 2 3 4.5 6.7\t\(Int.max)\n{}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(LanguageHeaderCache(path: path).entries(keeping: keys).isEmpty)
    }
}
