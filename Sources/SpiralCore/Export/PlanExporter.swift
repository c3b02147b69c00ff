#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Formats a plan can be exported to.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, markdown, html, csv, text

    /// Formats that can hold every plan in the store at once (`export --all`).
    public var coversAllPlans: Bool { self == .csv || self == .json }
}

/// Why an export could not be made, in words a practitioner can act on.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    case notForAllPlans(ExportFormat)

    public var description: String {
        switch self {
        case let .notForAllPlans(format):
            return "--all makes one row per plan, so it works with --format csv (or json) only, not \(format.rawValue). "
                + "To export one family's plan as \(format.rawValue), give its family code instead of --all."
        }
    }
}

/// Turns a plan into a file to share. Headings come from the catalogue in the chosen language
/// (and, for a bilingual export, the family's language beside them); the family's words are
/// exactly as they wrote them, escaped for the format.
public struct PlanExporter: Sendable {
    public let l: Localizer
    public let script: PromptScript
    /// The family's language, for a bilingual export: headings and questions in both.
    public let family: Localizer?
    /// Olson time zone for dates; nil for the machine's.
    public let timeZone: String?

    public init(localizer: Localizer, script: PromptScript, familyLocalizer: Localizer? = nil, timeZone: String? = nil) {
        self.l = localizer
        self.script = script
        self.family = familyLocalizer
        self.timeZone = timeZone
    }

    var words: ExportWords { ExportWords(l: l, family: family, timeZone: timeZone) }
    func sheet(_ plan: Plan) -> PlanSheet { PlanSheet(plan: plan, words: words, script: script) }

    public func export(_ plan: Plan, as format: ExportFormat) throws -> String {
        switch format {
        case .json: return try json(plan)
        case .markdown: return markdown(plan)
        case .html: return html(plan)
        case .csv: return csv(plan)
        case .text: return text(plan)
        }
    }

    /// Every plan, one row (or object) each, for the centre coordinator: csv or json only.
    public func exportAll(_ plans: [Plan], as format: ExportFormat, names: Bool = true) throws -> String {
        try exportAll(plans.map(PlanListing.init), as: format, names: names)
    }

    /// One row per plan for the coordinator, from the store's listings (no plan file is parsed
    /// when the store's index is up to date).
    public func exportAll(_ plans: [PlanListing], as format: ExportFormat, names: Bool = true) throws -> String {
        switch format {
        case .csv:
            return CSVExporter(words: words).overview(plans, names: names)
        case .json:
            let rows = plans.map { p -> PlanSummary in
                var row = PlanSummary(p, words: words)
                if !names { row.name = nil }
                return row
            }
            return String(decoding: try PlanCoding.encoder.encode(rows), as: UTF8.self) + "\n"
        default:
            throw ExportError.notForAllPlans(format)
        }
    }

    /// Everything, as in the plan file (documented in docs/plan-format.md), without the PIN hash.
    public func json(_ plan: Plan) throws -> String {
        var shared = plan
        shared.pinHash = nil
        return String(decoding: try PlanCoding.encoder.encode(shared), as: UTF8.self) + "\n"
    }

    /// For reading and pasting into case notes. Family text is escaped so it cannot act as markup.
    public func markdown(_ plan: Plan) -> String { MarkdownExporter(sheet: sheet(plan)).render() }

    /// One self-contained page that prints on A4, with the spiral and rating charts drawn inline.
    public func html(_ plan: Plan) -> String { HTMLExporter(sheet: sheet(plan)).render() }

    /// The goals, one row each, for a spreadsheet.
    public func csv(_ plan: Plan) -> String { CSVExporter(words: words).goals(plan) }

    /// Plain text wrapped to `width` columns (42: the kiosk's receipt printer).
    public func text(_ plan: Plan, width: Int = 42) -> String { TextExporter(sheet: sheet(plan), width: width).render() }

    /// Backslash-escapes what Markdown would treat as markup (and neutralises HTML), so a
    /// family's words can never become links, headings or tags in case notes. Each line is
    /// escaped on its own, so a second line cannot start a list or a heading either.
    public static func escapeMarkdown(_ s: String) -> String {
        UnicodeText.lines(s).map { escapeMarkdownLine(String($0)) }.joined(separator: "\n")
    }

    /// Whether `bytes` hold `pattern` (ASCII here): String.contains compares Characters, which a
    /// 100-goal export, asking four times per line, spent a tenth of its time on.
    private static func holds(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == first, bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }

    static func escapeMarkdownLine(_ s: String) -> String {
        var out = ""
        // Only ASCII punctuation is escaped: a line without any is copied whole.
        let special: (UInt8) -> Bool = { b in
            switch b {
            case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x23, 0x7C, 0x7E, 0x3E, 0x3C, 0x26: true
            default: false
            }
        }
        // By scalars: a mark after "*" or "<" must not hide it from escaping.
        if !s.utf8.contains(where: special) { out = s } else {
            var scalars = String.UnicodeScalarView()
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\\", "`", "*", "_", "[", "]", "#", "|", "~", ">":
                    scalars.append("\\"); scalars.append(scalar)
                case "<": scalars.append(contentsOf: "&lt;".unicodeScalars)
                case "&": scalars.append(contentsOf: "&amp;".unicodeScalars)
                default: scalars.append(scalar)
                }
            }
            out = String(scalars)
        }
        // Bare addresses ("https://…", "www.…", "name@host") become links in some renderers: a
        // word joiner, which shows as nothing, keeps them words.
        let bytes = Array(out.utf8)
        for (pattern, broken) in [("://", "\u{2060}://"), ("www.", "www\u{2060}."), ("WWW.", "WWW\u{2060}."), ("@", "\u{2060}@")]
            where holds(bytes, Array(pattern.utf8)) {
            out = out.replacing(pattern, with: broken)
        }
        // A leading "-", "+" or "1." would start a list.
        if let first = out.first, first == "-" || first == "+" { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isNumber), out.first?.isNumber == true {
            out.insert("\\", at: dot)
        }
        return out
    }
}
