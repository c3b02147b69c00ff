/// What a line typed at a prompt means before it is an answer. The symbols are the same in every
/// language so the hint under each prompt can name them.
public enum TypedCommand: Equatable, Sendable {
    case skip       // Enter with nothing typed
    case back       // <
    case language   // *
    case help       // ?
    case readAloud  // ! : read every question aloud, or stop
    case answer(String)

    public static func parse(_ cleaned: String) -> TypedCommand {
        switch cleaned {
        case "": return .skip
        case "<", "‹", "＜": return .back
        case "*", "＊", "×": return .language
        case "?", "？", "؟": return .help
        case "!", "！", "¡": return .readAloud
        default: return .answer(cleaned)
        }
    }
}
