import SpiralText

/// A plan as plain text: no markup, wrapped with ICU line breaking to a fixed width (42 columns,
/// a kiosk receipt printer), so it reads the same in a file, an e-mail or on paper. Text is in
/// logical order; a printer that does no bidi needs its own reordering.
struct TextExporter {
    let sheet: PlanSheet
    var width: Int = 42

    func render() -> String {
        var out: [String] = []
        let w = sheet.words
        let familyLocale = sheet.plan.language

        func para(_ text: String, first: String = "", rest: String? = nil, locale: String? = nil) {
            let indent = rest ?? String(repeating: " ", count: UnicodeText.displayWidth(first))
            let room = width - max(UnicodeText.displayWidth(first), UnicodeText.displayWidth(indent))
            for (i, line) in UnicodeText.wrap(text, width: room, locale: locale ?? w.language).enumerated() {
                out.append(((i == 0 ? first : indent) + line).trimmingTrailingSpaces())
            }
        }
        func section(_ label: ExportLabel) {
            out.append("")
            para(label.joined)
            out.append(String(repeating: "-", count: width))
        }

        para(sheet.title.joined + (sheet.name.map { " — " + $0 } ?? ""), locale: familyLocale)
        out.append(String(repeating: "=", count: width))
        for fact in sheet.facts {
            para(fact.label.joined + ": " + fact.value, rest: "  ", locale: fact.isFamilyText ? familyLocale : w.language)
        }
        for flag in sheet.flags {
            out.append("")
            para(flag.joined, first: "!! ", rest: "   ")
        }
        if !sheet.needs.isEmpty {
            section(w.label("export.needs"))
            for need in sheet.needs {
                let urgent = need.urgent ? " (" + w.label("export.urgent_need").joined + ")" : ""
                para(need.label + urgent + (need.detail.map { ": " + $0 } ?? ""), first: "- ", locale: familyLocale)
            }
        }
        if !sheet.praise.isEmpty {
            section(w.label("export.praise"))
            for p in sheet.praise {
                para(p.kindLabel.joined + ":", first: "- ")
                para(p.text, first: "  ", locale: p.language)
            }
        }
        if !sheet.goals.isEmpty {
            section(w.label("export.goals"))
            for (i, g) in sheet.goals.enumerated() {
                if i > 0 { out.append("") }
                let number = w.number(g.number) + ". "
                para(g.what + (g.removed ? " [" + w.label("export.goal.removed").joined + "]" : ""), first: number, locale: g.language)
                let pad = String(repeating: " ", count: UnicodeText.displayWidth(number))
                para(w.label("export.goal.status").joined + ": " + g.statusLabel.joined, first: pad, rest: pad + "  ")
                if let review = g.reviewDate {
                    para(w.label("export.goal.review_date").joined + ": " + review, first: pad, rest: pad + "  ")
                }
                for field in g.fields {
                    para(field.label.joined + ": " + field.value, first: pad, rest: pad + "  ", locale: g.language)
                }
                if !g.ratings.isEmpty {
                    para(w.label("export.goal.ratings").joined + ":", first: pad, rest: pad + "  ")
                    if let table = ratingTable(g.ratings, indent: pad + "  ") {
                        out += table
                    } else {
                        for r in g.ratings { para(sheet.ratingLine(r), first: pad + "  ", rest: pad + "    ") }
                    }
                }
            }
        }
        if !sheet.steps.isEmpty {
            section(w.label("export.steps"))
            for s in sheet.steps {
                para(s.kind.joined + " — " + sheet.logged(s.date, by: s.by), first: "- ")
                if !s.note.isEmpty { para(s.note, first: "  ") }
            }
        }
        if !sheet.contacts.isEmpty {
            section(w.label("export.contacts"))
            for c in sheet.contacts {
                para(c.kindLabel.joined + " — " + sheet.logged(c.date, by: c.by), first: "- ")
                if let note = c.note { para(note, first: "  ") }
            }
        }
        if !sheet.said.isEmpty {
            section(w.label("export.said"))
            for (i, block) in sheet.said.enumerated() {
                if i > 0 { out.append("") }
                para(block.heading.joined)
                for item in block.items {
                    para(item.question.joined, first: "* ", locale: item.language)
                    para(item.answer, first: "  ", locale: item.language)
                }
            }
        }
        out.append("")
        out.append(String(repeating: "=", count: width))
        para(w.label("export.private").joined)
        out.append("")
        return out.joined(separator: "\n")
    }
}

extension TextExporter {
    /// Ratings as a small table (date, parent, practitioner), numbers right-aligned under their
    /// headings; nil when it would not fit, or for a right-to-left language, where padded columns
    /// do not line up: then each review is a sentence.
    func ratingTable(_ rows: [PlanSheet.RatingRow], indent: String) -> [String]? {
        let w = sheet.words
        guard w.direction == .leftToRight else { return nil }
        let labels = ["export.goal.rating.date", "export.goal.rating.parent", "export.goal.rating.practitioner"].map { w.label($0) }
        let cells = rows.map { [$0.date, $0.parent.map(w.number) ?? "–", $0.practitioner.map(w.number) ?? "–"] }
        let gap = 2
        func widths(_ head: [String]) -> [Int]? {
            var widths = head.map(UnicodeText.displayWidth)
            for row in cells {
                for (i, c) in row.enumerated() { widths[i] = max(widths[i], UnicodeText.displayWidth(c)) }
            }
            return UnicodeText.displayWidth(indent) + widths.reduce(0, +) + gap * 2 <= width ? widths : nil
        }
        // Both languages in the headings if they fit, else the export language's.
        var head = labels.map(\.joined)
        var fitted = widths(head)
        if fitted == nil, w.isBilingual {
            head = labels.map(\.text)
            fitted = widths(head)
        }
        guard let widths = fitted else { return nil }
        func line(_ row: [String]) -> String {
            let date = UnicodeText.pad(row[0], toWidth: widths[0])
            let numbers = (1...2).map { i in
                String(repeating: " ", count: gap + widths[i] - UnicodeText.displayWidth(row[i])) + row[i]
            }
            return (indent + date + numbers.joined()).trimmingTrailingSpaces()
        }
        return [line(head)] + cells.map(line)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
