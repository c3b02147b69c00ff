import Foundation
import PostgresNIO
import SpiralCore

/// A centre on the shared store and its two login roles: `spiral_NAME_kiosk` (adds plan
/// versions, reads nothing) and `spiral_NAME_staff` (reads and edits that centre's plans). One
/// organisation-wide coordinator role, `spiral_coordinator`, reads every centre.
public enum SharedCentres {
    public struct Role: Sendable, Equatable {
        public var name: String
        public var kind: String
        /// Set when the role was made (or its password changed) now: shown once, never stored.
        public var password: String?
    }

    public static func isValidName(_ name: String) -> Bool {
        name.range(of: "^[a-z][a-z0-9_]{0,23}$", options: .regularExpression) != nil
    }

    /// Adds the centre and its roles (or leaves them as they are when they exist, unless
    /// `newPasswords`). Role names and generated passwords are checked characters only, so they
    /// can be written into CREATE ROLE, which takes no parameters.
    public static func add(_ centre: String, coordinator: Bool, newPasswords: Bool,
                           to database: SharedDatabase) throws(SharedStoreError) -> [Role] {
        guard isValidName(centre) else { throw .badCentreName(centre) }
        var wanted = [(name: "spiral_\(centre)_kiosk", kind: "kiosk", group: SharedSchema.kioskGroup, centre: Optional(centre)),
                      (name: "spiral_\(centre)_staff", kind: "staff", group: SharedSchema.staffGroup, centre: Optional(centre))]
        if coordinator { wanted.append((name: "spiral_coordinator", kind: "coordinator", group: SharedSchema.coordinatorGroup, centre: nil)) }
        let roles = wanted
        return try database.run { client in
            try await client.withTransaction(logger: SharedDatabase.silent) { connection in
                _ = try await connection.query("SELECT pg_advisory_xact_lock(\(SharedSchema.lockKey))", logger: SharedDatabase.silent).collect()
                _ = try await connection.query("INSERT INTO spiral.centres (centre) VALUES (\(centre)) ON CONFLICT DO NOTHING", logger: SharedDatabase.silent).collect()
                var made: [Role] = []
                for role in roles {
                    var exists = false
                    for try await _ in try await connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(role.name)", logger: SharedDatabase.silent) { exists = true }
                    var password: String?
                    if !exists {
                        password = randomPassword()
                        _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role.name) LOGIN PASSWORD '\(password!)' IN ROLE \(role.group)"), logger: SharedDatabase.silent).collect()
                    } else if newPasswords {
                        password = randomPassword()
                        _ = try await connection.query(PostgresQuery(unsafeSQL: "ALTER ROLE \(role.name) PASSWORD '\(password!)'"), logger: SharedDatabase.silent).collect()
                    }
                    _ = try await connection.query(PostgresQuery(unsafeSQL: "GRANT \(role.group) TO \(role.name)"), logger: SharedDatabase.silent).collect()
                    _ = try await connection.query("""
                        INSERT INTO spiral.roles (role, centre, kind) VALUES (\(role.name), \(role.centre), \(role.kind))
                        ON CONFLICT (role) DO UPDATE SET centre = EXCLUDED.centre, kind = EXCLUDED.kind
                        """, logger: SharedDatabase.silent).collect()
                    made.append(Role(name: role.name, kind: role.kind, password: password))
                }
                return made
            }
        }
    }

    /// 24 characters from letters and digits: about 143 bits.
    static func randomPassword() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The role's centre (nil for an organisation-wide coordinator) and kind.
    public static func whoAmI(_ database: SharedDatabase) throws(SharedStoreError) -> (centre: String?, kind: String?) {
        try database.run { client in
            var result: (String?, String?) = (nil, nil)
            for try await (centre, sees) in try await client.query("SELECT spiral.my_centre(), spiral.sees_all()", logger: SharedDatabase.silent).decode((String?, Bool).self) {
                result = (centre, sees ? "coordinator" : nil)
            }
            return result
        }
    }
}
