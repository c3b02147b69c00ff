import Testing
@testable import SpiralText

/// Wrapping works on UTF-16 units transcoded from the string's UTF-8, and cuts each line out of
/// the text by UTF-8 offsets counted from those units. Any slip there shows as a line that is not
/// the text's own (a letter lost, doubled or cut in half) or one that keeps white space it should
/// drop: checked here over random text in every script Spiral ships, with marks, emoji, surrogate
/// pairs, CR LF and the other line ends.
@Suite struct WrapSlicingTests {
    static let letters: [ClosedRange<UInt32>] = [0x41...0x5A, 0x61...0x7A, 0x4E00...0x4E80, 0xAC00...0xAC40, 0x391...0x3A9,
                                                 0x627...0x64A, 0x1EA0...0x1EF9, 0xE01...0xE30, 0x915...0x939, 0x1F600...0x1F64F]
    static let others: [UInt32] = [0x20, 0x20, 0x20, 0x09, 0xA0, 0x3000, 0x2003, 0x0A, 0x0D, 0x85, 0x2028, 0x301, 0x64B,
                                   0x93F, 0x94D, 0xE31, 0xE48, 0x200D, 0xFE0F, 0x1F1E6, 0x1100, 0x1161, 0x600, 0x3001, 0x2C]

    static func random(using rng: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...90, using: &rng) {
            let value = Int.random(in: 0..<10, using: &rng) < 3
                ? others.randomElement(using: &rng)!
                : UInt32.random(in: letters.randomElement(using: &rng)!, using: &rng)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    static func mayBeTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: true
        default: scalar.properties.isWhitespace
        }
    }

    @Test func theUnitsAreTheStringsOwnUTF16() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = Self.random(using: &rng)
            #expect(ICU.utf16(text) == Array(text.utf16))
            #expect(UnicodeText.displayWidth(text) == ICU.clusters(Array(text.utf16)).reduce(0) { $0 + $1.columns })
        }
    }

    @Test func everyLineIsTheTextsOwnInOrderWithOnlyWhiteSpaceBetween() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<600 {
            let text = Self.random(using: &rng)
            let width = [2, 3, 7, 12, 40][round % 5]
            let locale = ["en", "th", "ko", "zh-Hans", "ar", "hi", "vi"][round % 7]
            let lines = UnicodeText.wrapWithICU(text, width: width, locale: locale)
            var rest = text.unicodeScalars[...]
            for line in lines {
                // Old and new trimming agree: what is left at a line's end is not white space.
                #expect(line == LineWrapper.trimmingTrailingWhitespace(line), "\(locale) \(width): \(text.debugDescription)")
                // What lies between lines was trimmed: white space, with any marks it carried.
                while !rest.starts(with: line.unicodeScalars), let first = rest.first, Self.mayBeTrimmed(first) {
                    rest.removeFirst()
                }
                #expect(rest.starts(with: line.unicodeScalars), "\(line.debugDescription) is not next in \(text.debugDescription)")
                rest = rest.dropFirst(line.unicodeScalars.count)
            }
            #expect(rest.allSatisfy(Self.mayBeTrimmed), "\(text.debugDescription) lost \(String(rest).debugDescription)")
        }
    }
}
