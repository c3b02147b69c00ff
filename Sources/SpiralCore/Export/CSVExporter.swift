#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// Plans as spreadsheets: one family's goals, one row each, or one row per plan for the centre
/// coordinator. UTF-8 with a byte order mark, RFC 4180 quoting, formulas neutralised (`CSVCell`).
/// Dates are `yyyy-mm-dd` and numbers plain digits, so a spreadsheet can sort and sum them;
/// headings and status names are in the export language.
struct CSVExporter {
    let words: ExportWords

    /// Values are in the export language only (headings may be in two), so a column filters cleanly.
    func yesNo(_ b: Bool) -> String { words.text(b ? "export.csv.yes" : "export.csv.no") }

    /// One row per goal: code, goal id, what, why, when, how, who with, status, review date,
    /// latest parent rating, latest practitioner rating, removed.
    func goals(_ plan: Plan) -> String {
        let header = ["export.code", "export.csv.goal_id", "export.goal.what", "export.goal.why", "export.goal.when",
                      "export.goal.how", "export.goal.whoWith", "export.goal.status", "export.goal.review_date",
                      "export.csv.latest_parent", "export.csv.latest_practitioner", "export.goal.removed"]
            .map { words.label($0).joined }
        var out = CSVCell.byteOrderMark + CSVCell.row(header)
        for g in plan.goals {
            out += CSVCell.row([
                plan.code, g.id, g.what, g.why ?? "", g.when ?? "", g.how ?? "", g.whoWith ?? "",
                words.text("export.goal.status." + g.status.rawValue), g.reviewDate ?? "",
                PlanSheet.latest(g.ratings, \.parent).map(String.init) ?? "",
                PlanSheet.latest(g.ratings, \.practitioner).map(String.init) ?? "",
                yesNo(g.removed),
            ])
        }
        return out
    }

    /// One row per plan, for the centre coordinator.
    func overview(_ plans: [PlanListing], names: Bool) -> String {
        var header = ["export.code"] + (names ? ["export.csv.name"] : [])
        header += ["export.language", "export.status", "export.csv.urgent", "export.csv.repair_flag",
                   "export.csv.needs", "export.csv.urgent_needs"]
        var labels = header.map { words.label($0).joined }
        labels += Plan.Goal.Status.allCases.map { s in
            words.text("export.csv.goals_status", ["status": .string(words.text("export.goal.status." + s.rawValue))])
        }
        labels += ["export.csv.goals_removed", "export.csv.praise", "export.csv.last_contact", "export.updated"]
            .map { words.label($0).joined }
        var out = CSVCell.byteOrderMark + CSVCell.row(labels)
        // A few languages and statuses across thousands of rows: word each once.
        var languageNames: [String: String] = [:]
        var statusNames: [String: String] = [:]
        let yes = yesNo(true), no = yesNo(false)
        for p in plans.map({ PlanSummary($0, words: words) }) {
            var cells = [p.code] + (names ? [p.name ?? ""] : [])
            let language = languageNames[p.language] ?? {
                let name = LocaleFormat.languageName(p.language, inLanguage: words.language) + " (" + p.language + ")"
                languageNames[p.language] = name
                return name
            }()
            let status = statusNames[p.status] ?? {
                let name = words.text("export.status." + p.status)
                statusNames[p.status] = name
                return name
            }()
            cells += [language, status, p.urgent ? yes : no, p.repairFlag ? yes : no,
                      String(p.needs), String(p.urgentNeeds)]
            cells += Plan.Goal.Status.allCases.map { String(p.goals[$0.rawValue] ?? 0) }
            cells += [String(p.goalsRemoved), String(p.praise), p.lastContact ?? "", p.updated]
            out += CSVCell.row(cells)
        }
        return out
    }
}

/// One plan in the coordinator's overview. Also the shape of `export --all --format json`.
struct PlanSummary: Codable, Equatable {
    var code: String
    var name: String?
    var language: String
    var status: String
    var urgent: Bool
    var repairFlag: Bool
    var needs: Int
    var urgentNeeds: Int
    /// Goals not removed, by status id.
    var goals: [String: Int]
    var goalsRemoved: Int
    var praise: Int
    /// The latest of appointments kept, outreach made and kiosk visits (`yyyy-mm-dd`).
    var lastContact: String?
    var updated: String

    init(_ plan: PlanListing, words: ExportWords) {
        code = plan.code
        name = plan.name
        language = plan.language
        status = plan.status.rawValue
        urgent = plan.urgent
        repairFlag = plan.repairFlag
        needs = plan.needs
        urgentNeeds = plan.urgentNeeds
        goals = plan.goals
        goalsRemoved = plan.goalsRemoved
        praise = plan.praise
        lastContact = ([plan.lastContactDay] + [plan.lastVisit.map(words.isoDay)]).compactMap { $0 }.max()
        updated = words.isoDay(plan.updatedAt)
    }
}
