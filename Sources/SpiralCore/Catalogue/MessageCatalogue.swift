#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Why a language file was left out, for the log and for `spiral check`.
public struct LanguageLoadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}

/// Every installed language, with ICU formatting and fallback: a message missing in `zh-Hant`
/// comes from `zh`, then from English, so a parent never sees a blank or a raw key.
public final class MessageCatalogue: @unchecked Sendable {
    // @unchecked: the language table is immutable after init; the template cache is guarded by `lock`.
    public static let sourceLanguage = "en"

    /// Every usable language file. In a catalogue loaded `lazily`, `messages` here holds only the
    /// first screen's messages until the language is used: read messages through `messages(for:)`.
    public let languages: [String: LanguageFile]
    /// Files that could not be used, with the reason. The other languages still work.
    public let problems: [LanguageLoadProblem]
    /// Lazily loaded files, until their messages are first needed.
    private let unread: [String: LanguageFileReader.Unread]
    private let lock = Lock()
    private var templates: [String: MessageTemplate] = [:]
    private var decoded: [String: [String: String]] = [:]
    private var decodedSpeech: [String: [String: String]] = [:]
    private var textIndex: [String: [String: [String]]] = [:]
    /// Each language's fallback chain, worked out once: every message formatted asks for it.
    private var chains: [String: [String]] = [:]

    public convenience init(languages: [LanguageFile], problems: [LanguageLoadProblem] = []) {
        self.init(languages: languages, problems: problems, unread: [:])
    }

    private init(languages: [LanguageFile], problems: [LanguageLoadProblem], unread: [String: LanguageFileReader.Unread]) {
        var table: [String: LanguageFile] = [:]
        for file in languages { table[file.language] = file }
        self.languages = table
        self.problems = problems
        self.unread = unread
    }

    /// Loads every `*.json` in `directory`. A broken file is left out with its reason.
    ///
    /// `lazily` (the kiosk): each file is checked to be valid JSON with its metadata and read for
    /// the first screen's few messages; the rest are decoded when the language is first used.
    /// Decoding all ten files took 6 of the 26 ms before a parent saw the first screen
    /// (docs/benchmarks.md). A file whose messages turn out unreadable then is logged and shown
    /// in English; `spiral check` (which loads eagerly) reports it exactly. Half the files are
    /// read on a second thread, joined before this returns (the kiosk forks after loading).
    /// With `headers` (the kiosk), what was cut out of each file is noted by the file's stamp and
    /// an unchanged file is not scanned again (`LanguageHeaderCache`).
    public static func load(directory: String, lazily: Bool = false, headers: LanguageHeaderCache? = nil) -> MessageCatalogue {
        var files: [LanguageFile] = []
        var problems: [LanguageLoadProblem] = []
        var unread: [String: LanguageFileReader.Unread] = [:]
        let names = FileSystemCalls.listDirectory(directory).filter { $0.hasSuffix(".json") }.sorted()
        let noted = lazily ? headers?.entries(keeping: firstScreenKeys) ?? [:] : [:]
        // Each file's stamp, looked at once: whether to scan on both cores, and what is noted.
        var stamps: [String: String] = [:]
        if lazily { for name in names { stamps[name] = FileSystemCalls.changeStamp(directory + "/" + name) } }
        let read = { @Sendable [stamps] (name: String) in
            LanguageFileReader.read(path: directory + "/" + name, headerOnly: lazily, stamp: stamps[name],
                                    noted: noted[name], settle: headers?.settle ?? 2)
        }
        // The kiosk's start: files still to be scanned, the second half of them on the other core.
        let half = names.count / 2
        let scanning = lazily && half > 0 && names.contains { noted[$0]?.stamp != stamps[$0] }
        let secondHalf = scanning ? Background { names[half...].map(read) } : nil
        let results = (secondHalf == nil ? names[...] : names[..<half]).map(read) + ((try? secondHalf?.value()) ?? [])
        var notes: [String: LanguageHeaderCache.Entry] = [:]
        for (name, result) in zip(names, results) {
            switch result {
            case let .read(read):
                files.append(read.file)
                if lazily { unread[read.file.language] = read.unread }
                if let note = read.note { notes[name] = note }
            case let .refused(problem): problems.append(problem)
            }
        }
        if let headers, lazily, notes != noted { headers.save(notes, keeping: firstScreenKeys) }
        return MessageCatalogue(languages: files, problems: problems, unread: unread)
    }

    /// The espeak-ng voice named by a language's file.
    public func voice(of tag: String) -> String? { languages[tag]?.voice }

    /// A language's spoken versions of messages (decoded on first use when loaded lazily).
    public func speechVariants(for tag: String) -> [String: String] {
        if let speech = languages[tag]?.speech { return speech }
        guard let source = unread[tag] else { return [:] }
        return lock.withLock {
            if let cached = decodedSpeech[tag] { return cached }
            struct Speech: Decodable { var speech: [String: String]? }
            let speech = source.contents().flatMap { try? JSONDecoder().decode(Speech.self, from: $0) }?.speech ?? [:]
            decodedSpeech[tag] = speech
            return speech
        }
    }

    /// The keys of the messages whose whole text is `text` in `tag` (messages without
    /// arguments; one text can be several messages, "Welcome" a title and a section), so that a
    /// screen's words can be matched to a spoken variant or a centre's recording.
    public func keys(forText text: String, in tag: String) -> [String] {
        let table: [String: [String]] = lock.withLock { textIndex[tag] } ?? {
            var index: [String: [String]] = [:]
            for (key, pattern) in messages(for: tag) where !pattern.contains("{") {
                // The text as shown: ICU turns a doubled apostrophe into one.
                index[pattern.replacing("''", with: "'"), default: []].append(key)
            }
            for k in index.keys { index[k]!.sort() }
            lock.withLock { textIndex[tag] = index }
            return index
        }()
        return table[text] ?? []
    }

    /// Messages a kiosk shows before a language is chosen, in every language at once, with the
    /// staff's lines and the read-aloud key: decoding all of en.json for those took 5 million
    /// instructions before the first screen (docs/benchmarks.md).
    static let firstScreenKeys = ["ui.language.title", "ui.language.draft", "ui.language.question", "ui.language.not_found",
                                  "ui.keys.speech", "staff.no_passphrase", "staff.not_sealed", "staff.display_left_out"]

    /// Every message of one language (decoded on first use when the catalogue was loaded lazily).
    public func messages(for tag: String) -> [String: String] {
        guard let source = unread[tag] else { return languages[tag]?.messages ?? [:] }
        lock.lock()
        defer { lock.unlock() }
        if let done = decoded[tag] { return done }
        var messages = languages[tag]?.messages ?? [:]
        if let data = source.contents() {
            do {
                messages = try JSONTree.decode(LanguageFile.self, from: data, reading: LanguageFile.init(tree:)).messages
            } catch {
                brokenMessages.insert("\(tag).json: its messages cannot be read (\(JSONProblem.describe(error, in: data))); English is shown instead")
            }
        } else {
            brokenMessages.insert("\(tag).json: cannot be read any more (check that the file exists and is readable); English is shown instead")
        }
        decoded[tag] = messages
        return messages
    }

    /// The languages whose files have been decoded whole since a lazy load (for tests).
    var languagesDecodedWhole: [String] { lock.withLock { decoded.keys.sorted() } }

    /// Installed languages, English first, then by tag.
    public var tags: [String] {
        languages.keys.sorted { a, b in
            if a == Self.sourceLanguage { return true }
            if b == Self.sourceLanguage { return false }
            return a < b
        }
    }

    /// The closest installed language for a requested tag (`zh-Hant-TW` → `zh-Hant`), or nil.
    public func bestMatch(for tag: String) -> String? {
        let canonical = LocaleFormat.canonicalTag(tag)
        for candidate in LocaleFormat.fallbackChain(canonical) {
            if languages[candidate] != nil { return candidate }
            if let hit = languages.keys.first(where: { $0.lowercased() == candidate.lowercased() }) { return hit }
        }
        // "zh" asks for some Chinese: offer the first installed variant (zh-Hans before zh-Hant).
        let base = canonical.split(separator: "-").first.map(String.init)?.lowercased() ?? canonical
        return languages.keys.sorted().first { $0.lowercased().hasPrefix(base + "-") }
    }

    /// The languages tried for a message, most specific first, ending in English.
    public func chain(for language: String) -> [String] {
        if let known = lock.withLock({ chains[language] }) { return known }
        var chain = LocaleFormat.fallbackChain(language).filter { languages[$0] != nil }
        if !chain.contains(Self.sourceLanguage) { chain.append(Self.sourceLanguage) }
        lock.withLock { chains[language] = chain }
        return chain
    }

    public func direction(of language: String) -> TextDirection {
        chain(for: language).lazy.compactMap { self.languages[$0]?.direction }.first ?? .leftToRight
    }

    public func hasMessage(_ key: String, in language: String) -> Bool {
        pattern(key, in: language) != nil
    }

    /// One message's pattern. The first screen's words come from the header, so showing every
    /// language's name with its "draft" note does not decode every file.
    private func pattern(_ key: String, in tag: String) -> String? {
        if unread[tag] != nil {
            lock.lock()
            let done = decoded[tag]
            lock.unlock()
            if let done { return done[key] }
            if let early = languages[tag]?.messages[key] { return early }
        }
        return messages(for: tag)[key]
    }

    /// Formats `key` in `language`, falling back along the chain when a message is missing or
    /// does not format. Only if every language fails (which `spiral check` catches first) is a
    /// neutral placeholder shown, never the key itself.
    public func format(_ key: String, language: String, _ args: [String: MessageArgument] = [:],
                       locale: String? = nil) -> String {
        for tag in chain(for: language) {
            guard let pattern = pattern(key, in: tag), !pattern.isEmpty else { continue }
            if let text = Self.plainText(pattern)
                ?? template(pattern, locale: tag == language ? (locale ?? tag) : tag, key: key).flatMap({ try? $0.format(args) }) {
                // A fallback in the other direction (English in a Persian file) keeps its own:
                // isolated, it is drawn in its order inside a right-to-left screen, not reversed.
                if tag != language, direction(of: tag) != direction(of: language) {
                    return (direction(of: tag) == .leftToRight ? "\u{2066}" : "\u{2067}") + text + "\u{2069}"
                }
                return text
            }
        }
        return "…"
    }

    /// A pattern with no braces and no apostrophes says exactly what it shows: ICU's message
    /// format has nothing to do for it, and compiling it there was most of the 680,000
    /// instructions the language screen spent on its words (CatalogueTests checks every shipped
    /// message of this kind against ICU).
    static func plainText(_ pattern: String) -> String? {
        pattern.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "'") } ? nil : pattern
    }

    private func template(_ pattern: String, locale: String, key: String) -> MessageTemplate? {
        let cacheKey = locale + "\u{0}" + pattern
        lock.lock()
        defer { lock.unlock() }
        if let t = templates[cacheKey] { return t }
        do {
            let t = try MessageTemplate(pattern: pattern, locale: locale)
            templates[cacheKey] = t
            return t
        } catch {
            brokenMessages.insert("\(locale): \(key): \(error.description)")
            return nil
        }
    }

    private var brokenMessages: Set<String> = []

    /// Messages that ICU rejected while formatting (shown from the next language in the chain
    /// instead), for the staff log. Each is returned once.
    public func takeBrokenMessages() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let list = brokenMessages.sorted().filter { !reported.contains($0) }
        reported.formUnion(list)
        return list
    }

    private var reported: Set<String> = []
}

/// Reads one language file, with errors that name the file and say how to fix it.
public enum LanguageFileReader: Sendable {
    public static func read(path: String) -> Result<LanguageFile, LanguageLoadProblem> {
        switch read(path: path, headerOnly: false) {
        case let .read(read): .success(read.file)
        case let .refused(problem): .failure(problem)
        }
    }

    /// A file read, or why it was left out. Not a `Result`: the first `Result` with this failure
    /// type costs the runtime a scan of every protocol conformance in the program (about 300,000
    /// instructions) to check that the failure is an `Error`, on the kiosk's way to its first screen.
    enum Outcome: Sendable {
        case read(HeaderRead)
        case refused(LanguageLoadProblem)
    }

    /// A file read for the kiosk's start: its header, where its messages are for later, and
    /// (when its stamp held while it was read) what was cut out of it, to note for the next start.
    struct HeaderRead: Sendable {
        var file: LanguageFile
        var unread: Unread
        var note: LanguageHeaderCache.Entry?
    }

    /// A language file's messages before they are first needed: the bytes read at the start, or,
    /// when its note stood in for reading it (the file unchanged since it was noted), the file,
    /// read when its language is first chosen. Reading ten 40 KB files that a start mostly never
    /// decodes was the largest part of the language files' cost before the first screen (the
    /// kernel copying them into freshly faulted pages: docs/benchmarks.md).
    enum Unread: Sendable {
        case bytes(Data)
        case file(String)

        /// The file's bytes, or nil when the file can no longer be read.
        func contents() -> Data? {
            switch self {
            case let .bytes(data): data
            case let .file(path): FileManager.default.contents(atPath: path)
            }
        }
    }

    /// The header in a reduced document (`LanguageHeaderScanner`), when it reads as one.
    private static func header(of reduced: Data) -> LanguageFile? {
        JSONTree.parse(reduced).flatMap(LanguageHeader.init(tree:))?.file
    }

    /// With `headerOnly`, the whole file is still checked to be JSON, but of its messages only
    /// `MessageCatalogue.firstScreenKeys` are decoded; the file's bytes come back for later. A
    /// `noted` header stands in for the file when the file's stamp is the one noted: the file is
    /// then not read until its language is used.
    /// `stamp`: the file's, just looked at (`FileSystemCalls.changeStamp`), with `headerOnly`.
    static func read(path: String, headerOnly: Bool, stamp: String? = nil, noted: LanguageHeaderCache.Entry? = nil,
                     settle: Int = 2) -> Outcome {
        let name = PathName.name(path)
        let expected = PathName.removingExtension(name)
        // Unchanged since it was noted: the note stands in for the file, which is read when its
        // language is first used.
        if let noted, let stamp, noted.stamp == stamp, noted.header.language == expected {
            return .read(HeaderRead(file: noted.header, unread: .file(path), note: noted))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .refused(.init(file: name, reason: "cannot be read: check that the file exists and is readable"))
        }
        let steady = stamp != nil && FileSystemCalls.changeStamp(path) == stamp
        do {
            // The header from a small document of just what it needs, when the file scans as
            // plain JSON; otherwise (or if that fails) the whole file, for the exact same verdict.
            // (A usable note for this stamp was taken above, without reading the file.)
            let reduced = headerOnly ? LanguageHeaderScanner.reduced(data, keepingMessages: MessageCatalogue.firstScreenKeys) : nil
            let quick = reduced.flatMap(header(of:))  // JSONTree says why
            let file = try quick ?? (headerOnly ? try JSONTree.decode(LanguageHeader.self, from: data, reading: LanguageHeader.init(tree:)).file
                                                : try JSONTree.decode(LanguageFile.self, from: data, reading: LanguageFile.init(tree:)))
            if file.language != expected {
                return .refused(.init(file: name, reason: "says \"language\": \"\(file.language)\" but is named \(name): rename the file to \(file.language).json or fix the tag"))
            }
            // Noted only when it held still, and was not written within the last `settle` seconds.
            let notable = headerOnly && steady && (noted?.stamp == stamp || !FileSystemCalls.changedWithin(settle, path))
            let note = notable ? stamp.map { LanguageHeaderCache.Entry(stamp: $0, header: file) } : nil
            return .read(HeaderRead(file: file, unread: .bytes(data), note: note))
        } catch {
            return .refused(.init(file: name, reason: JSONProblem.describe(error, in: data)))
        }
    }
}

/// Decoding errors for the centre's own files (prompts, languages, config) in words a
/// coordinator can act on: where, what was expected, how to fix.
public enum JSONProblem: Sendable {
    public static func describe(_ error: any Error, in data: Data) -> String {
        func path(_ c: [any CodingKey]) -> String {
            c.isEmpty ? "the top level" : c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        guard let e = error as? DecodingError else { return "is not valid JSON" }
        switch e {
        case let .dataCorrupted(ctx):
            if ctx.codingPath.isEmpty {
                if !JSONValue.isJSON(data) {
                    let underlying = ctx.underlyingError.map(JSONProblem.debugDescription)
                    return "is not valid JSON" + (underlying.map { " (\($0))" } ?? "") + ": check for a missing comma, quote or bracket"
                }
                return "is not valid JSON: \(ctx.debugDescription)"
            }
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        case let .keyNotFound(key, ctx):
            return "\(path(ctx.codingPath)) is missing \"\(key.stringValue)\": add it"
        case let .typeMismatch(type, ctx):
            return "\(path(ctx.codingPath)) should be \(typeName(type))"
        case let .valueNotFound(type, ctx):
            return "\(path(ctx.codingPath)) should be \(typeName(type)), not null"
        @unknown default:
            return "is not valid JSON"
        }
    }

    /// What the JSON parser said was wrong, and where ("Unexpected character … around line 3").
    static func debugDescription(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let text = cocoa.userInfo["NSDebugDescription"] as? String { return text }
        return String(describing: error)
    }

    private static func typeName(_ type: Any.Type) -> String {
        let n = String(describing: type)
        if n.hasPrefix("Dictionary") { return "an object { … }" }
        if n.hasPrefix("Array") { return "a list [ … ]" }
        if n == "String" { return "text in quotes" }
        if n == "Int" || n == "Double" { return "a number" }
        if n == "Bool" { return "true or false" }
        return "a \(n)"
    }
}
