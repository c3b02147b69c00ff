#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A language file's header and first-screen messages without decoding the whole file, for the
/// kiosk's start (docs/benchmarks.md: decoding ten 30 KB files whole was a third of the
/// instructions before the first screen, most of it JSONDecoder building a map of every message
/// and asking the runtime about each type). One strict pass over the bytes checks the file is
/// JSON and notes where the header's values and the first screen's messages are; a document of
/// just those is then decoded as before.
///
/// Anything unusual (a byte-order mark, an escape in a key, an escaped surrogate, nesting past 64
/// levels, a number or byte JSON does not allow) gives nil, and the caller decodes the whole file
/// as before: a file is accepted, or refused with the same sentence, exactly as it was.
enum LanguageHeaderScanner {
    /// The top-level members kept: what `LanguageHeader` reads.
    static let headerKeys: Set<String> = ["language", "name", "englishName", "direction", "status", "reviewedBy", "voice"]

    static func reduced(_ data: Data, keepingMessages keys: [String]) -> Data? {
        let wanted = keys.map { Array($0.utf8) }
        let header = headerKeys.map { Array($0.utf8) }
        // A handful of keys, compared byte for byte: cheaper than hashing every member's key.
        func among(_ key: Range<Int>, _ list: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            list.contains { $0.count == key.count && $0.elementsEqual(bytes[key]) }
        }
        return data.withUnsafeBytes { raw -> Data? in
            var scanner = StrictJSONScanner(bytes: raw.bindMemory(to: UInt8.self))
            guard let top = scanner.document() else { return nil }
            var out: [UInt8] = Array("{".utf8)
            out.reserveCapacity(2048)
            /// `"key":value`, after a comma unless it is the first in its object.
            func member(_ key: Range<Int>, _ value: Range<Int>, first: inout Bool) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(UInt8(ascii: "\""))
                out += scanner.bytes[key]
                out += Array("\":".utf8)
                out += scanner.bytes[value]
            }
            var first = true
            var nextMessages = 0
            // In the file's order, so duplicate keys decode as they would have in the whole file:
            // the header's members, and each "messages" (cut down to the wanted keys when it is
            // an object; as it is otherwise, for the decode to refuse).
            for (key, value) in top.members {
                if scanner.isMessages(key), scanner.bytes[value.lowerBound] == UInt8(ascii: "{") {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out += Array("\"messages\":{".utf8)
                    var firstMessage = true
                    for (key, value) in top.messages[nextMessages] where among(key, wanted, in: scanner.bytes) {
                        member(key, value, first: &firstMessage)
                    }
                    nextMessages += 1
                    out.append(UInt8(ascii: "}"))
                } else if among(key, header, in: scanner.bytes) || scanner.isMessages(key) {
                    member(key, value, first: &first)
                }
            }
            out.append(UInt8(ascii: "}"))
            return Data(out)
        }
    }
}
