import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralShared

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put answers the kiosk had to keep aside (the store could not be written) back into their plans.")

    @OptionGroup var content: ContentOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var keyOptions: KeyOptions

    @Option(help: "The kiosk's held folder (default: $XDG_STATE_HOME/spiral/held).")
    var held: String?

    func run() throws {
        var heldAnswers = HeldAnswers(directory: held ?? HeldAnswers.defaultDirectory())
        let files = heldAnswers.files()
        guard !files.isEmpty else {
            print("Nothing to restore: \(heldAnswers.directory) holds no answers.")
            return
        }
        let script = try content.loadScript()
        let store = try keyOptions.store(storeOptions, config: try content.loadConfig())
        let codec = (store as? PlanStore)?.codec ?? (store as? PostgresPlanRepository)?.codec
        heldAnswers.openWith = (codec as? SealedPlanCodec)?.privateKeys.first
        var restored = 0
        var failed: [String] = []
        for file in files {
            do {
                let record = try heldAnswers.read(file)
                try store.update(record.code, creating: Plan(code: record.code, language: record.language)) { plan in
                    record.apply(to: &plan, script: script)
                }
                try heldAnswers.remove(file)
                restored += 1
                print("Restored \(record.code) from \((file as NSString).lastPathComponent).")
            } catch {
                failed.append("\((file as NSString).lastPathComponent): \(error)")
            }
        }
        print("\(restored) restored, \(failed.count) not.")
        if !failed.isEmpty {
            failed.forEach { print("  " + $0) }
            throw RuntimeFailure("Some answers could not be restored: they are still in \(heldAnswers.directory). Fix the store, then run spiral restore again.", code: .ioError)
        }
    }
}
