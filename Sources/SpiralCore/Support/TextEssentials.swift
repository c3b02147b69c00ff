import Glibc  // vsnprintf: printf's own rounding for coordinates

/// String helpers the kiosk needs from Foundation's internationalisation half, which it does not
/// link (`FoundationEssentials` has no `trimmingCharacters(in:)` or `String(format:)`).
extension String {
    /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`: line breaks stay).
    public var trimmingSpaces: String {
        trimmed { $0.isWhitespace && !$0.isNewline }
    }

    /// Without leading and trailing white space, line breaks included.
    public var trimmingWhiteSpace: String {
        trimmed { $0.isWhitespace }
    }

    private func trimmed(_ isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (printf's "%0Nd").
    public init(_ value: some BinaryInteger, zeroPaddedTo width: Int) {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        self = sign + String(repeating: "0", count: Swift.max(0, width - sign.count - digits.count)) + digits
    }

    /// Lower-case hexadecimal, two digits per byte.
    public init(hexBytes bytes: some Sequence<UInt8>) {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        self = String(decoding: out, as: UTF8.self)
    }

    /// `value` with exactly one decimal place, as printf's "%.1f" writes it (its own rounding of
    /// the exact binary value: 0.15 is "0.1", 0.25 is "0.2"), never a locale's comma.
    ///
    /// Worked out here for the numbers an export draws (under 10^14): the HTML export writes
    /// 20,000 coordinates for a 100-goal plan, and printf through a `va_list` took 7,700
    /// instructions for each, a third of the export (docs/benchmarks.md). The tenths are the exact
    /// value times ten rounded to the nearest, a tie to even, as printf does; fused multiply-add
    /// gives the exact sign of `value × 10 − (k + ½)`, so no rounding of the product can flip
    /// a decision. Other values (and TextEssentialsTests' comparison) go through printf.
    public init(oneDecimal value: Double) {
        guard value.isFinite, Swift.abs(value) < 1e14 else { self.init(oneDecimalByPrintf: value); return }
        var tenths = (value * 10).rounded(.down)
        if (-tenths).addingProduct(value, 10) < 0 { tenths -= 1 }  // the product rounded up to an integer
        let above = (-(tenths + 0.5)).addingProduct(value, 10)
        if above > 0 || (above == 0 && Int64(tenths) % 2 != 0) { tenths += 1 }
        let k = Int64(tenths)
        let negative = k < 0 || (k == 0 && value.sign == .minus)  // printf writes "-0.0" for -0.04
        self = (negative ? "-" : "") + String(k.magnitude / 10) + "." + String(k.magnitude % 10)
    }

    /// `String(oneDecimal:)` by printf itself.
    static func oneDecimalByPrintf(_ value: Double) -> String { String(oneDecimalByPrintf: value) }

    private init(oneDecimalByPrintf value: Double) {
        var buffer = [CChar](repeating: 0, count: 400)  // the longest double in %.1f fits
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.1f", $0) }
        // printf writes LC_NUMERIC's decimal point; "%.1f" has no other punctuation to confuse it with.
        self = String(decoding: buffer.prefix(Int(Swift.max(0, Swift.min(count, 399)))).map { $0 == 0x2C ? 0x2E : UInt8(bitPattern: $0) },
                      as: UTF8.self)
    }
}
