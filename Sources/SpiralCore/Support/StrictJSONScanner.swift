/// One strict pass over a JSON document's bytes (RFC 8259: no byte-order mark, no comments, no
/// trailing commas, well-formed UTF-8, nesting to 64 levels): the top level's members and its
/// "messages" object's, by byte range (LanguageHeaderScanner), or the whole document as a tree
/// (JSONTree). Anything unusual gives nil, and the caller decodes with JSONDecoder as before, so
/// every verdict and message on a broken file stays JSONDecoder's.
struct StrictJSONScanner {
    /// Where the top level's members are, and the members of each top-level "messages" object
    /// (a second "messages" key is kept too, so duplicates decode as they would have).
    struct TopLevel {
        /// Byte ranges in the file: each key (without its quotes) and its value.
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        var messages: [[(key: Range<Int>, value: Range<Int>)]] = []
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// What is being collected: the top level's members, a top-level "messages" object's, or
    /// nothing (any value deeper down is only checked).
    enum Level { case top, messages, other }
    var top = TopLevel()

    mutating func document() -> TopLevel? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{"), object(.top) else { return nil }
        skipSpace()
        return i == bytes.count ? top : nil
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    mutating func object(_ level: Level = .other) -> Bool {
        if level == .messages { top.messages.append([]) }
        return container(closing: UInt8(ascii: "}")) { scanner in
            guard let key = scanner.memberKey() else { return false }
            let start = scanner.i
            if level == .top, scanner.isMessages(key), scanner.i < scanner.bytes.count, scanner.bytes[scanner.i] == UInt8(ascii: "{") {
                guard scanner.object(.messages) else { return false }
            } else {
                guard scanner.value() else { return false }
            }
            switch level {
            case .top: scanner.top.members.append((key, start..<scanner.i))
            case .messages: scanner.top.messages[scanner.top.messages.count - 1].append((key, start..<scanner.i))
            case .other: break
            }
            return true
        }
    }

    /// A member's key and the colon after it, leaving `i` at its value: the key's range.
    mutating func memberKey() -> Range<Int>? {
        guard let key = plainKey() else { return nil }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        skipSpace()
        return key
    }

    mutating func array() -> Bool {
        container(closing: UInt8(ascii: "]")) { scanner in scanner.value() }
    }

    /// An object or array at `i`: `element` reads each member, commas between, `closing` at
    /// the end; nesting past 64 levels is refused.
    mutating func container(closing: UInt8, element: (inout StrictJSONScanner) -> Bool) -> Bool {
        depth += 1
        guard depth <= 64 else { return false }
        i += 1  // the opening bracket
        skipSpace()
        if i < bytes.count, bytes[i] == closing { i += 1; depth -= 1; return true }
        while true {
            skipSpace()
            guard element(&self) else { return false }
            skipSpace()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == closing { i += 1; depth -= 1; return true }
            return false
        }
    }

    mutating func value() -> Bool {
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string(allowEscapes: true) != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    /// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    mutating func number() -> Bool {
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { return false }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }

    /// A key with no escapes in it (every key Spiral writes): the range of its letters.
    mutating func plainKey() -> Range<Int>? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        return string(allowEscapes: false)
    }

    static let messagesKey = Array("messages".utf8)

    func isMessages(_ key: Range<Int>) -> Bool {
        key.count == Self.messagesKey.count && Self.messagesKey.elementsEqual(bytes[key])
    }

    /// A string at `i`: its contents' range. Control characters, bad escapes, escaped
    /// surrogates and invalid UTF-8 give nil. Most of a language file is strings, so the
    /// common bytes (printable ASCII, three-byte letters) take the shortest path.
    mutating func string(allowEscapes: Bool) -> Range<Int>? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var j = i + 1
        let start = j
        while j < n {
            let b = base[j]
            if b >= 0x80 {
                if b >= 0xE1 && b <= 0xEC && j + 2 < n && base[j + 1] & 0xC0 == 0x80 && base[j + 2] & 0xC0 == 0x80 {
                    j += 3
                    continue
                }
                if b >= 0xC2 && b <= 0xDF && j + 1 < n && base[j + 1] & 0xC0 == 0x80 {
                    j += 2
                    continue
                }
                guard let length = utf8Sequence(at: j) else { return nil }
                j += length
                continue
            }
            if b == UInt8(ascii: "\"") {
                i = j + 1
                return start..<j
            }
            if b < 0x20 { return nil }
            if b == UInt8(ascii: "\\") {
                guard allowEscapes, j + 1 < n else { return nil }
                switch base[j + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    j += 2
                case UInt8(ascii: "u"):
                    guard j + 5 < n else { return nil }
                    var scalar: UInt32 = 0
                    for k in 2...5 {
                        guard let h = hex(base[j + k]) else { return nil }
                        scalar = scalar << 4 | h
                    }
                    if (0xD800...0xDFFF).contains(scalar) { return nil }  // pairs: left to JSONDecoder
                    j += 6
                default: return nil
                }
                continue
            }
            j += 1
        }
        return nil
    }

    func hex(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The length of a well-formed UTF-8 sequence at `p` (Unicode table 3-7: no overlong
    /// forms, no surrogates, nothing past U+10FFFF), or nil.
    func utf8Sequence(at p: Int) -> Int? {
        let b0 = bytes[p]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            p + k < bytes.count && range.contains(bytes[p + k])
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }
}
