import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand

struct UnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Unlock a family code at the kiosk after too many wrong PINs (check with the family first).")

    @Argument(help: "The family code, like KMT-47R.")
    var code: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Who unlocked it, for the staff log (default: $USER).")
    var practitioner: String?

    func run() throws {
        guard let code = FamilyCode.normalise(code) else {
            throw ValidationError("\"\(self.code)\" is not a family code: \(FamilyCode.problem(with: self.code)).")
        }
        let store = storeOptions.planStore
        let tries = store.pinFailures(code)
        do { try store.clearPinFailures(code) } catch { throw RuntimeFailure(error) }
        let who = practitioner ?? ProcessInfo.processInfo.environment["USER"] ?? "staff"
        StaffLog(path: store.directory + "/.kiosk.log", fallback: StaffLog.defaultFallback()).record(.codeUnlocked(by: who), code: code)
        print(tries == 0 ? "\(code) was not locked." : "\(code) is unlocked (\(tries) wrong PIN\(tries == 1 ? "" : "s") cleared).")
    }
}
