import Foundation
import Testing
@testable import SpiralCore

/// The kiosk reads each language file's header from a small document the scanner cuts out; it
/// must accept and read exactly what decoding the whole file accepts and reads.
@Suite struct LanguageHeaderScannerTests {
    static let keys = MessageCatalogue.firstScreenKeys

    static func whole(_ data: Data) -> LanguageFile? { try? JSONDecoder().decode(LanguageHeader.self, from: data).file }

    static func quick(_ data: Data) -> LanguageFile? {
        LanguageHeaderScanner.reduced(data, keepingMessages: keys).flatMap { try? JSONDecoder().decode(LanguageHeader.self, from: $0).file }
    }

    static func shipped() throws -> [Data] {
        let folder = Fixtures.root + "/Localizations"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
            .map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }
    }

    @Test func everyShippedFileReadsTheSameHeaderBothWays() throws {
        let files = try Self.shipped()
        #expect(files.count >= 10)
        for data in files {
            let quick = try #require(Self.quick(data))
            #expect(quick == Self.whole(data))
            #expect(quick.messages.count == Self.keys.count)
        }
    }

    @Test func aDamagedFileIsNeverAcceptedByTheShortcut() throws {
        var rng = SystemRandomNumberGenerator()
        let files = try Self.shipped()
        for round in 0..<300 {
            var bytes = [UInt8](files[round % files.count])
            switch round % 6 {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))         // cut short
            case 1: bytes.insert(UInt8(ascii: ","), at: Int.random(in: 0..<bytes.count, using: &rng)) // a stray comma
            case 2: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = 0x01                        // a control character
            case 3: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = 0xFF                        // not UTF-8
            case 4: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))                    // a byte lost
            default: bytes.insert(contentsOf: Array(#"\q"#.utf8), at: Int.random(in: 0..<bytes.count, using: &rng))
            }
            let data = Data(bytes)
            let whole = Self.whole(data)
            if let quick = Self.quick(data) {
                // Accepted by the shortcut only when the whole file is accepted, and read the same.
                #expect(whole == quick, "round \(round)")
            }
        }
    }

    @Test func unusualButValidJSONFallsBackToTheWholeFile() throws {
        let plain = #"{"language": "xx", "name": "X", "direction": "ltr", "status": "draft", "messages": {"ui.language.title": "T"}}"#
        #expect(Self.quick(Data(plain.utf8)) == Self.whole(Data(plain.utf8)))
        for odd in ["\u{FEFF}" + plain,                                           // byte-order mark
                    plain.replacingOccurrences(of: #""T""#, with: #""\ud83d\ude00""#), // an escaped surrogate pair
                    plain.replacingOccurrences(of: #""name""#, with: #""n\u0061me""#)] { // an escape in a key
            #expect(LanguageHeaderScanner.reduced(Data(odd.utf8), keepingMessages: Self.keys) == nil)
        }
    }
}
