import SpiralText

/// A language file's header as the start-up notes keep it (`LanguageHeaderCache`): each field
/// `name \t byte count \t value \n`, a message's name being `m ` and its key. Read back without
/// a JSON parser: parsing the notes as JSON, and building and freeing the trees, was 1.2 million
/// instructions of every start, about a third of a millisecond before the first screen
/// (docs/benchmarks.md). Values are counted, not escaped, so a message may hold any character.
enum HeaderFields {
    static func encode(_ header: LanguageFile) -> [UInt8] {
        var out: [UInt8] = []
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            out += Array("\(name)\t\(value.utf8.count)\t".utf8)
            out += Array(value.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        field("language", header.language)
        field("name", header.name)
        field("englishName", header.englishName)
        field("direction", header.direction.rawValue)
        field("status", header.status.rawValue)
        field("reviewedBy", header.reviewedBy)
        field("voice", header.voice)
        for (key, message) in header.messages.sorted(by: { $0.key < $1.key }) { field("m " + key, message) }
        return out
    }

    /// The header, or nil for anything but what `encode` writes (a torn or foreign note). Field
    /// names and counts are compared and read as bytes: making a string of each was half of this.
    static func decode(_ bytes: ArraySlice<UInt8>) -> LanguageFile? {
        var language: String?, name: String?, englishName: String?, direction: TextDirection?
        var status: ReviewStatus?, reviewedBy: String?, voice: String?
        var messages: [String: String] = [:]
        messages.reserveCapacity(MessageCatalogue.firstScreenKeys.count)
        let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let nameEnd = bytes[i...].firstIndex(of: tab), let countEnd = bytes[(nameEnd + 1)...].firstIndex(of: tab),
                  let count = number(bytes[(nameEnd + 1)..<countEnd]),
                  count < bytes.endIndex - countEnd - 1, bytes[countEnd + 1 + count] == newline
            else { return nil }
            let field = bytes[i..<nameEnd]
            let value = String(decoding: bytes[(countEnd + 1)..<(countEnd + 1 + count)], as: UTF8.self)
            if field.starts(with: messagePrefix) {
                messages[String(decoding: field.dropFirst(messagePrefix.count), as: UTF8.self)] = value
            } else if field.elementsEqual(Name.language) { language = value
            } else if field.elementsEqual(Name.name) { name = value
            } else if field.elementsEqual(Name.englishName) { englishName = value
            } else if field.elementsEqual(Name.direction) {
                guard let d = TextDirection(rawValue: value) else { return nil }
                direction = d
            } else if field.elementsEqual(Name.status) {
                guard let s = ReviewStatus(rawValue: value) else { return nil }
                status = s
            } else if field.elementsEqual(Name.reviewedBy) { reviewedBy = value
            } else if field.elementsEqual(Name.voice) { voice = value
            } else { return nil }
            i = countEnd + 2 + count
        }
        guard let language, let name, let direction, let status else { return nil }
        return LanguageFile(language: language, name: name, englishName: englishName, direction: direction, status: status,
                            reviewedBy: reviewedBy, messages: messages, voice: voice)
    }

    private static let messagePrefix = Array("m ".utf8)

    private enum Name {
        static let language = Array("language".utf8), name = Array("name".utf8), englishName = Array("englishName".utf8)
        static let direction = Array("direction".utf8), status = Array("status".utf8)
        static let reviewedBy = Array("reviewedBy".utf8), voice = Array("voice".utf8)
    }

    /// A count written in decimal digits, nothing else.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var n = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(d - UInt8(ascii: "0"))
        }
        return n
    }
}
