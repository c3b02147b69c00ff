// spiral-kiosk: the kiosk alone (`make kiosk`, the deployed unit), the same as `spiral kiosk`
// but without the shared store's networking linked in, so it is smaller and starts sooner.
// A leading "kiosk" is accepted, so `spiral-kiosk kiosk --once` and `spiral kiosk --once` agree
// (the word itself, not `KioskCommand.configuration`: nothing of ArgumentParser's is built on
// a usual start).
import SpiralKioskCommand

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "kiosk" { arguments.removeFirst() }
KioskLaunch.parseQuicklyOrExit(arguments).runAlone()
