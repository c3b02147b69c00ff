#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One spreadsheet cell, safe to open: RFC 4180 quoting, and text that a spreadsheet would run
/// as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) neutralised with a leading `'`,
/// so `=HYPERLINK(...)` typed at the kiosk stays words.
public enum CSVCell: Sendable {
    /// Rows end with CRLF, as RFC 4180 says.
    public static let lineEnd = "\r\n"
    /// UTF-8 byte order mark, so spreadsheets read non-Latin text as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// With their full-width forms, which some spreadsheets read as the ASCII ones.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]

    /// `'=1+1` for `=1+1`; anything else unchanged.
    public static func neutralise(_ text: String) -> String {
        // "\r\n" is one Character in Swift: look at the first scalar.
        guard let first = text.unicodeScalars.first, formulaStarts.contains(Character(first)) else { return text }
        return "'" + text
    }

    /// Quotes a cell that holds a comma, a quote, CR or LF, doubling its quotes.
    public static func quote(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        // Scalars, not Characters: a quote followed by a combining mark is one Character, and a
        // Character-wise replace would leave it single, ending the field early.
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    /// Neutralised, then quoted.
    public static func cell(_ text: String) -> String { quote(neutralise(text)) }

    /// One record, CRLF-terminated.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + lineEnd
    }
}
