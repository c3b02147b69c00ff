#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What can go wrong with the shared store, each in one sentence naming what to fix. Never a
/// family's words: plans reach the server sealed, and messages name codes and servers only.
public enum SharedStoreError: Error, Equatable, CustomStringConvertible, Sendable {
    case badURL(String)
    case cannotConnect(server: String, reason: String)
    case wrongPassword(user: String, server: String)
    case notAllowed(user: String, server: String, reason: String)
    case noDatabase(database: String, server: String)
    case certificate(server: String, reason: String)
    case noSchema(server: String)
    case newerSchema(found: Int, known: Int)
    case olderSchema(found: Int, known: Int)
    case noCentre(user: String)
    case permission(user: String, what: String)
    case unsealed
    case badCentreName(String)
    case server(reason: String)
    /// The server will never take this version as it is (a check it fails): set aside, not retried.
    case rejected(reason: String)
    case timedOut(server: String, seconds: Int)

    public var description: String {
        switch self {
        case let .badURL(why):
            return "The store address is not a PostgreSQL URL Spiral can use: \(why)."
        case let .cannotConnect(server, reason):
            return "Cannot reach the shared store at \(server) (\(reason)). Check the host and port, that PostgreSQL is running and that this machine can reach it."
        case let .wrongPassword(user, server):
            return "The shared store at \(server) refused the password for \(user). Check the password in the store URL (spiral store init printed it)."
        case let .notAllowed(user, server, reason):
            return "The shared store at \(server) does not let \(user) in (\(reason)). Ask whoever runs the server to allow this role from this machine (pg_hba.conf)."
        case let .noDatabase(database, server):
            return "The server \(server) has no database \(database). Create it (createdb \(database)) or correct the name after the last / in the store URL."
        case let .certificate(server, reason):
            return "The certificate of \(server) does not verify (\(reason)). Install the server's certificate authority on this machine, or check the host name in the store URL."
        case let .noSchema(server):
            return "The database at \(server) has no Spiral tables yet. Run `spiral store init --store URL` as the database's owner."
        case let .newerSchema(found, known):
            return "The shared store was set up by a newer Spiral (schema \(found); this one knows up to \(known)). Update Spiral on this machine."
        case let .olderSchema(found, known):
            return "The shared store's schema is older (\(found)) than this Spiral needs (\(known)). Run `spiral store migrate --store URL` as the database's owner."
        case let .noCentre(user):
            return "The role \(user) belongs to no centre. Use the kiosk or staff URL that `spiral store init --centre NAME` printed."
        case let .permission(user, what):
            return "The role \(user) may not \(what). Use a role made for this by `spiral store init` (docs/shared-store.md)."
        case .unsealed:
            return "Plans are not sealed, and the shared store only ever holds sealed plans. Run `spiral keys init` first (docs/sealing.md)."
        case let .badCentreName(name):
            return "\"\(name)\" cannot be a centre name: use 1 to 24 lower-case letters, digits or _, starting with a letter (for example north_fitzroy)."
        case let .server(reason):
            return "The shared store reported a problem: \(reason)."
        case let .rejected(reason):
            return "The shared store would not take a version: \(reason)."
        case let .timedOut(server, seconds):
            return "The shared store at \(server) did not answer within \(seconds) seconds. Check the network and the server, then try again."
        }
    }

    /// sysexits, as the file store's errors.
    public var exitCode: Int32 {
        switch self {
        case .badURL, .badCentreName: 64                    // EX_USAGE
        case .cannotConnect, .timedOut: 69                  // EX_UNAVAILABLE
        case .wrongPassword, .notAllowed, .permission, .noCentre, .certificate: 77   // EX_NOPERM
        case .noDatabase: 68                                // EX_NOHOST-ish: nothing there
        case .noSchema, .olderSchema, .newerSchema, .unsealed: 78   // EX_CONFIG
        case .server, .rejected: 70
        }
    }

    /// Whether trying again later may work (the pusher keeps the version queued).
    public var isTransient: Bool {
        switch self {
        case .cannotConnect, .timedOut, .server: true
        default: false
        }
    }
}
