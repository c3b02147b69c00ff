#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import _CICU

/// Every call into the `_CICU` shim lives here, so the rest of SpiralText
/// deals only in Swift values. Text crosses as UTF-16, locales as BCP 47 tags;
/// each buffer the shim returns is copied into Swift and freed at once.
enum ICU {
    /// A failed ICU call: the ICU error code and its name ("U_UNMATCHED_BRACES").
    struct Failure: Error {
        let status: Int32
        /// Where ICU blamed the input (UTF-16 offset), for pattern errors.
        var utf16Offset = 0
        var name: String { String(cString: spiral_icu_error_name(status)) }
    }

    // MARK: Buffers

    /// Runs a shim function that returns a malloc'd UTF-16 buffer and reports a status.
    private static func string(
        _ call: (_ length: UnsafeMutablePointer<Int32>, _ status: UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<UInt16>?
    ) -> Result<String, Failure> {
        var length: Int32 = 0
        var status: Int32 = 0
        guard let buffer = call(&length, &status), status <= 0 else {
            return .failure(Failure(status: status > 0 ? status : 7 /* U_MEMORY_ALLOCATION_ERROR */))
        }
        defer { spiral_icu_free(buffer) }
        return .success(fromUTF16(UnsafeBufferPointer(start: buffer, count: Int(length))))
    }

    /// ICU's UTF-16 as a Swift string, transcoded in one pass into the string's own storage
    /// (`String(decoding:as: UTF16.self)` takes a slow generic path: a tenth of an export's time).
    /// Unpaired surrogates become U+FFFD, as `String(decoding:)` makes them.
    static func fromUTF16(_ units: UnsafeBufferPointer<UInt16>) -> String {
        String(unsafeUninitializedCapacity: units.count * 3) { out in
            var n = 0
            var i = 0
            func put(_ scalar: UInt32) {
                switch scalar {
                case ..<0x80:
                    out[n] = UInt8(scalar); n += 1
                case ..<0x800:
                    out[n] = UInt8(0xC0 | scalar >> 6); out[n + 1] = UInt8(0x80 | scalar & 0x3F); n += 2
                case ..<0x10000:
                    out[n] = UInt8(0xE0 | scalar >> 12); out[n + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar & 0x3F); n += 3
                default:
                    out[n] = UInt8(0xF0 | scalar >> 18); out[n + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | scalar & 0x3F); n += 4
                }
            }
            while i < units.count {
                let unit = UInt32(units[i])
                i += 1
                switch unit {
                case 0xD800...0xDBFF:
                    if i < units.count, case 0xDC00...0xDFFF = UInt32(units[i]) {
                        put(0x10000 + ((unit - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00))
                        i += 1
                    } else {
                        put(0xFFFD)
                    }
                case 0xDC00...0xDFFF: put(0xFFFD)
                default: put(unit)
                }
            }
            return n
        }
    }

    /// Runs a shim function that returns a malloc'd array of C structs.
    private static func array<T>(_ call: (_ count: UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<T>?) -> [T] {
        var count: Int32 = 0
        guard let buffer = call(&count) else { return [] }
        defer { spiral_icu_free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(count)))
    }

    private static func tag(_ call: () -> UnsafeMutablePointer<CChar>?) -> String? {
        guard let buffer = call() else { return nil }
        defer { spiral_icu_free(buffer) }
        return String(cString: buffer)
    }

    /// A string's UTF-16 code units, transcoded from its UTF-8 storage in one pass. `Array(text.utf16)`
    /// goes unit by unit through the standard library's generic paths, and was a tenth of
    /// wrapping's instructions. A string without contiguous UTF-8 (bridged) takes that way still.
    static func utf16(_ text: String) -> [UInt16] {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            [UInt16](unsafeUninitializedCapacity: bytes.count) { units, count in count = transcode(bytes, into: units) }
        } ?? Array(text.utf16)
    }

    /// Calls `body` with the string's UTF-16 in a temporary buffer (never empty, so its base address
    /// is valid), for a shim call that keeps nothing.
    static func withTemporaryUTF16<R>(_ text: String, _ body: (UnsafePointer<UInt16>, Int32) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(bytes.count, 1)) { units in
                body(units.baseAddress!, Int32(transcode(bytes, into: units)))
            }
        } ?? withUTF16(Array(text.utf16), body)
    }

    /// Valid UTF-8 (a String's, so never checked again) into UTF-16; `units` holds at least as many
    /// elements as `bytes` (no character takes more UTF-16 units than UTF-8 bytes). Returns the count.
    private static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, into units: UnsafeMutableBufferPointer<UInt16>) -> Int {
        var i = 0
        var n = 0
        while i < bytes.count {
            let lead = UInt32(bytes[i])
            if lead < 0x80 {
                units[n] = UInt16(lead)
                i += 1
            } else if lead < 0xE0 {
                units[n] = UInt16((lead & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F)
                i += 2
            } else if lead < 0xF0 {
                units[n] = UInt16((lead & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F)
                i += 3
            } else {
                let scalar = (lead & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12
                    | (UInt32(bytes[i + 2]) & 0x3F) << 6 | UInt32(bytes[i + 3]) & 0x3F
                units[n] = UInt16(0xD800 + ((scalar - 0x10000) >> 10))
                n += 1
                units[n] = UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF))
                i += 4
            }
            n += 1
        }
        return n
    }

    /// The shim takes (pointer, length); an empty array still gets a valid pointer.
    private static func withUTF16<R>(_ units: [UInt16], _ body: (UnsafePointer<UInt16>, Int32) -> R) -> R {
        units.withUnsafeBufferPointer { buffer in
            withUnsafePointer(to: UInt16(0)) { empty in body(buffer.baseAddress ?? empty, Int32(buffer.count)) }
        }
    }

    private static func transform(
        _ text: String,
        _ call: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> UnsafeMutablePointer<UInt16>?
    ) -> String? {
        if text.isEmpty { return "" }
        return withTemporaryUTF16(text) { chars, count in
            try? string { length, status in call(chars, count, length, status) }.get()
        }
    }

    // MARK: MessageFormat

    /// A compiled icu::MessageFormat; see MessageTemplate for who may use it when.
    final class Message {
        fileprivate let handle: OpaquePointer
        fileprivate init(_ handle: OpaquePointer) { self.handle = handle }
        deinit { spiral_icu_message_close(handle) }
    }

    /// Compiles a pattern; a failure carries the UTF-16 offset ICU blamed.
    static func openMessage(_ pattern: [UInt16], locale: String) -> Result<Message, Failure> {
        withUTF16(pattern) { chars, count in
            var status: Int32 = 0
            var offset: Int32 = 0
            guard let handle = spiral_icu_message_open(chars, count, locale, &status, &offset) else {
                return .failure(Failure(status: status, utf16Offset: Int(offset)))
            }
            return .success(Message(handle))
        }
    }

    enum ItemKind { case plain, number, date, plural, select, other }

    /// One argument use, or one plural selector (`selector` set), in a pattern.
    struct MessageItem {
        let name: String
        let kind: ItemKind
        let selector: String?
    }

    static func messageItems(_ pattern: [UInt16]) -> [MessageItem] {
        let items = withUTF16(pattern) { chars, count in
            array { itemCount in
                var status: Int32 = 0
                return spiral_icu_message_items(chars, count, itemCount, &status)
            }
        }
        func slice(_ start: Int32, _ length: Int32) -> String {
            String(decoding: pattern[Int(start)..<Int(start + length)], as: UTF16.self)
        }
        return items.map { item in
            let name = slice(item.name_start, item.name_length)
            switch item.kind {
            case SPIRAL_ICU_ITEM_SELECTOR:
                return MessageItem(name: name, kind: .plural, selector: slice(item.selector_start, item.selector_length))
            case SPIRAL_ICU_ITEM_PLAIN: return MessageItem(name: name, kind: .plain, selector: nil)
            case SPIRAL_ICU_ITEM_NUMBER: return MessageItem(name: name, kind: .number, selector: nil)
            case SPIRAL_ICU_ITEM_DATE: return MessageItem(name: name, kind: .date, selector: nil)
            case SPIRAL_ICU_ITEM_PLURAL: return MessageItem(name: name, kind: .plural, selector: nil)
            case SPIRAL_ICU_ITEM_SELECT: return MessageItem(name: name, kind: .select, selector: nil)
            default: return MessageItem(name: name, kind: .other, selector: nil)
            }
        }
    }

    /// Formats with named arguments. Not safe to call concurrently on one Message.
    static func format(_ message: Message, _ arguments: [String: MessageArgument]) -> Result<String, Failure> {
        // Names and string values go into one UTF-16 buffer so only it needs pinning.
        var chars: [UInt16] = []
        var values: [spiral_icu_value] = []
        func append(_ text: String) -> (Int32, Int32) {
            let start = chars.count
            chars.append(contentsOf: text.utf16)
            return (Int32(start), Int32(chars.count - start))
        }
        for (name, argument) in arguments {
            var value = spiral_icu_value()
            (value.name_start, value.name_length) = append(name)
            switch argument {
            case .string(let text):
                value.kind = SPIRAL_ICU_VALUE_STRING
                (value.text_start, value.text_length) = append(text)
            case .number(let number):
                value.kind = SPIRAL_ICU_VALUE_INTEGER
                value.integer = Int64(number)
            case .double(let number):
                value.kind = SPIRAL_ICU_VALUE_DOUBLE
                value.number = number
            case .date(let date):
                value.kind = SPIRAL_ICU_VALUE_DATE
                value.number = (date.timeIntervalSince1970 * 1000).rounded() // UDate: milliseconds
            }
            values.append(value)
        }
        return withUTF16(chars) { chars, _ in
            values.withUnsafeBufferPointer { values in
                string { length, status in
                    spiral_icu_message_format(message.handle, chars, values.baseAddress, Int32(values.count), length, status)
                }
            }
        }
    }

    // MARK: Plural rules

    static func pluralKeywords(locale: String) -> [String] {
        let joined = (try? string { spiral_icu_plural_keywords(locale, $0, $1) }.get()) ?? "other"
        return joined.split(separator: " ").map(String.init)
    }

    static func pluralCategory(_ number: Double, locale: String) -> String {
        (try? string { spiral_icu_plural_select(locale, number, $0, $1) }.get()) ?? "other"
    }

    // MARK: Segmentation and transforms

    /// A grapheme cluster: its UTF-16 offsets and the terminal columns it takes.
    typealias Cluster = spiral_icu_cluster

    /// The shim writes straight into the array's storage: a cluster holds at least one unit, so
    /// there are never more clusters than units.
    static func clusters(_ units: [UInt16]) -> [Cluster] {
        if units.isEmpty { return [] }
        // Printable ASCII: every unit is a cluster one column wide (no ICU call needed).
        if units.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return units.indices.map { Cluster(start: Int32($0), length: 1, width: 1) }
        }
        return [Cluster](unsafeUninitializedCapacity: units.count) { clusters, count in
            count = Int(units.withUnsafeBufferPointer { spiral_icu_clusters($0.baseAddress!, Int32($0.count), clusters.baseAddress!) })
        }
    }

    /// The sum of `clusters(units)`' widths, without building the list.
    static func width(_ text: String) -> Int {
        withTemporaryUTF16(text) { Int(spiral_icu_width($0, $1)) }
    }

    /// A UBRK_LINE break opportunity: a UTF-16 offset that may end a line, and whether the break is
    /// mandatory.
    typealias LineBreak = spiral_icu_line_break

    /// The text's line-break opportunities in ascending order, written by the shim straight into
    /// the array (each is at a different offset after the start: no more of them than units).
    static func lineBreaks(_ units: [UInt16], locale: String) -> [LineBreak] {
        if units.isEmpty { return [] }
        return [LineBreak](unsafeUninitializedCapacity: units.count) { breaks, count in
            count = Int(units.withUnsafeBufferPointer { spiral_icu_line_breaks($0.baseAddress!, Int32($0.count), locale, breaks.baseAddress!) })
        }
    }

    static func nfc(_ text: String) -> String? { transform(text) { spiral_icu_nfc($0, $1, $2, $3) } }

    static func searchFold(_ text: String) -> String? {
        transform(text) { spiral_icu_search_fold($0, $1, $2, $3) }
    }

    // MARK: Bidi

    static func hasRightToLeft(_ text: String) -> Bool {
        withTemporaryUTF16(text) { spiral_icu_has_rtl($0, $1) != 0 }
    }

    static func visualLine(_ text: String, rightToLeft: Bool) -> String? {
        transform(text) { spiral_icu_visual_line($0, $1, rightToLeft ? 1 : 0, $2, $3) }
    }

    static func reorderLine(_ text: String, rightToLeft: Bool) -> String? {
        transform(text) { spiral_icu_reorder_line($0, $1, rightToLeft ? 1 : 0, $2, $3) }
    }

    static func visualCursor(_ text: String, rightToLeft: Bool, logicalUTF16: Int, anchoredRight: Bool = false) -> Int {
        withTemporaryUTF16(text) { Int(spiral_icu_visual_cursor($0, $1, rightToLeft ? 1 : 0, Int32(logicalUTF16), anchoredRight ? 1 : 0)) }
    }

    // MARK: Locale data

    static func formatDate(milliseconds: Double, locale: String, timeZone: String?) -> String? {
        if let timeZone {
            return withTemporaryUTF16(timeZone) { zone, zoneLength in
                try? string { spiral_icu_format_date(milliseconds, locale, zone, zoneLength, $0, $1) }.get()
            }
        }
        return try? string { spiral_icu_format_date(milliseconds, locale, nil, 0, $0, $1) }.get()
    }

    static func formatNumber(_ number: Int64, locale: String) -> String? {
        try? string { spiral_icu_format_number(number, locale, $0, $1) }.get()
    }

    static func displayName(_ tag: String, in displayLocale: String) -> String? {
        try? string { spiral_icu_display_name(tag, displayLocale, $0, $1) }.get()
    }

    static func canonicalTag(_ tag: String) -> String? { self.tag { spiral_icu_canonical_tag(tag) } }

    static func maximizedTag(_ tag: String) -> String? { self.tag { spiral_icu_maximized_tag(tag) } }
}

extension ICU.Cluster {
    /// The cluster's UTF-16 offsets in its text.
    var range: Range<Int> { Int(start)..<Int(start + length) }
    /// Terminal columns.
    var columns: Int { Int(width) }
}

extension ICU.LineBreak {
    /// The UTF-16 offset the break falls at (a line may end there).
    var end: Int { Int(offset) }
    /// A mandatory break: after a line feed and its kin.
    var isHard: Bool { hard != 0 }
}
