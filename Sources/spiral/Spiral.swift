import ArgumentParser
import SpiralCore
import SpiralKioskCommand
import Foundation

@main
struct Spiral: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spiral",
        abstract: "The building partnership tool for use with families: a multilingual kiosk, plans and exports.",
        subcommands: [KioskCommand.self, KeysCommand.self, StoreCommand.self, WatchCommand.self, SpeakCommand.self, ReviewCommand.self, PlanCommand.self, ExportCommand.self, PassphraseCommand.self, UnlockCommand.self, RestoreCommand.self, CheckCommand.self, LanguagesCommand.self],
        defaultSubcommand: nil
    )

    /// `spiral kiosk …` is parsed by its own command alone (KioskLaunch.runAlone); anything else
    /// goes the usual way.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == KioskCommand.configuration.commandName,
              let kiosk = try? KioskCommand.parse(Array(arguments.dropFirst())) else {
            return runAny(arguments)
        }
        kiosk.launch.runAlone()
    }

    /// Usage errors as the argument parser reports them (64); run-time failures with their own
    /// sentence and sysexits code.
    static func runAny(_ arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let failure as RuntimeFailure {
            fail(failure)
        } catch let error as PlanStoreError {
            fail(RuntimeFailure(error))
        } catch {
            exit(withError: error)
        }
    }

    static func fail(_ failure: RuntimeFailure) -> Never { KioskLaunch.fail(failure) }
}
