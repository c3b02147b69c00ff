#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the shared store is: `postgresql://user:password@host:port/database?sslmode=…` (also
/// `postgres://`). A unix socket is named with `?host=/run/postgresql`, as libpq does. Parsed by
/// hand rather than with Foundation's URL so that every mistake gets its own sentence.
public struct SharedStoreURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        /// No TLS (`disable`), TLS when offered (`prefer`, the default, as libpq), TLS with a
        /// certificate that verifies against the system's roots (`require`, `verify-ca`,
        /// `verify-full`: all three verify here, as a family's plan deserves).
        case disable, prefer, require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A folder holding the server's socket, instead of a host name.
    public var socketDirectory: String?
    public var tls: TLSMode

    public static func isSharedStore(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws(SharedStoreError) {
        func bad(_ why: String) -> SharedStoreError { .badURL(why) }
        guard let scheme = text.firstRange(of: "://"), Self.isSharedStore(text) else {
            throw bad("it must start with postgresql:// (for example postgresql://spiral_north_staff:PASSWORD@db.example.org:5432/spiral)")
        }
        var rest = String(text[scheme.upperBound...])
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let key = PercentCoding.decode(parts[0]), let value = PercentCoding.decode(parts[1]) else {
                    throw bad("the option \"\(pair)\" after ? must be name=value")
                }
                query[key] = value
            }
            rest = String(rest[..<q])
        }
        var database = ""
        if let slash = rest.firstIndex(of: "/") {
            database = PercentCoding.decode(String(rest[rest.index(after: slash)...])) ?? ""
            rest = String(rest[..<slash])
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw bad("it names no user: write postgresql://USER:PASSWORD@HOST/DATABASE")
        }
        let credentials = String(rest[..<at])
        let place = String(rest[rest.index(after: at)...])
        let userPart = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let user = PercentCoding.decode(userPart[0]), !user.isEmpty else {
            throw bad("the user name before @ is empty")
        }
        self.user = user
        if userPart.count > 1 {
            guard let password = PercentCoding.decode(userPart[1]) else {
                throw bad("the password has a % that is not followed by two hexadecimal digits: write a % in a password as %25")
            }
            self.password = password
        } else {
            self.password = nil
        }
        var host = place
        var port = 5432
        if let colon = place.lastIndex(of: ":"), !place.hasSuffix("]") {
            host = String(place[..<colon])
            guard let p = Int(place[place.index(after: colon)...]), (1...65535).contains(p) else {
                throw bad("the port after \(host): must be a number from 1 to 65535")
            }
            port = p
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let p = query["port"] {
            guard let n = Int(p), (1...65535).contains(n) else { throw bad("port=\(p) must be a number from 1 to 65535") }
            port = n
        }
        if let socket = query["host"], socket.hasPrefix("/") { self.socketDirectory = socket } else { self.socketDirectory = nil }
        if host.isEmpty && socketDirectory == nil {
            throw bad("it names no server: put the host after @ (or ?host=/run/postgresql for a local socket)")
        }
        self.host = host.isEmpty ? "localhost" : host
        self.port = port
        guard !database.isEmpty else { throw bad("it names no database: put /DATABASE after the host") }
        self.database = database
        switch query["sslmode"] ?? "prefer" {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        case let other: throw bad("sslmode=\(other) is not one of disable, prefer, require, verify-ca, verify-full")
        }
        if socketDirectory != nil { tls = .disable }
        for key in query.keys where !["sslmode", "host", "port", "application_name", "connect_timeout"].contains(key) {
            throw bad("the option \(key) is not one Spiral understands (sslmode, host, port)")
        }
    }

    /// The server's socket file, for a socket folder.
    public var socketPath: String? { socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } }

    /// The whole URL, password included: printed once by `spiral store init` for a new role.
    public func text(password: String) -> String {
        let encoded = PercentCoding.encode(password)
        var options: [String] = []
        if let socketDirectory { options.append("host=\(socketDirectory)") }
        switch tls {
        case .disable where socketDirectory == nil: options.append("sslmode=disable")
        case .require: options.append("sslmode=require")
        default: break
        }
        let place = socketDirectory == nil ? "\(host.contains(":") ? "[\(host)]" : host):\(port)" : ""
        return "postgresql://\(user):\(encoded)@\(place)/\(database)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }

    /// For messages and logs: never the password.
    public var description: String {
        let place = socketDirectory.map { "\($0) (socket)" } ?? "\(host):\(port)"
        return "postgresql://\(user)@\(place)/\(database)"
    }
}

/// %XX escapes in a URL's parts (Foundation's percent-encoding is not in `FoundationEssentials`).
enum PercentCoding {
    /// Every byte but ASCII letters and digits as %XX, so any password survives in a URL.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(hexBytes: [byte]).uppercased()
            }
        }
        return out
    }

    /// `text` with its %XX escapes decoded; nil if an escape is cut short or the bytes are not UTF-8.
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let hi = utf8.index(after: i)
                guard hi != utf8.endIndex, utf8.index(after: hi) != utf8.endIndex,
                      let high = hexDigit(utf8[hi]), let low = hexDigit(utf8[utf8.index(after: hi)])
                else { return nil }
                bytes.append(high << 4 | low)
                i = utf8.index(hi, offsetBy: 2)
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// 0–15 for 0-9, a-f, A-F; nil for anything else (a sign too, which UInt8(_:radix:) takes).
    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
