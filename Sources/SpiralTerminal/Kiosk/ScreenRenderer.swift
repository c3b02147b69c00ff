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
    /// `direction`: the words' own direction when it is not the screen's.
    public func paragraph(_ text: String, style: Style = .plain, indent: Int = 0, direction: TextDirection? = nil) -> [String] {
        let avail = width - 2 * Self.margin - indent
        return UnicodeText.lines(text).flatMap { part in
            UnicodeText.wrap(String(part), width: avail, locale: locale).map { line in
                place(line, style: style, indent: indent, avail: avail, direction: direction ?? self.direction)
            }
        }
    }

    /// One wrapped line: visual order for any line holding right-to-left letters (in either base
    /// direction: an Arabic name inside an English sentence too), right alignment for a
    /// right-to-left paragraph.
    func place(_ line: String, style: Style, indent: Int, avail: Int, direction: TextDirection) -> String {
        let pad = String(repeating: " ", count: Self.margin)
        let rtl = direction == .rightToLeft
        var shown = line
        if reorderRightToLeft, rtl || BidiText.containsRightToLeft(line) { shown = BidiText.visualLine(line, base: direction) }
        let styled = sgr(style) + shown + (style == .plain ? "" : reset)
        if rtl && reorderRightToLeft {
            let gap = max(0, avail - UnicodeText.displayWidth(shown))
            return pad + String(repeating: " ", count: gap) + styled + String(repeating: " ", count: indent)
        }
        return pad + String(repeating: " ", count: indent) + styled
    }

    /// A numbered list of choices: the number stays beside its label in either direction.
    public func choiceList(_ labels: [String], numbers: [String], marked: Set<Int> = [], directions: [TextDirection?] = []) -> [String] {
        let numberWidth = numbers.map { UnicodeText.displayWidth($0) }.max() ?? 1
        var out: [String] = []
        for (index, (label, number)) in zip(labels, numbers).enumerated() {
            // Right-aligned, so labels line up past 9: " 9  Tiếng Việt" over "10  简体中文".
            let num = String(repeating: " ", count: max(0, numberWidth - UnicodeText.displayWidth(number))) + number
            let avail = width - 2 * Self.margin - numberWidth - 4
            // The current choice is marked, never pre-typed.
            let text = marked.contains(index) ? label + " ✓" : label
            let lines = UnicodeText.lines(text)
                .flatMap { UnicodeText.wrap(String($0), width: avail, locale: locale) }
            let own = index < directions.count ? directions[index] : nil
            for (i, line) in lines.enumerated() {
                let head = i == 0 ? sgr(.choiceNumber) + num + reset : String(repeating: " ", count: numberWidth)
                if direction == .rightToLeft && reorderRightToLeft {
                    let shown = BidiText.visualLine(line, base: own ?? .rightToLeft)
                    let gap = max(0, avail - UnicodeText.displayWidth(shown))
                    out.append(String(repeating: " ", count: Self.margin + gap) + shown + "  " + head + "  ")
                } else {
                    let shown = reorderRightToLeft && BidiText.containsRightToLeft(line) ? BidiText.visualLine(line, base: own ?? direction) : line
                    out.append(String(repeating: " ", count: Self.margin + 2) + head + "  " + shown)
                }
            }
        }
        return out
    }

    /// Every line of a screen, top to bottom.
    public func lines(for screen: Screen) -> [String] {
        var r = self
        r.direction = screen.direction
        var lines = r.paragraph(screen.title, style: .title)
        lines.append("")
        for block in screen.blocks {
            switch block.style {
            case .plain: lines += r.paragraph(block.text, direction: block.direction); lines.append("")
            case .question: lines += r.paragraph(block.text, style: .question, direction: block.direction)
            case .hint: lines += r.paragraph(block.text, style: .hint, direction: block.direction)
            case .indented: lines += r.paragraph(block.text, indent: 2, direction: block.direction)
            case .notice: lines += r.paragraph(block.text, style: .notice, direction: block.direction); lines.append("")
            case .dim: lines += r.paragraph(block.text, style: .dim, direction: block.direction); lines.append("")
            case .heading:
                if lines.last != "" { lines.append("") }
                lines += r.paragraph(block.text, style: .title, direction: block.direction)
            }
        }
        if let last = screen.blocks.last, [.question, .hint, .indented, .heading].contains(last.style) { lines.append("") }
        if !screen.list.isEmpty {
            lines += r.choiceList(screen.list.map(\.label), numbers: screen.list.map(\.number),
                                 marked: Set(screen.list.indices.filter { screen.list[$0].marked }),
                                 directions: screen.list.map(\.direction))
            lines.append("")
        }
        if let notice = screen.notice { lines += r.paragraph(notice, style: .notice); lines.append("") }
        if let footer = screen.footer {
            // Wrapped with the keys held to their words, then written with plain spaces again.
            lines += r.paragraph(Self.keepKeysWithTheirWords(footer), style: .dim).map {
                UnicodeText.replacing(UnicodeText.replacing($0, "\u{00A0}", with: " "), "\u{2060}", with: "")
            }
        }
        return lines
    }

    /// Key hints ("? : help", "*：语言") wrap between hints, never between a key and its word.
    static func keepKeysWithTheirWords(_ hints: String) -> String {
        UnicodeText.replacing(UnicodeText.replacing(hints, " : ", with: "\u{00A0}:\u{00A0}"), "：", with: "：\u{2060}")
    }

    /// Lines one block takes on screen, for paging long readings.
    public func height(of block: Screen.Block) -> Int {
        var r = self
        r.colour = false
        return r.lines(for: Screen(kind: .page, language: locale, direction: direction, title: "", blocks: [block])).count - 2
    }

    /// Lines one list entry takes, for paging.
    public func height(ofItem label: String, numbers: Int = 2) -> Int {
        choiceList([label], numbers: [String(repeating: "9", count: numbers)]).count
    }

}
