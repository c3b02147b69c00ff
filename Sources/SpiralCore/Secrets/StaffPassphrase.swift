#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The staff passphrase that closes the kiosk, kept as a slow scrypt hash with the centre's
/// configuration, not in the plan store: a kiosk set up with a passphrase must not lose it when
/// its store is deleted or replaced. When the file exists but cannot be read, the kiosk fails
/// closed: it refuses to close rather than let anyone close it.
public struct StaffPassphrase: Sendable {
    /// `$SPIRAL_STAFF_PASSPHRASE`, else `staff-passphrase` beside the centre config when one is
    /// given, else `$XDG_CONFIG_HOME/spiral/staff-passphrase`.
    public let path: String
    /// Where Spiral before this version kept it (`.staff-passphrase` in the store): still read.
    public let legacyPath: String?

    public init(path: String, legacyPath: String? = nil) {
        self.path = path
        self.legacyPath = legacyPath
    }

    public static func defaultPath(configFile: String?, environment: Environment = .process) -> String {
        if let p = environment.nonEmpty("SPIRAL_STAFF_PASSPHRASE") { return p }
        if let configFile { return PathName.join(PathName.directory(configFile), "staff-passphrase") }
        return XDGDirectory.config.path("staff-passphrase", environment: environment)
    }

    public enum State: Sendable, Equatable {
        case notSet
        case set(hash: String)
        /// The file is there but cannot be read: the kiosk refuses to close.
        case unreadable(file: String, reason: String)
    }

    public func state() -> State {
        for file in [path, legacyPath].compactMap({ $0 }) where FileSystemCalls.exists(file) {
            do {
                let text = String(decoding: try FileSystemCalls.read(file), as: UTF8.self).trimmingWhiteSpace
                if text.isEmpty { return .unreadable(file: file, reason: "the file is empty") }
                return .set(hash: text)
            } catch {
                return .unreadable(file: file, reason: error.message)
            }
        }
        return .notSet
    }

    public static let minimumLength = 8

    public func set(_ passphrase: String) throws(PlanStoreError) {
        let hash = SecretHash.make(passphrase, cost: SecretHash.passphraseCost)
        let dir = PathName.directory(path)
        do {
            _ = try FileSystemCalls.makeDirectory(dir, mode: 0o755)
            // Readable by the owner only: the kiosk user must own it (install.sh does this).
            try FileSystemCalls.writeDurably(Data((hash + "\n").utf8), to: path)
        } catch {
            throw .cannotWrite(file: path, reason: error.message, noSpace: error.isNoSpace)
        }
    }
}
