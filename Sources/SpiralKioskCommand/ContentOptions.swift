import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore

/// Where the prompts, languages and centre config are (`--prompts`, `--localizations`,
/// `--config`), as ArgumentParser reads them for every command.
package struct ContentOptions: ParsableArguments {
    package init() {}

    @Option(help: "Folder holding kiosk.json (default: beside the binary, else the package's Prompts/).")
    package var prompts: String?

    @Option(help: "Folder of language files (default: beside the binary, else the package's Localizations/).")
    package var localizations: String?

    @Option(help: "The centre's config file (default: SPIRAL_CONFIG, else Config/centre.json).")
    package var config: String?

    package var paths: ContentPaths { ContentPaths(prompts: prompts, localizations: localizations, config: config) }

    package func promptsDirectory() throws -> String { try paths.promptsDirectory() }
    package func localizationsDirectory() throws -> String { try paths.localizationsDirectory() }
    package func loadScript() throws -> PromptScript { try paths.loadScript() }
    package func loadCatalogue(lazily: Bool = false) throws -> MessageCatalogue { try paths.loadCatalogue(lazily: lazily) }
    package var configPath: String? { paths.configPath }
    package var configPathForWriting: String { paths.configPathForWriting }
    package func staffPassphrase(store: PlanStore) -> StaffPassphrase { paths.staffPassphrase(store: store) }
    package func loadConfig() throws -> CentreConfig { try paths.loadConfig() }
}

/// Where the prompts, languages and centre config are: plain values, which the kiosk's start
/// fills without ArgumentParser (`KioskLaunch`).
package struct ContentPaths {
    package var prompts: String?
    package var localizations: String?
    package var config: String?

    package init(prompts: String? = nil, localizations: String? = nil, config: String? = nil) {
        self.prompts = prompts
        self.localizations = localizations
        self.config = config
    }

    package func promptsDirectory() throws -> String {
        guard let dir = ResourceLocator().directory(named: "Prompts", override: prompts) else {
            throw ValidationError("Cannot find the Prompts folder. Give it with --prompts DIR.")
        }
        return dir
    }

    package func localizationsDirectory() throws -> String {
        guard let dir = ResourceLocator().directory(named: "Localizations", override: localizations) else {
            throw ValidationError("Cannot find the Localizations folder. Give it with --localizations DIR.")
        }
        return dir
    }

    package func loadScript() throws -> PromptScript {
        switch ScriptLoader.load(directory: try promptsDirectory()) {
        case let .success(script): return script
        case let .failure(failure):
            throw ContentError(problems: failure.problems)
        }
    }

    /// `lazily` (the kiosk's start): headers and first-screen messages only, remembered between
    /// starts in the user's cache folder (`LanguageHeaderCache`).
    package func loadCatalogue(lazily: Bool = false) throws -> MessageCatalogue {
        MessageCatalogue.load(directory: try localizationsDirectory(), lazily: lazily,
                              headers: lazily ? LanguageHeaderCache() : nil)
    }

    /// The centre config file in use, if any.
    package var configPath: String? {
        let path = config ?? Environment.process["SPIRAL_CONFIG"]
            ?? ResourceLocator().directory(named: "Config", override: nil).map { $0 + "/centre.json" }
        return path.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// The centre config to write to (`spiral keys`): the one given or in use, else a new one in
    /// the user's config folder.
    package var configPathForWriting: String {
        config ?? Environment.process["SPIRAL_CONFIG"] ?? configPath ?? XDGDirectory.config.path("centre.json")
    }

    /// The staff passphrase: beside an explicitly given centre config (e.g. /etc/spiral), else in
    /// the user's config folder; the store's old copy is still read.
    package func staffPassphrase(store: PlanStore) -> StaffPassphrase {
        let explicit = config ?? Environment.process["SPIRAL_CONFIG"]
        return StaffPassphrase(path: StaffPassphrase.defaultPath(configFile: explicit),
                               legacyPath: store.directory + "/.staff-passphrase")
    }

    package func loadConfig() throws -> CentreConfig {
        let path = configPath
        guard let path, FileManager.default.fileExists(atPath: path) else { return .australianDefaults }
        do { return try CentreConfig.load(path: path) } catch { throw ValidationError(error.description) }
    }
}

/// Where the plans are (`--store`), as ArgumentParser reads it.
package struct StoreOptions: ParsableArguments {
    package init() {}

    @Option(help: "Folder of plan files, or a shared store's postgresql:// URL (default: SPIRAL_STORE, else the centre config's \"store\", else $XDG_DATA_HOME/spiral/plans).")
    package var store: String?

    package var paths: StorePaths { StorePaths(store: store) }

    package var named: String? { paths.named }
    package func sharedURL(config: CentreConfig? = nil) throws -> SharedStoreURL? { try paths.sharedURL(config: config) }
    package var directory: String { paths.directory }
    package var planStore: PlanStore { paths.planStore }
}

/// Where the plans are: a plain value (see `ContentPaths`).
package struct StorePaths {
    package var store: String?

    package init(store: String? = nil) { self.store = store }

    /// What was named: --store, else SPIRAL_STORE (a URL or a folder).
    package var named: String? {
        if let store, !store.isEmpty { return store }
        if let s = Environment.process.nonEmpty("SPIRAL_STORE") { return s }
        return nil
    }

    /// The shared store's URL, when one is named here or in the centre config.
    package func sharedURL(config: CentreConfig? = nil) throws -> SharedStoreURL? {
        guard let text = named ?? config?.store, SharedStoreURL.isSharedStore(text) else { return nil }
        do { return try SharedStoreURL(text) } catch { throw RuntimeFailure(error.description, code: .usage) }
    }

    /// The folder of plan files (a kiosk with a shared store keeps its own under its outbox).
    package var directory: String {
        if let named, !SharedStoreURL.isSharedStore(named) { return named }
        return XDGDirectory.data.path("plans", environment: .process)
    }
    package var planStore: PlanStore { PlanStore(directory: directory) }
}

/// Problems in the centre's files, printed one a line so a coordinator can fix them in turn.
package struct ContentError: Error, CustomStringConvertible {
    package var problems: [ContentProblem]
    package var description: String {
        problems.map(\.description).joined(separator: "\n") + "\nRun `spiral check` after fixing to see anything left."
    }
}
