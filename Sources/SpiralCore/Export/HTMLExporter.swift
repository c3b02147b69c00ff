import SpiralText

/// Escaping for HTML text and attribute values: everything typed into a plan goes through here.
public enum HTMLText: Sendable {
    public static func escape(_ s: String) -> String {
        // Most of an export's strings need nothing: say so after one pass over the bytes.
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// A plan as one self-contained HTML page that prints well on A4: the spiral drawn inline with
/// the plan's entries on its stages, goals with their progress charts, praise, steps, contacts,
/// and everything the family said by stage. No scripts, no external files. The page has the
/// export language's `lang` and `dir`; the family's words carry their own `lang` and
/// `dir="auto"`, so Arabic reads right to left inside an English page and the other way round.
struct HTMLExporter {
    let sheet: PlanSheet

    var w: ExportWords { sheet.words }
    func e(_ s: String) -> String { HTMLText.escape(s) }
    func dir(_ d: TextDirection) -> String { d == .rightToLeft ? "rtl" : "ltr" }

    /// A catalogue label; in a bilingual export the family's language follows in its own direction.
    func label(_ l: ExportLabel) -> String {
        guard let second = l.second else { return e(l.text) }
        let lang = l.secondLanguage ?? ""
        return e(l.text) + " / <span lang=\"\(e(lang))\" dir=\"\(dir(w.direction(of: lang)))\">" + e(second) + "</span>"
    }

    /// Words typed into the plan, in their own language and direction.
    func family(_ s: String, lang: String?, tag: String = "span", cls: String? = nil) -> String {
        var attrs = ""
        if let cls { attrs += " class=\"\(cls)\"" }
        if let lang { attrs += " lang=\"\(e(lang))\"" }
        return "<\(tag)\(attrs) dir=\"auto\">" + e(s) + "</\(tag)>"
    }

    func render() -> String {
        let plan = sheet.plan
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"\(e(w.language))\" dir=\"\(dir(w.direction))\">")
        h.append("<head>")
        h.append("<meta charset=\"utf-8\">")
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>" + e(sheet.title.joined + (sheet.name.map { " — " + $0 } ?? "") + " (" + plan.code + ")") + "</title>")
        h.append("<style>\n" + Self.css + "</style>")
        h.append("</head>")
        h.append("<body>")

        h.append("<header class=\"top\">")
        h.append("<h1>" + label(sheet.title) + (sheet.name.map { " <span class=\"sep\">—</span> " + family($0, lang: plan.language, cls: "name") } ?? "") + "</h1>")
        h.append("<dl class=\"facts\">")
        for fact in sheet.facts {
            let value = fact.isFamilyText ? family(fact.value, lang: plan.language)
                : fact.isCode ? "<code>" + e(fact.value) + "</code>"
                : fact.valueLabel.map(label) ?? e(fact.value)
            h.append("<div><dt>" + label(fact.label) + "</dt><dd>" + value + "</dd></div>")
        }
        h.append("</dl>")
        h.append("</header>")

        if plan.urgent { h.append("<p class=\"flag urgent\" role=\"note\">" + label(w.label("export.urgent")) + "</p>") }
        if plan.repairFlag { h.append("<p class=\"flag repair\" role=\"note\">" + label(w.label("export.repair_flag")) + "</p>") }

        h.append("<section class=\"overview\">")
        h.append("<h2>" + label(w.label("export.spiral")) + "</h2>")
        h.append(SpiralSVG.spiral(sheet.stages, words: w, title: w.label("export.spiral")))
        h.append("</section>")

        if !sheet.needs.isEmpty {
            h.append("<section class=\"needs\">")
            h.append("<h2>" + label(w.label("export.needs")) + "</h2>")
            h.append("<ul>")
            for need in sheet.needs {
                var li = need.name.map(label) ?? family(need.familyLabel, lang: plan.language)
                if need.urgent { li += " <strong class=\"urgent-tag\">" + label(w.label("export.urgent_need")) + "</strong>" }
                if let detail = need.detail { li += ": " + family(detail, lang: plan.language) }
                h.append("<li" + (need.urgent ? " class=\"urgent\"" : "") + ">" + li + "</li>")
            }
            h.append("</ul>")
            h.append("</section>")
        }

        if !sheet.praise.isEmpty {
            h.append("<section class=\"praise\">")
            h.append("<h2>" + label(w.label("export.praise")) + "</h2>")
            h.append("<ul>")
            for p in sheet.praise {
                h.append("<li class=\"\(p.kind.rawValue)\"><span class=\"kind\">" + label(p.kindLabel) + "</span>" + family(p.text, lang: p.language, tag: "p") + "</li>")
            }
            h.append("</ul>")
            h.append("</section>")
        }

        if !sheet.goals.isEmpty {
            h.append("<section class=\"goals\">")
            h.append("<h2>" + label(w.label("export.goals")) + "</h2>")
            for g in sheet.goals { h.append(goal(g)) }
            h.append("</section>")
        }

        if !sheet.steps.isEmpty {
            h += log("steps", w.label("export.steps"), sheet.steps.map {
                LogLine(date: $0.date, what: $0.kind, whatClass: "stage-" + $0.stage.rawValue, note: $0.note.isEmpty ? nil : $0.note, by: $0.by)
            })
        }

        if !sheet.contacts.isEmpty {
            h += log("contacts", w.label("export.contacts"), sheet.contacts.map {
                LogLine(date: $0.date, what: $0.kindLabel, whatClass: "contact-" + $0.kind.rawValue, note: $0.note, by: $0.by)
            })
        }

        if !sheet.said.isEmpty {
            h.append("<section class=\"said\">")
            h.append("<h2>" + label(w.label("export.said")) + "</h2>")
            for block in sheet.said {
                h.append("<section class=\"stage stage-\(block.stage.rawValue)\">")
                h.append("<h3>" + label(block.heading) + "</h3>")
                h.append("<dl>")
                for item in block.items {
                    var q = family(item.question.text, lang: item.questionLanguage)
                    if let second = item.question.second { q += " <span class=\"sep\">/</span> " + family(second, lang: item.language) }
                    h.append("<div class=\"qa\"><dt>" + q + "</dt><dd lang=\"\(e(item.language))\" dir=\"auto\">" + e(item.answer) + "</dd></div>")
                }
                h.append("</dl>")
                h.append("</section>")
            }
            h.append("</section>")
        }

        h.append("<footer>" + label(w.label("export.private")) + "</footer>")
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    /// One line of a dated log: partnership steps and contacts are drawn alike.
    struct LogLine {
        var date: String
        var what: ExportLabel
        var whatClass: String
        var note: String?
        var by: String
    }

    func log(_ cls: String, _ heading: ExportLabel, _ lines: [LogLine]) -> [String] {
        var h = ["<section class=\"\(cls)\">", "<h2>" + label(heading) + "</h2>", "<ul class=\"log\">"]
        for line in lines {
            var li = "<span class=\"when\">" + e(line.date) + "</span> <strong class=\"\(line.whatClass)\">" + label(line.what) + "</strong>"
            if let note = line.note { li += " " + family(note, lang: nil, cls: "note") }
            li += " <span class=\"by\">" + e(w.text("export.by", ["name": .string(line.by)])) + "</span>"
            h.append("<li>" + li + "</li>")
        }
        return h + ["</ul>", "</section>"]
    }

    func goal(_ g: PlanSheet.GoalItem) -> String {
        var h: [String] = []
        h.append("<article class=\"goal status-\(g.status.rawValue)\(g.removed ? " removed" : "")\">")
        var title = "<span class=\"num\">" + e(w.number(g.number)) + ".</span> " + family(g.what, lang: g.language, cls: "what")
        if g.removed { title += " <span class=\"removed-tag\">" + label(w.label("export.goal.removed")) + "</span>" }
        h.append("<h3>" + title + "</h3>")
        var meta = "<span class=\"pill\">" + label(g.statusLabel) + "</span>"
        if let review = g.reviewDate {
            meta += " <span class=\"review\">" + label(w.label("export.goal.review_date")) + ": <strong>" + e(review) + "</strong></span>"
        }
        h.append("<p class=\"meta\">" + meta + "</p>")
        h.append("<div class=\"goal-body\">")
        if !g.fields.isEmpty {
            h.append("<dl class=\"fields\">")
            for f in g.fields {
                h.append("<dt>" + label(f.label) + "</dt><dd lang=\"\(e(g.language))\" dir=\"auto\">" + e(f.value) + "</dd>")
            }
            h.append("</dl>")
        } else {
            h.append("<div class=\"fields\"></div>")
        }
        if !g.ratings.isEmpty {
            let caption = w.label("export.goal.ratings")
            let desc = g.ratings.map(sheet.ratingLine).joined(separator: "; ")
            h.append("<figure class=\"ratings\">")
            h.append("<figcaption>" + label(caption) + "</figcaption>")
            h.append(SpiralSVG.ratings(g.ratings, id: "chart-\(g.number)", words: w, title: w.text("export.goal.chart"), desc: desc))
            h.append("<p class=\"legend\"><span class=\"key parent\"></span>" + label(w.label("export.goal.rating.parent"))
                     + " <span class=\"key practitioner\"></span>" + label(w.label("export.goal.rating.practitioner")) + "</p>")
            h.append("</figure>")
        }
        h.append("</div>")
        h.append("</article>")
        return h.joined(separator: "\n")
    }

    static let css = """
    @page { size: A4; margin: 16mm 15mm 18mm; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
      font-size: 10.5pt; line-height: 1.45; color: #1f2328; background: #fff; max-width: 180mm; margin: 0 auto; padding: 10mm 0; }
    @media print { body { max-width: none; padding: 0; } }
    h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 4mm; }
    h1 .sep { color: #8c959f; font-weight: normal; }
    h2 { font-size: 13.5pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid #d0d7de;
      break-after: avoid; page-break-after: avoid; }
    h3 { font-size: 11.5pt; margin: 0 0 2mm; break-after: avoid; page-break-after: avoid; }
    ul { margin: 0; padding-inline-start: 5mm; }
    code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 10.5pt; }
    .facts { display: flex; flex-wrap: wrap; gap: 2mm 9mm; margin: 0; }
    .facts dt { font-size: 8.5pt; color: #57606a; }
    .facts dd { margin: 0; font-weight: 600; }
    .flag { margin: 4mm 0 0; padding: 3mm 4mm; font-weight: 600; border-inline-start: 5px solid; break-inside: avoid; page-break-inside: avoid; }
    .flag.urgent { border-color: #b42318; background: #fef3f2; color: #7a271a; }
    .flag.repair { border-color: #b5651d; background: #fff6e8; color: #6b3a0f; }
    .overview { break-inside: avoid; page-break-inside: avoid; }
    svg.spiral { display: block; width: 100%; height: auto; margin: 0 auto; }
    .needs li.urgent { font-weight: 600; }
    .urgent-tag { color: #b42318; font-size: 9pt; text-transform: uppercase; letter-spacing: .03em; }
    .praise ul { list-style: none; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2.5mm; }
    .praise li { padding: 2.5mm 3.5mm; border-radius: 2mm; background: #fff6e8; break-inside: avoid; page-break-inside: avoid; }
    .praise li.for-child { background: #eef7f3; }
    .praise .kind { display: block; font-size: 8.5pt; font-weight: 700; color: #b5651d; }
    .praise li.for-child .kind { color: #2f7d6d; }
    .praise p { margin: 1mm 0 0; white-space: pre-line; }
    .goal { border: 1px solid #d0d7de; border-inline-start: 5px solid #2d6fb3; border-radius: 2mm; padding: 3mm 4mm;
      margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
    .goal.status-achieved { border-inline-start-color: #2f7d6d; }
    .goal.status-proposed { border-inline-start-color: #b5651d; }
    .goal.status-paused, .goal.status-no-longer-needed { border-inline-start-color: #8c959f; }
    .goal.removed { opacity: .6; border-style: dashed; }
    .goal.removed .what { text-decoration: line-through; }
    .goal .num { color: #57606a; }
    .removed-tag { font-size: 9pt; font-weight: 600; color: #57606a; border: 1px solid #8c959f; border-radius: 1mm; padding: 0 1.5mm; }
    .goal .meta { margin: 0 0 2mm; font-size: 9.5pt; color: #57606a; }
    .pill { display: inline-block; padding: .2mm 2.5mm; border-radius: 3mm; background: #ddf4ff; color: #0a3069; font-weight: 600; font-size: 9pt; }
    .status-achieved .pill { background: #dafbe1; color: #116329; }
    .status-proposed .pill { background: #fff1e5; color: #7a3e0a; }
    .status-paused .pill, .status-no-longer-needed .pill { background: #eaeef2; color: #424a53; }
    .review { margin-inline-start: 3mm; }
    .goal-body { display: flex; gap: 5mm; align-items: flex-start; }
    .fields { flex: 1; margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 1mm 3mm; }
    .fields dt { color: #57606a; }
    .fields dd { margin: 0; white-space: pre-line; }
    figure.ratings { flex: none; width: 72mm; margin: 0; }
    figure.ratings figcaption { font-size: 8.5pt; color: #57606a; }
    svg.chart { display: block; width: 100%; height: auto; }
    .legend { margin: 0; font-size: 8.5pt; color: #57606a; }
    .legend .key { display: inline-block; width: 7mm; height: 0; vertical-align: middle; margin-inline: 1mm; border-top: 2.5px solid #2d6fb3; }
    .legend .key.practitioner { border-top: 2.5px dashed #b5651d; margin-inline-start: 4mm; }
    ul.log { list-style: none; padding: 0; }
    ul.log li { padding: 1.2mm 0; border-bottom: 1px solid #eaeef2; break-inside: avoid; page-break-inside: avoid; }
    ul.log .when { display: inline-block; min-width: 26mm; color: #57606a; font-variant-numeric: tabular-nums; }
    ul.log .by { color: #57606a; font-size: 9pt; }
    .stage-acceptance { color: #2f7d6d; } .stage-valuing { color: #b5651d; } .stage-subtle { color: #6a5acd; }
    .stage-obvious { color: #2d6fb3; } .stage-repair { color: #b5475b; }
    .contact-appointment-missed { color: #b42318; }
    section.stage { margin: 0 0 4mm; }
    section.stage h3 { border-inline-start: 4px solid currentColor; padding-inline-start: 2mm; }
    section.stage dl { margin: 0; color: #1f2328; }
    .qa { break-inside: avoid; page-break-inside: avoid; margin: 0 0 2mm; }
    .qa dt { font-weight: 600; font-size: 9.5pt; color: #424a53; }
    .qa dd { margin: .5mm 0 0; padding-inline-start: 3mm; white-space: pre-line; }
    .qa .sep { color: #8c959f; }
    footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #d0d7de; font-size: 9pt; color: #57606a; }

    """
}
