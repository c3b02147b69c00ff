import ArgumentParser
import Foundation
import SpiralCore
import SpiralText

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Practitioner: list the plans in the store, urgent and repair-flagged first.")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "One plain line per plan, its code first.")
    var list = false

    @Option(help: "Only plans whose name or code matches, ignoring case and accents (\"nguyen\" finds \"Nguyễn\").")
    var search: String?

    func run() throws {
        let store = storeOptions.planStore
        let overview = PlanOverview.load(from: store)
        var rows = overview.rows
        if let search { rows = rows.filter { $0.matches(search) } }
        for problem in overview.unreadable {
            FileHandle.standardError.write(Data("warning: \(problem)\n".utf8))
        }
        if rows.isEmpty {
            print(search == nil ? "No plans in \(store.directory) yet." : "No plan matches \"\(search!)\".")
            return
        }
        for row in rows { print(row.line) }
    }
}
