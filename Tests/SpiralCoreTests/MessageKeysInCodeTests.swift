import Foundation
import Testing
@testable import SpiralCore

/// Every message key the code names literally has an English message, and the kiosk's own keys
/// are in the list `spiral check` and the kiosk's start-up check, so a missing one is found at
/// load, not in front of a parent.
@Suite struct MessageKeysInCodeTests {
    static func keysNamedInSources() throws -> Set<String> {
        let sources = Fixtures.root + "/Sources"
        let pattern = try NSRegularExpression(pattern: #"(?:\bl|\bpractitioner|\bfamily|family\.l|\bw\.label|\bw\.text|\bwords\.label)\("([a-z_]+\.[a-z_.]+[a-z_])""#)
        var keys: Set<String> = []
        let files = FileManager.default.enumerator(atPath: sources)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                keys.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        return keys
    }

    @Test func everyKeyTheCodeNamesHasAnEnglishMessage() throws {
        let english = Fixtures.catalogue.messages(for: "en")
        let keys = try Self.keysNamedInSources()
        #expect(keys.count > 50)
        let missing = keys.filter { english[$0] == nil }.sorted()
        #expect(missing.isEmpty, "no English message for \(missing)")
    }

    @Test func theKiosksOwnKeysAreCheckedAtLoad() throws {
        let kioskKeys = try Self.keysNamedInSources().filter { $0.hasPrefix("ui.") || $0.hasPrefix("staff.") }
        let checked = Set(ContentValidator.programKeys)
        #expect(kioskKeys.subtracting(checked).sorted() == [])
    }
}
