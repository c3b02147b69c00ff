#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON document parsed strictly (StrictJSONScanner) into a tree, members in the file's
/// order, for the files the kiosk reads at every start. JSONDecoder's generic `Decodable`
/// machinery asks the Swift runtime about every type it meets, which in the static kiosk is most
/// of the cost of reading a file: the prompt script took 7 million instructions through it, a
/// language file's messages 5 million (docs/benchmarks.md). Readers built on this tree
/// (`PromptScript(tree:)`, `LanguageFile(tree:)`, `LanguageHeader(tree:)`,
/// `CentreConfig(tree:)`) decode exactly what the `Decodable` conformance would, and give nil
/// for anything else, where `decode(_:from:reading:)` falls back to JSONDecoder for the same
/// result or the same message as before. JSONTreeReadersTests checks the two agree.
indirect enum JSONTree: Equatable, Sendable {
    case null
    case bool(Bool)
    /// As written in the file ("12", "-1.5e3").
    case number(String)
    case string(String)
    case array([JSONTree])
    case object([Member])

    struct Member: Equatable, Sendable {
        var key: String
        var value: JSONTree
    }

    /// `data` read through `read` when it is plain JSON that `read` accepts, else through
    /// JSONDecoder (the same value, or JSONDecoder's error for the caller to describe).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, reading read: (JSONTree) -> T?) throws -> T {
        if let value = parse(data).flatMap(read) { return value }
        return try JSONDecoder().decode(type, from: data)
    }

    /// The document, or nil if it is not plain JSON (anything StrictJSONScanner refuses, or a
    /// key with an escape in it).
    static func parse(_ data: Data) -> JSONTree? {
        data.withUnsafeBytes { raw -> JSONTree? in
            var scanner = StrictJSONScanner(bytes: raw.bindMemory(to: UInt8.self))
            scanner.skipSpace()
            guard let tree = scanner.tree() else { return nil }
            scanner.skipSpace()
            return scanner.i == scanner.bytes.count ? tree : nil
        }
    }
}

extension StrictJSONScanner {
    /// The value at `i` as a tree.
    mutating func tree() -> JSONTree? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            var members: [JSONTree.Member] = []
            let closed = container(closing: UInt8(ascii: "}")) { scanner in
                guard let key = scanner.memberKey(), let value = scanner.tree() else { return false }
                members.append(JSONTree.Member(key: scanner.text(key), value: value))
                return true
            }
            return closed ? .object(members) : nil
        case UInt8(ascii: "["):
            var elements: [JSONTree] = []
            let closed = container(closing: UInt8(ascii: "]")) { scanner in
                guard let value = scanner.tree() else { return false }
                elements.append(value)
                return true
            }
            return closed ? .array(elements) : nil
        case UInt8(ascii: "\""):
            return string(allowEscapes: true).map { .string(text($0)) }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default:
            let start = i
            return number() ? .number(String(decoding: bytes[start..<i], as: UTF8.self)) : nil
        }
    }

    /// The text of a string whose contents `string(allowEscapes:)` found at `range` (so its
    /// UTF-8 and escapes are known to be good, and no escape is half of a surrogate pair).
    func text(_ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard slice.contains(UInt8(ascii: "\\")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var j = range.lowerBound
        while j < range.upperBound {
            let b = bytes[j]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                j += 1
                continue
            }
            switch bytes[j + 1] {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var value: UInt32 = 0
                for k in 2...5 { value = value << 4 | (hex(bytes[j + k]) ?? 0) }
                out += Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
                j += 6
                continue
            case let other: out.append(other)  // \" \\ \/
            }
            j += 2
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reading a `JSONTree` the way a synthesized `Decodable` conformance reads JSON: a member that
/// is missing or null is nil for an optional and a failure for anything else; a value of the
/// wrong kind, a number that is not a plain whole number where an Int is wanted, a raw value an
/// enum does not have, or a key given twice is `JSONTree.Unusual`, and the caller leaves the
/// file to JSONDecoder.
extension JSONTree {
    struct Unusual: Error {}

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// An object's members by key.
    struct Fields {
        /// A small object's members, searched in order: a dictionary for each of the prompt
        /// script's 150 small objects, hashing every key twice, was a fifth of reading the script
        /// on the kiosk's way to its first screen (docs/benchmarks.md).
        private let list: [Member]
        /// A larger object's members by key.
        private let index: [String: JSONTree]?
        /// Up to this many members, comparing keys beats hashing them.
        static let searchedInOrder = 16

        init(_ tree: JSONTree) throws(Unusual) {
            guard case let .object(list) = tree else { throw Unusual() }
            if list.count <= Self.searchedInOrder {
                for (i, member) in list.enumerated() where list[..<i].contains(where: { $0.key == member.key }) {
                    throw Unusual()  // a key twice
                }
                self.list = list
                self.index = nil
                return
            }
            var members: [String: JSONTree] = [:]
            members.reserveCapacity(list.count)
            for member in list {
                guard members.updateValue(member.value, forKey: member.key) == nil else { throw Unusual() }
            }
            self.list = []
            self.index = members
        }

        private func value(_ key: String) -> JSONTree? {
            if let index { return index[key] }
            return list.first { $0.key == key }?.value
        }

        func required<T>(_ key: String, _ read: (JSONTree) throws(Unusual) -> T) throws(Unusual) -> T {
            guard let value = value(key), !value.isNull else { throw Unusual() }
            return try read(value)
        }

        func optional<T>(_ key: String, _ read: (JSONTree) throws(Unusual) -> T) throws(Unusual) -> T? {
            guard let value = value(key), !value.isNull else { return nil }
            return try read(value)
        }
    }

    static func string(_ tree: JSONTree) throws(Unusual) -> String {
        guard case let .string(text) = tree else { throw Unusual() }
        return text
    }

    static func bool(_ tree: JSONTree) throws(Unusual) -> Bool {
        guard case let .bool(value) = tree else { throw Unusual() }
        return value
    }

    static func int(_ tree: JSONTree) throws(Unusual) -> Int {
        guard case let .number(text) = tree, text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) }),
              let value = Int(text) else { throw Unusual() }
        return value
    }

    static func raw<E: RawRepresentable>(_ type: E.Type) -> (JSONTree) throws(Unusual) -> E where E.RawValue == String {
        { tree throws(Unusual) in
            guard let value = E(rawValue: try string(tree)) else { throw Unusual() }
            return value
        }
    }

    static func list<T>(_ read: @escaping (JSONTree) throws(Unusual) -> T) -> (JSONTree) throws(Unusual) -> [T] {
        { tree throws(Unusual) in
            guard case let .array(elements) = tree else { throw Unusual() }
            var out: [T] = []
            out.reserveCapacity(elements.count)
            for element in elements { out.append(try read(element)) }
            return out
        }
    }

    static func map<T>(_ read: @escaping (JSONTree) throws(Unusual) -> T) -> (JSONTree) throws(Unusual) -> [String: T] {
        { tree throws(Unusual) in
            guard case let .object(list) = tree else { throw Unusual() }
            var out: [String: T] = [:]
            out.reserveCapacity(list.count)
            for member in list {
                guard out.updateValue(try read(member.value), forKey: member.key) == nil else { throw Unusual() }
            }
            return out
        }
    }
}
