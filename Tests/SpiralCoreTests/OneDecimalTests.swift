import Testing
@testable import SpiralCore

/// `String(oneDecimal:)` writes what printf's "%.1f" writes, for every kind of number an export
/// draws: ties of the exact binary value to even, negative zero, huge and tiny magnitudes.
@Suite struct OneDecimalTests {
    static let awkward: [Double] = [
        0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.15, 0.25, 0.35, -0.25, 2.675, 1.45, 1.55, 9.95, 99.95, -99.95,
        0.949999999999999, 0.95, 12.5, 37.2, 1e13 + 0.05, 99_999_999_999_999.9, -1e14 + 1, 1e14, -1e14, 1e300,
        .ulpOfOne, -.ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan,
    ]

    @Test(arguments: awkward)
    func writesWhatPrintfWrites(_ value: Double) {
        #expect(String(oneDecimal: value) == String.oneDecimalByPrintf(value), "\(value)")
    }

    @Test func manyNumbersAtEveryScaleAndEveryTie() {
        var generator = SystemRandomNumberGenerator()
        var mismatches: [Double] = []
        for scale in [1.0, 10, 360, 1e4, 1e8, 1e13] {
            for _ in 0..<20_000 {
                let value = Double.random(in: -scale...scale, using: &generator)
                if String(oneDecimal: value) != String.oneDecimalByPrintf(value) { mismatches.append(value) }
            }
        }
        for k in -20_000...20_000 {  // every exact and near tie of hundredths and twentieths
            for value in [Double(k) / 20, Double(k) / 100, (Double(k) + 0.5) / 10, Double(k) * 0.05] {
                if String(oneDecimal: value) != String.oneDecimalByPrintf(value) { mismatches.append(value) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
