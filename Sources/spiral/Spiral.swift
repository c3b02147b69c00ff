import ArgumentParser
import SpiralCore
import Foundation

@main
struct Spiral: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spiral",
        abstract: "The building partnership tool for use with families: a multilingual kiosk, plans and exports.",
        subcommands: [KioskCommand.self, KeysCommand.self, StoreCommand.self, WatchCommand.self, SpeakCommand.self, ReviewCommand.self, PlanCommand.self, ExportCommand.self, PassphraseCommand.self, UnlockCommand.self, RestoreCommand.self, CheckCommand.self, LanguagesCommand.self],
        defaultSubcommand: nil
    )

    /// `spiral kiosk …` is parsed by its own command alone: parsing from the root first builds
    /// every subcommand's arguments (and checks for a shell-completion request), which was the
    /// largest single cost before a parent saw the first screen (docs/benchmarks.md). Anything
    /// but a plain kiosk command line (help, a mistake) goes the usual way, so help and errors
    /// read exactly the same.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == KioskCommand.configuration.commandName,
              let kiosk = try? KioskCommand.parse(Array(arguments.dropFirst())) else {
            return runAny(arguments)
        }
        do { try kiosk.run() } catch let failure as RuntimeFailure {
            fail(failure)
        } catch {
            // What went wrong and how to fix it, without a usage line about subcommands.
            let message = KioskCommand.message(for: error)
            let text = message.hasPrefix("error:") ? message : "Error: " + message  // ContentError names each line itself
            StandardError.write(text + "\n")
            Foundation.exit(KioskCommand.exitCode(for: error).rawValue)
        }
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

    static func fail(_ failure: RuntimeFailure) -> Never {
        StandardError.write("Error: " + failure.description + "\n")
        Foundation.exit(failure.code.rawValue)
    }
}
