import Foundation
import Logging
import PostgresNIO
import SpiralCore

/// One PostgreSQL server, through postgres-nio's `PostgresClient` (a connection pool), for
/// Spiral's synchronous commands: each call runs on the client's own threads and this thread
/// waits for it, with a time limit, so a server that stops answering never hangs a practitioner.
/// Nothing here runs in a kiosk family's process: the kiosk writes to its outbox and a separate
/// pusher process talks to the server.
public final class SharedDatabase: Sendable {
    public let url: SharedStoreURL
    let client: PostgresClient
    private let running: Task<Void, Never>
    /// The longest any one call may take before it is given up (and, for a push, retried).
    public let timeout: Duration

    static let silent = Logger(label: "spiral.shared-store", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Opens the pool after one direct connection, so a wrong password, a missing database or a
    /// certificate that does not verify is said at once, in its own sentence (the pool would
    /// only keep retrying).
    public static func open(_ url: SharedStoreURL, maximumConnections: Int = 4, timeout: Duration = .seconds(15)) throws(SharedStoreError) -> SharedDatabase {
        try probe(url, timeout: timeout)
        return SharedDatabase(url, maximumConnections: maximumConnections, timeout: timeout)
    }

    init(_ url: SharedStoreURL, maximumConnections: Int, timeout: Duration) {
        self.url = url
        self.timeout = timeout
        var configuration: PostgresClient.Configuration
        if let socket = url.socketPath {
            configuration = .init(unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                  database: url.database, tls: Self.tls(url))
        }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        client = PostgresClient(configuration: configuration, backgroundLogger: Self.silent)
        let client = self.client
        running = Task.detached { await client.run() }
    }

    deinit { running.cancel() }

    static func tls(_ url: SharedStoreURL) -> PostgresClient.Configuration.TLS {
        // The system's certificate authorities, and the host name checked: `require` means a
        // certificate that verifies (libpq's verify-full), because these are families' plans.
        let verified = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable: return .disable
        case .prefer: return .prefer(verified)
        case .require: return .require(verified)
        }
    }

    /// One direct connection and `SELECT 1`, mapped to a clear error.
    static func probe(_ url: SharedStoreURL, timeout: Duration) throws(SharedStoreError) {
        var configuration: PostgresConnection.Configuration
        if let socket = url.socketPath {
            configuration = .init(unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch url.tls {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch { throw .certificate(server: url.description, reason: "TLS could not be set up on this machine: \(error)") }
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        let settings = configuration
        _ = try wait(url, timeout: timeout) {
            let connection = try await PostgresConnection.connect(configuration: settings, id: 1, logger: silent)
            defer { Task { try? await connection.close() } }
            _ = try await connection.query("SELECT 1", logger: silent).collect()
            return true
        }
    }

    /// Runs `body` against the pool and waits for it.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresClient) async throws -> T) throws(SharedStoreError) -> T {
        let client = self.client
        return try Self.wait(url, timeout: timeout) { try await body(client) }
    }

    /// Waits on this (non-async) thread for `body`, giving up after `timeout`.
    static func wait<T: Sendable>(_ url: SharedStoreURL, timeout: Duration, _ body: @escaping @Sendable () async throws -> T) throws(SharedStoreError) -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = OutcomeBox<T>()
        let task = Task.detached {
            do { outcome.set(.success(try await body())) } catch { outcome.set(.failure(error)) }
            done.signal()
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            throw .timedOut(server: url.description, seconds: Int(seconds.rounded()))
        }
        switch outcome.value! {
        case let .success(value): return value
        case let .failure(error): throw describe(error, url: url)
        }
    }

    /// A postgres-nio error as one of Spiral's sentences. Never includes query parameters.
    static func describe(_ error: any Error, url: SharedStoreURL) -> SharedStoreError {
        if let shared = error as? SharedStoreError { return shared }
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError ?? transaction.beginError ?? transaction.commitError { return describe(inner, url: url) }
        }
        let server = url.socketDirectory.map { "\($0) (socket)" } ?? "\(url.host):\(url.port)"
        guard let psql = error as? PSQLError else {
            if let ssl = error as? NIOSSLError { return .certificate(server: server, reason: "\(ssl)") }
            if error is CancellationError { return .timedOut(server: server, seconds: 0) }
            return .cannotConnect(server: server, reason: "\(error)")
        }
        if let state = psql.serverInfo?[.sqlState] {
            let message = psql.serverInfo?[.message] ?? state
            switch state {
            case "28P01": return .wrongPassword(user: url.user, server: server)
            case "28000": return .notAllowed(user: url.user, server: server, reason: message)
            case "3D000": return .noDatabase(database: url.database, server: server)
            case "42501": return .permission(user: url.user, what: "do this here (\(message))")
            case "42P01", "42883": return .noSchema(server: server)
            case "57P01", "57P02", "57P03": return .cannotConnect(server: server, reason: "the server is shutting down or starting")
            default:
                if state.hasPrefix("22") || state.hasPrefix("23") { return .rejected(reason: "\(message) (SQLSTATE \(state))") }
                return .server(reason: "\(message) (SQLSTATE \(state))")
            }
        }
        if psql.code == .sslUnsupported { return .certificate(server: server, reason: "the server does not offer TLS, and the URL asks for it (sslmode=require)") }
        if let underlying = psql.underlying {
            if let ssl = underlying as? NIOSSLError { return .certificate(server: server, reason: "\(ssl)") }
            if let ssl = underlying as? BoringSSLError { return .certificate(server: server, reason: "\(ssl)") }
            let text = "\(underlying)"
            if text.contains("certificate") || text.contains("CERTIFICATE") { return .certificate(server: server, reason: text) }
            return .cannotConnect(server: server, reason: Self.plain(underlying))
        }
        if psql.code == .serverClosedConnection || psql.code == .connectionError || psql.code == .uncleanShutdown {
            return .cannotConnect(server: server, reason: "the connection was closed")
        }
        return .cannotConnect(server: server, reason: psql.code.description)
    }

    /// A socket error in plain words (connection refused, no route), without NIO's decoration.
    static func plain(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("No such file") { return "no server socket there" }
        if text.contains("unreachable") { return "network unreachable" }
        if text.contains("timed out") || text.contains("Timeout") { return "no answer within 5 seconds" }
        if text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("getaddrinfo") { return "the host name does not resolve" }
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

/// A result handed from the client's threads to the waiting one.
final class OutcomeBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<T, any Error>?
    func set(_ value: Result<T, any Error>) { lock.lock(); stored = value; lock.unlock() }
    var value: Result<T, any Error>? { lock.lock(); defer { lock.unlock() }; return stored }
}
