import Foundation
import Testing
@testable import SpiralText

/// A line that fits is returned without ICU's line breaking: it must be exactly what ICU's
/// wrapping gives, for every message Spiral ships, at every width, and for the awkward cases.
@Suite struct WrapFastPathTests {
    static let localizations = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Localizations").standardized.path

    static func messages() throws -> [(language: String, text: String)] {
        var all: [(String, String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: localizations) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: localizations + "/" + name))
            let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let language = try #require(file["language"] as? String)
            let messages = try #require(file["messages"] as? [String: String])
            all += messages.values.map { (language, $0) }
        }
        return all
    }

    @Test func everyShippedMessageWrapsAsICUWrapsIt() throws {
        let all = try Self.messages()
        #expect(all.count > 3000)
        var shortcuts = 0
        for (language, text) in all {
            for width in [2, 12, 40, 78, 400] {
                if LineWrapper(text: text, width: width).fitsOneLine { shortcuts += 1 }
                #expect(UnicodeText.wrap(text, width: width, locale: language) == UnicodeText.wrapWithICU(text, width: width, locale: language),
                        "\(language) at \(width): \(text)")
            }
        }
        #expect(shortcuts > 1000)  // the shortcut is really taken
    }

    /// A width is summed in the shim without building the cluster list: the same sum.
    @Test func everyShippedMessageMeasuresAsItsClustersAddUp() throws {
        for (_, text) in try Self.messages() {
            #expect(UnicodeText.displayWidth(text) == ICU.clusters(Array(text.utf16)).reduce(0) { $0 + $1.columns }, "\(text)")
        }
    }

    @Test(arguments: ["", " ", "   ", "word  ", "  lead", "a\u{00A0}", "tab\t", "line\nend", "cr\rend", "ff\u{0C}x",
                      "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x", "👩‍👩‍👧 family", "e\u{301}\u{301}", "中文中文中文",
                      "한국어를 Enter를", "مرحبا بك", "हिन्दी", "\u{3000}ideographic\u{3000}"])
    func awkwardTextWrapsAsICUWrapsIt(text: String) {
        for width in [2, 3, 5, 8, 80] {
            for locale in ["en", "ko", "zh-Hans", "ar", "hi"] {
                #expect(UnicodeText.wrap(text, width: width, locale: locale) == UnicodeText.wrapWithICU(text, width: width, locale: locale))
            }
        }
    }
}
