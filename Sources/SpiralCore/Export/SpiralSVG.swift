import Glibc  // cos, sin
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Inline SVG drawings for the HTML export: the partnership spiral with the plan's entries on
/// its five stages, and a small chart of a goal's progress ratings. Every piece of text goes
/// through `HTMLText.escape`; no external resources, no scripts.
enum SpiralSVG {
    /// Print-friendly colours, one per stage, distinct in greyscale too.
    static let colour: [SpiralStage: String] = [
        .acceptance: "#2f7d6d", .valuing: "#b5651d", .subtle: "#6a5acd", .obvious: "#2d6fb3", .repair: "#b5475b",
    ]

    /// Numbers for coordinates: one decimal, no trailing ".0", never a locale's comma.
    static func n(_ x: Double) -> String {
        let s = String(oneDecimal: x)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    enum Align { case left, right, middle }

    /// A `<text>` that sits where it is told whatever the language's direction.
    static func text(_ s: String, x: Double, y: Double, align: Align, direction: TextDirection,
                     size: Int, weight: String? = nil, fill: String = "#222", lang: String? = nil) -> String {
        let rtl = direction == .rightToLeft
        let anchor: String
        switch align {
        case .middle: anchor = "middle"
        case .left: anchor = rtl ? "end" : "start"
        case .right: anchor = rtl ? "start" : "end"
        }
        var attrs = "x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" direction=\"\(rtl ? "rtl" : "ltr")\" font-size=\"\(size)\" fill=\"\(fill)\""
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if let lang { attrs += " lang=\"\(HTMLText.escape(lang))\"" }
        return "<text \(attrs)>\(HTMLText.escape(s))</text>"
    }

    /// An Archimedean spiral (r = bθ, three turns) from the centre outwards, with the five stages
    /// placed along it in order, each marked with how many entries the plan has there, and
    /// labelled outside the spiral in the export language (and the family's, when bilingual).
    static func spiral(_ stages: [PlanSheet.StageCount], words: ExportWords, title: ExportLabel) -> String {
        let width = 760.0, height = 400.0
        let cx = width / 2, cy = height / 2
        let turns = 3.0
        let thetaMax = turns * 2 * Double.pi
        let rMax = 128.0
        let b = rMax / thetaMax
        // Stages 144° apart, so their labels fall around the whole spiral, moving outwards.
        let first = 2.2 * Double.pi
        let step = 0.8 * Double.pi
        func point(_ theta: Double, _ r: Double? = nil) -> (Double, Double) {
            let radius = r ?? b * theta
            return (cx + radius * cos(theta), cy + radius * sin(theta))
        }
        func path(from t0: Double, to t1: Double) -> String {
            var d = ""
            var t = t0
            while true {
                let (x, y) = point(t)
                d += (d.isEmpty ? "M" : " L") + n(x) + " " + n(y)
                if t >= t1 { break }
                t = min(t + 0.06, t1)
            }
            return d
        }

        let titleId = "spiral-title", descId = "spiral-desc"
        var svg = "<svg class=\"spiral\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(titleId) \(descId)\" direction=\"ltr\">\n"
        svg += "<title id=\"\(titleId)\">\(HTMLText.escape(title.joined))</title>\n"
        let desc = stages.map { $0.name.text + ": " + $0.summary }.joined(separator: "; ")
        svg += "<desc id=\"\(descId)\">\(HTMLText.escape(desc))</desc>\n"

        // The line: grey before the first stage and after the last, each stretch leading to a
        // stage in that stage's colour.
        let thetas = stages.indices.map { first + Double($0) * step }
        svg += "<path d=\"\(path(from: 0, to: thetas.first ?? thetaMax))\" fill=\"none\" stroke=\"#c9c9c9\" stroke-width=\"3\" stroke-linecap=\"round\"/>\n"
        for (i, stage) in stages.enumerated() {
            let from = i == 0 ? thetas[0] - step : thetas[i - 1]
            svg += "<path d=\"\(path(from: max(0, from), to: thetas[i]))\" fill=\"none\" stroke=\"\(colour[stage.stage]!)\" stroke-opacity=\"0.55\" stroke-width=\"4\" stroke-linecap=\"round\"/>\n"
        }
        if let last = thetas.last, last < thetaMax {
            svg += "<path d=\"\(path(from: last, to: thetaMax))\" fill=\"none\" stroke=\"#c9c9c9\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-dasharray=\"2 6\"/>\n"
        }
        svg += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"4\" fill=\"#888\"/>\n"

        let dir = words.direction
        let familyDir = words.family?.direction ?? dir
        for (i, stage) in stages.enumerated() {
            let theta = thetas[i]
            let colour = colour[stage.stage]!
            let (mx, my) = point(theta)
            let c = cos(theta), s = sin(theta)
            let (lx, ly) = point(theta, rMax + 24)
            let (ex, ey) = point(theta, rMax + 14)
            // Leader from the marker to its label.
            svg += "<line x1=\"\(n(mx + 13 * c))\" y1=\"\(n(my + 13 * s))\" x2=\"\(n(ex))\" y2=\"\(n(ey))\" stroke=\"\(colour)\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n"
            let filled = stage.total > 0
            svg += "<circle cx=\"\(n(mx))\" cy=\"\(n(my))\" r=\"13\" fill=\"\(filled ? colour : "#fff")\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            svg += text(words.number(stage.total), x: mx, y: my + 4.5, align: .middle, direction: dir, size: 13, weight: "bold",
                        fill: filled ? "#fff" : colour) + "\n"

            var lines: [(String, Int, String?, String, TextDirection, String?)] = [(stage.name.text, 14, "bold", colour, dir, nil)]
            if let second = stage.name.second {
                lines.append((second, 12, "bold", colour, familyDir, stage.name.secondLanguage))
            }
            for part in summaryLines(stage.summary) { lines.append((part, 12, nil, "#444", dir, nil)) }
            let align: Align = c > 0.35 ? .left : (c < -0.35 ? .right : .middle)
            let lineHeight = 16.0
            let blockHeight = Double(lines.count) * lineHeight
            // First baseline: below the point for the lower half, above it for the upper half.
            var y: Double
            if s > 0.35 { y = ly + 12 } else if s < -0.35 { y = ly - blockHeight + 10 } else { y = ly - blockHeight / 2 + 12 }
            let x = align == .left ? lx + 2 : (align == .right ? lx - 2 : lx)
            for line in lines {
                svg += text(line.0, x: x, y: y, align: align, direction: line.4, size: line.1, weight: line.2, fill: line.3, lang: line.5) + "\n"
                y += lineHeight
            }
        }
        svg += "</svg>"
        return svg
    }

    /// A long summary ("3 needs, 1 step taken") on two lines, split after its first comma.
    static func summaryLines(_ summary: String) -> [String] {
        guard UnicodeText.displayWidth(summary) > 24 else { return [summary] }
        for comma in [", ", "، ", "，", "、"] {
            if let r = summary.firstRange(of: comma) {
                let first = String(summary[..<r.lowerBound]) + comma.trimmingSpaces
                let rest = String(summary[r.upperBound...]).trimmingSpaces
                return rest.isEmpty ? [first] : [first, rest]
            }
        }
        return [summary]
    }

    /// A goal's ratings over time, 0–10: the parent's line solid with dots, the practitioner's
    /// dashed with squares. Reviews are spaced evenly, dated underneath.
    static func ratings(_ rows: [PlanSheet.RatingRow], id: String, words: ExportWords, title: String, desc: String) -> String {
        let width = 300.0, height = 132.0
        let left = 40.0, right = 284.0, top = 12.0, bottom = 102.0
        func y(_ v: Int) -> Double { bottom - (bottom - top) * Double(min(max(v, 0), 10)) / 10 }
        func x(_ i: Int) -> Double {
            rows.count == 1 ? (left + right) / 2 : left + 14 + (right - left - 28) * Double(i) / Double(rows.count - 1)
        }
        let dir = words.direction
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" direction=\"ltr\">\n"
        svg += "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>\n"
        svg += "<desc id=\"\(id)-desc\">\(HTMLText.escape(desc))</desc>\n"
        for v in [0, 5, 10] {
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(v)))\" x2=\"\(n(right))\" y2=\"\(n(y(v)))\" stroke=\"#ddd\" stroke-width=\"1\"/>\n"
            svg += text(words.number(v), x: left - 6, y: y(v) + 4, align: .right, direction: .leftToRight, size: 11, fill: "#666") + "\n"
        }
        for (side, colour, dash) in [(\PlanSheet.RatingRow.practitioner, "#b5651d", "5 3"), (\PlanSheet.RatingRow.parent, "#2d6fb3", "")] {
            let points = rows.enumerated().compactMap { i, r in r[keyPath: side].map { (x(i), y($0)) } }
            if points.count > 1 {
                let d = points.map { n($0.0) + "," + n($0.1) }.joined(separator: " ")
                svg += "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>\n"
            }
            for p in points {
                if dash.isEmpty {
                    svg += "<circle cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"4\" fill=\"\(colour)\"/>\n"
                } else {
                    svg += "<rect x=\"\(n(p.0 - 3.5))\" y=\"\(n(p.1 - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\"/>\n"
                }
            }
        }
        let labelled = rows.count <= 3 ? Array(rows.indices) : [0, rows.count - 1]
        for i in labelled {
            let align: Align = rows.count == 1 ? .middle : (i == 0 ? .left : (i == rows.count - 1 ? .right : .middle))
            let lx = align == .left ? x(i) - 14 : (align == .right ? x(i) + 14 : x(i))
            svg += text(rows[i].date, x: lx, y: bottom + 20, align: align, direction: dir, size: 11, fill: "#444") + "\n"
        }
        svg += "</svg>"
        return svg
    }
}
