import Testing
@testable import SpiralText

/// Text whose every code point stands alone (Chinese, Korean syllables, Greek, Latin, unmarked
/// Arabic) is cut into clusters without ICU's iterator; the cuts must be the ones ICU and Swift
/// make. Text with marks, jamo, emoji sequences or CR LF still goes through ICU.
@Suite struct ClusterFastPathTests {
    static let alone: [ClosedRange<UInt32>] = [0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x4E00...0x4E80, 0xAC00...0xAC40,
                                               0x391...0x3A9, 0x627...0x64A, 0x1EA0...0x1EF9, 0x3001...0x3002, 0x0A...0x0A]
    static let joining: [UInt32] = [0x301, 0x64B, 0x651, 0x93F, 0x94D, 0x200D, 0xFE0F, 0x1F600, 0x1F1E6, 0x1100, 0x1161, 0x0D]

    static func random(_ n: Int, joiningToo: Bool, using rng: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<n {
            if joiningToo, Int.random(in: 0..<4, using: &rng) == 0 {
                scalars.append(Unicode.Scalar(joining.randomElement(using: &rng)!)!)
            } else {
                let range = alone.randomElement(using: &rng)!
                scalars.append(Unicode.Scalar(UInt32.random(in: range, using: &rng))!)
            }
        }
        return String(scalars)
    }

    @Test func clustersAreTheCharactersSwiftSees() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<400 {
            let text = Self.random(Int.random(in: 1...60, using: &rng), joiningToo: round % 2 == 1, using: &rng)
            let units = Array(text.utf16)
            let clusters = ICU.clusters(units)
            // Swift's Characters follow the same UAX #29 rules for these scripts (no Indic
            // conjunct here, where Unicode 15.1 and ICU 72 differ).
            let expected = text.indices.map { text.utf16.distance(from: text.utf16.startIndex, to: $0) }
            #expect(clusters.map(\.range.lowerBound) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(clusters.last?.range.upperBound == units.count)
        }
    }
}
