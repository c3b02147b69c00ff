// spiral-kiosk: the kiosk alone (`make kiosk`, the deployed unit), the same as `spiral kiosk`
// but without the shared store's networking linked in, so it is smaller and starts sooner.
// A leading "kiosk" is accepted, so `spiral-kiosk kiosk --once` and `spiral kiosk --once` agree.
// With a shared store it starts `spiral store push --follow` from the `spiral` beside it.
import SpiralKioskCommand

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == KioskCommand.configuration.commandName { arguments.removeFirst() }
KioskCommand.runAlone(KioskCommand.parseQuicklyOrExit(arguments))
