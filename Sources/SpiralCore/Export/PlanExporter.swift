import Foundation
import SpiralText

/// Formats a plan can be exported to.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, markdown
}

/// Turns a plan into a file to share. Headings come from the catalogue in the chosen language;
/// the family's words are exactly as they wrote them.
public struct PlanExporter: Sendable {
    public let l: Localizer
    public let script: PromptScript

    public init(localizer: Localizer, script: PromptScript) {
        self.l = localizer
        self.script = script
    }

    public func export(_ plan: Plan, as format: ExportFormat) throws -> String {
        switch format {
        case .json: return try json(plan)
        case .markdown: return markdown(plan)
        }
    }

    /// Everything, as in the plan file (documented in docs/plan-format.md).
    public func json(_ plan: Plan) throws -> String {
        var shared = plan
        shared.pinHash = nil
        return String(decoding: try PlanCoding.encoder.encode(shared), as: UTF8.self) + "\n"
    }

    /// For reading and pasting into case notes. Family text is escaped so it cannot act as markup.
    public func markdown(_ plan: Plan) -> String {
        var out: [String] = []
        let name = plan.profile.name.map { " — " + Self.escapeMarkdown($0) } ?? ""
        out.append("# " + l("export.title") + name)
        out.append("")
        out.append("- " + l("export.code") + ": `" + plan.code + "`")
        out.append("- " + l("export.language") + ": " + l.nativeName(of: plan.language) + " (" + plan.language + ")")
        out.append("- " + l("export.updated") + ": " + LocaleFormat.date(plan.updatedAt, locale: l.formattingLocale))
        out.append("- " + l("export.status") + ": " + l("export.status." + plan.status.rawValue))
        if !plan.profile.children.isEmpty {
            let kids = plan.profile.children.map { c in Self.escapeMarkdown(c.name) + (c.age.map { " (\($0))" } ?? "") }
            out.append("- " + l("export.children") + ": " + kids.joined(separator: ", "))
        }
        if plan.urgent { out.append(""); out.append("> **" + l("export.urgent") + "**") }
        if plan.repairFlag { out.append(""); out.append("> **" + l("export.repair_flag") + "**") }
        if !plan.needs.isEmpty {
            out.append("")
            out.append("## " + l("export.needs"))
            for need in plan.needs {
                out.append("- " + Self.escapeMarkdown(need.label) + (need.urgent ? " — **" + l("export.urgent_need") + "**" : "")
                           + (need.detail.map { ": " + Self.escapeMarkdown($0) } ?? ""))
            }
        }
        if !plan.praise.isEmpty {
            out.append("")
            out.append("## " + l("export.praise"))
            for p in plan.praise {
                out.append("- *" + l("export.praise." + p.kind.rawValue) + "*: " + Self.escapeMarkdown(p.text))
            }
        }
        if !plan.goals.isEmpty {
            out.append("")
            out.append("## " + l("export.goals"))
            for (i, g) in plan.goals.enumerated() {
                out.append("")
                out.append("### \(i + 1). " + Self.escapeMarkdown(g.what))
                out.append("- " + l("export.goal.status") + ": " + l("export.goal.status." + g.status.rawValue))
                for (key, value) in [("why", g.why), ("when", g.when), ("how", g.how), ("whoWith", g.whoWith)] {
                    if let value, !value.isEmpty { out.append("- " + l("export.goal." + key) + ": " + Self.escapeMarkdown(value)) }
                }
            }
        }
        for stage in SpiralStage.allCases {
            let answers = plan.answers.filter { a in
                if case .shown = a.value { return false }
                return a.stage == stage && !a.skipped
            }
            guard !answers.isEmpty else { continue }
            out.append("")
            out.append("## " + l("export.stage." + stage.rawValue))
            for a in answers {
                out.append("")
                out.append("**" + Self.escapeMarkdown(a.question) + "**")
                out.append("")
                out.append(Self.escapeMarkdown(a.answer))
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// Backslash-escapes what Markdown would treat as markup (and neutralises HTML), so a
    /// family's words can never become links, headings or tags in case notes.
    public static func escapeMarkdown(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", ">":
                out.append("\\"); out.append(ch)
            case "<": out.append("&lt;")
            case "&": out.append("&amp;")
            default: out.append(ch)
            }
        }
        // A leading "-", "+" or "1." would start a list.
        if let first = out.first, first == "-" || first == "+" { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isNumber), out.first?.isNumber == true {
            out.insert("\\", at: dot)
        }
        return out
    }
}
