/// Which screen each place shows.
extension KioskFlow {
    func build(_ place: Place) -> Screen {
        switch place {
        case let .language(first): return languageScreen(first: first)
        case .welcome: return welcomeScreen()
        case .pinEntry: return pinEntryScreen()
        case .pinChoose: return pinChoiceScreen(again: false)
        case .pinConfirm: return pinChoiceScreen(again: true)
        case .dialogue:
            switch family.engine.position {
            case .step: return stepScreen() ?? summaryScreen()
            case .summary: return summaryScreen()
            case .finished: return closingScreen()
            }
        case .stillThere: return stillThereScreen()
        case .confirmStop: return confirmStopScreen()
        case let .goodbye(outcome): return goodbyeScreen(outcome)
        case let .staffClose(failures): return staffCloseScreen(failures: failures)
        }
    }
}
