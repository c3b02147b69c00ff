#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The folders of the XDG base-directory convention (`XDG_DATA_HOME`, `XDG_CONFIG_HOME`,
/// `XDG_STATE_HOME`), each with its default under the home folder when unset or empty.
public enum XDGDirectory: String, Sendable {
    case data = "XDG_DATA_HOME"
    case config = "XDG_CONFIG_HOME"
    case state = "XDG_STATE_HOME"
    case cache = "XDG_CACHE_HOME"

    var fallback: String {
        switch self {
        case .data: "/.local/share"
        case .config: "/.config"
        case .state: "/.local/state"
        case .cache: "/.cache"
        }
    }

    /// `$XDG_…/spiral` + `name`, e.g. `XDGDirectory.state.path("held")` → `~/.local/state/spiral/held`.
    public func path(_ name: String, environment: Environment = .process) -> String {
        let base = environment.nonEmpty(rawValue)
            ?? ((environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path) + fallback)
        return base + "/spiral/" + name
    }
}
