import SpiralCore
import SpiralText

/// Lays out words for a terminal: wraps by display width with ICU line breaking, puts each
/// right-to-left line in visual order (most terminals do no bidi), and adds colour only when
/// colour is on. The only place, with `Terminal`, that writes escape codes.
public struct ScreenRenderer: Sendable {
    public var width: Int
    public var direction: TextDirection
    public var locale: String
    public var colour: Bool
    /// Reorder right-to-left lines for terminals without bidi; off for mlterm and for pipes.
    public var reorderRightToLeft: Bool

    public init(width: Int, direction: TextDirection, locale: String, colour: Bool, reorderRightToLeft: Bool) {
        self.width = max(20, width)
        self.direction = direction
        self.locale = locale
        self.colour = colour
        self.reorderRightToLeft = reorderRightToLeft
    }

    public enum Style: Sendable { case plain, title, question, hint, notice, dim, choiceNumber }

    static let margin = 2

    func sgr(_ style: Style) -> String {
        guard colour else { return "" }
        switch style {
        case .plain: return ""
        case .title: return "\u{1B}[1;34m"
        case .question: return "\u{1B}[1m"
        case .hint, .dim: return "\u{1B}[2m"
        case .notice: return "\u{1B}[33m"
        case .choiceNumber: return "\u{1B}[1;34m"
        }
    }

    var reset: String { colour ? "\u{1B}[0m" : "" }

    /// A paragraph wrapped to the screen, each line laid out for the text direction.
    public func paragraph(_ text: String, style: Style = .plain, indent: Int = 0) -> [String] {
        let avail = width - 2 * Self.margin - indent
        return UnicodeText.wrap(text, width: avail, locale: locale).map { line in
            place(line, style: style, indent: indent, avail: avail)
        }
    }

    /// One wrapped line: visual order and right alignment for right-to-left text.
    func place(_ line: String, style: Style, indent: Int, avail: Int) -> String {
        let pad = String(repeating: " ", count: Self.margin)
        let rtl = direction == .rightToLeft
        var shown = line
        if rtl && reorderRightToLeft { shown = BidiText.visualLine(line, base: .rightToLeft) }
        let styled = sgr(style) + shown + (style == .plain ? "" : reset)
        if rtl && reorderRightToLeft {
            let gap = max(0, avail - UnicodeText.displayWidth(shown))
            return pad + String(repeating: " ", count: gap) + styled + String(repeating: " ", count: indent)
        }
        return pad + String(repeating: " ", count: indent) + styled
    }

    /// A numbered list of choices: the number stays beside its label in either direction.
    public func choiceList(_ labels: [String], numbers: [String]) -> [String] {
        let numberWidth = numbers.map { UnicodeText.displayWidth($0) }.max() ?? 1
        var out: [String] = []
        for (label, number) in zip(labels, numbers) {
            // Right-aligned, so labels line up past 9: " 9  Tiếng Việt" over "10  简体中文".
            let num = String(repeating: " ", count: max(0, numberWidth - UnicodeText.displayWidth(number))) + number
            let avail = width - 2 * Self.margin - numberWidth - 4
            let lines = UnicodeText.wrap(label, width: avail, locale: locale)
            for (i, line) in lines.enumerated() {
                let head = i == 0 ? sgr(.choiceNumber) + num + reset : String(repeating: " ", count: numberWidth)
                if direction == .rightToLeft && reorderRightToLeft {
                    let shown = BidiText.visualLine(line, base: .rightToLeft)
                    let gap = max(0, avail - UnicodeText.displayWidth(shown))
                    out.append(String(repeating: " ", count: Self.margin + gap) + shown + "  " + head + "  ")
                } else {
                    out.append(String(repeating: " ", count: Self.margin + 2) + head + "  " + line)
                }
            }
        }
        return out
    }

    /// The whole screen for one step.
    public func render(_ view: StepView, notice: String?, numbers: [String]) -> [String] {
        var lines: [String] = []
        lines += paragraph(view.progress, style: .title)
        lines.append("")
        if let intro = view.intro { lines += paragraph(intro); lines.append("") }
        lines += paragraph(view.question, style: .question)
        for extra in view.lines { lines += paragraph(extra, indent: 2) }
        if let hint = view.hint { lines += paragraph(hint, style: .hint) }
        if !view.choices.isEmpty { lines.append(""); lines += choiceList(view.choices, numbers: numbers) }
        lines.append("")
        if let notice { lines += paragraph(notice, style: .notice); lines.append("") }
        lines += paragraph(view.keys, style: .dim)
        return lines
    }

    /// A screen of headed paragraphs (welcome, summary, closing).
    public func page(title: String, paragraphs: [String], list: [(String, String)] = [], notice: String?, footer: String?) -> [String] {
        var lines = paragraph(title, style: .title)
        lines.append("")
        for p in paragraphs { lines += paragraph(p); lines.append("") }
        lines += choiceList(list.map(\.1), numbers: list.map(\.0))
        if !list.isEmpty { lines.append("") }
        if let notice { lines += paragraph(notice, style: .notice); lines.append("") }
        if let footer { lines += paragraph(footer, style: .dim) }
        return lines
    }
}
