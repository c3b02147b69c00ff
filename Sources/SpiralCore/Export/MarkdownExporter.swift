/// A plan as Markdown, for reading and pasting into case notes. The family's words (and anything
/// else typed into the plan) are escaped so they can never become links, headings or tags.
struct MarkdownExporter {
    let sheet: PlanSheet

    func render() -> String {
        let e = PlanExporter.escapeMarkdown
        var out: [String] = []
        func heading(_ level: Int, _ text: String) {
            out.append("")
            out.append(String(repeating: "#", count: level) + " " + text)
        }
        out.append("# " + sheet.title.joined + (sheet.name.map { " — " + e($0) } ?? ""))
        out.append("")
        for fact in sheet.facts {
            let value = fact.isCode ? "`" + fact.value + "`" : e(fact.value)
            out.append("- " + fact.label.joined + ": " + value)
        }
        for flag in sheet.flags {
            out.append("")
            out.append("> **" + flag.joined + "**")
        }
        if !sheet.needs.isEmpty {
            heading(2, sheet.words.label("export.needs").joined)
            for need in sheet.needs {
                out.append("- " + e(need.label) + (need.urgent ? " — **" + sheet.words.label("export.urgent_need").joined + "**" : "")
                           + (need.detail.map { ": " + e($0) } ?? ""))
            }
        }
        if !sheet.praise.isEmpty {
            heading(2, sheet.words.label("export.praise").joined)
            for p in sheet.praise {
                out.append("- *" + p.kindLabel.joined + "*: " + e(p.text))
            }
        }
        if !sheet.goals.isEmpty {
            heading(2, sheet.words.label("export.goals").joined)
            for g in sheet.goals {
                heading(3, "\(g.number). " + (g.removed ? "~~" + e(g.what) + "~~ *(" + sheet.words.label("export.goal.removed").joined + ")*" : e(g.what)))
                out.append("- " + sheet.words.label("export.goal.status").joined + ": " + g.statusLabel.joined)
                if let review = g.reviewDate {
                    out.append("- " + sheet.words.label("export.goal.review_date").joined + ": " + e(review))
                }
                for field in g.fields {
                    out.append("- " + field.label.joined + ": " + e(field.value))
                }
                if !g.ratings.isEmpty {
                    out.append("")
                    out.append(sheet.words.label("export.goal.ratings").joined + ":")
                    out.append("")
                    let head = ["export.goal.rating.date", "export.goal.rating.parent", "export.goal.rating.practitioner"]
                        .map { sheet.words.label($0).joined }
                    out.append("| " + head.joined(separator: " | ") + " |")
                    out.append("|---|---|---|")
                    for r in g.ratings {
                        let cells = [e(r.date), r.parent.map(sheet.words.number) ?? "–", r.practitioner.map(sheet.words.number) ?? "–"]
                        out.append("| " + cells.joined(separator: " | ") + " |")
                    }
                }
            }
        }
        if !sheet.steps.isEmpty {
            heading(2, sheet.words.label("export.steps").joined)
            for s in sheet.steps {
                out.append("- *" + s.kind.joined + "* — " + e(sheet.logged(s.date, by: s.by))
                           + (s.note.isEmpty ? "" : ": " + e(s.note)))
            }
        }
        if !sheet.contacts.isEmpty {
            heading(2, sheet.words.label("export.contacts").joined)
            for c in sheet.contacts {
                out.append("- *" + c.kindLabel.joined + "* — " + e(sheet.logged(c.date, by: c.by))
                           + (c.note.map { ": " + e($0) } ?? ""))
            }
        }
        if !sheet.said.isEmpty {
            heading(2, sheet.words.label("export.said").joined)
            for block in sheet.said {
                heading(3, block.heading.joined)
                for item in block.items {
                    out.append("")
                    out.append("**" + e(item.question.joined) + "**")
                    out.append("")
                    out.append(e(item.answer))
                }
            }
        }
        out.append("")
        out.append("---")
        out.append("")
        out.append("*" + sheet.words.label("export.private").joined + "*")
        out.append("")
        return out.joined(separator: "\n")
    }
}
