import Foundation
import PostgresNIO
import SpiralCore

/// The shared store's tables, functions, policies and group roles, as numbered migrations. Each
/// runs in one transaction under an advisory lock, so `spiral store init` and `migrate` are safe
/// to run twice or at the same moment from two machines. Everything lives in the `spiral` schema.
///
/// What the server holds: every plan version as a row (append-only; nothing is updated or
/// deleted), each with the sealed plan bytes split into the header line (with the sealed listing)
/// and the body, the content hash, and in clear only what routing needs: the centre, the plan's
/// code, its version number, where it came from, and whether it needs attention now (`safety`,
/// `not-right`) so the duty worker is told in seconds. Never a family's words.
public enum SharedSchema {
    public static let version = 1

    /// Group roles (no login): each centre's login roles are members of one.
    public static let kioskGroup = "spiral_kiosks"
    public static let staffGroup = "spiral_staff"
    public static let coordinatorGroup = "spiral_coordinators"

    static let lockKey = 7_274_610_031  // any fixed number: the advisory lock all migrations take

    static let migrations: [Int: [String]] = [1: [
        "CREATE SCHEMA IF NOT EXISTS spiral",
        """
        CREATE TABLE spiral.centres (
            centre text PRIMARY KEY CHECK (centre ~ '^[a-z][a-z0-9_]{0,23}$'),
            created_at timestamptz NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE spiral.roles (
            role name PRIMARY KEY,
            centre text REFERENCES spiral.centres,
            kind text NOT NULL CHECK (kind IN ('kiosk', 'staff', 'coordinator')))
        """,
        """
        CREATE TABLE spiral.plan_versions (
            version_id uuid PRIMARY KEY,
            centre text NOT NULL REFERENCES spiral.centres,
            code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{4,16}$'),
            version integer NOT NULL CHECK (version > 0),
            previous_id uuid,
            needs_merge boolean NOT NULL DEFAULT false,
            origin text NOT NULL CHECK (origin IN ('kiosk', 'staff')),
            content_hash bytea NOT NULL,
            header bytea NOT NULL,
            body bytea NOT NULL,
            attention text CHECK (attention IN ('safety', 'not-right')),
            saved_at timestamptz NOT NULL,
            received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            pushed_by name NOT NULL DEFAULT session_user,
            UNIQUE (centre, code, version))
        """,
        "CREATE INDEX plan_versions_head ON spiral.plan_versions (centre, code, version DESC)",
        """
        CREATE FUNCTION spiral.my_centre() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = spiral, pg_catalog
        AS $$ SELECT centre FROM spiral.roles WHERE role = session_user $$
        """,
        """
        CREATE FUNCTION spiral.sees_all() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = spiral, pg_catalog
        AS $$ SELECT EXISTS (SELECT 1 FROM spiral.roles WHERE role = session_user AND kind = 'coordinator' AND centre IS NULL) $$
        """,
        // Row-level security: a role reads its own centre's rows (a coordinator for all centres
        // reads every row). The owner, who runs migrations, is exempt as PostgreSQL's owners are.
        "ALTER TABLE spiral.plan_versions ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY read_own_centre ON spiral.plan_versions FOR SELECT USING (spiral.sees_all() OR centre = spiral.my_centre())",
        "CREATE POLICY add_to_own_centre ON spiral.plan_versions FOR INSERT WITH CHECK (centre = spiral.my_centre())",
        // Every version arrives through here: idempotent (the client's version id; the same id
        // with other bytes is refused, never overwritten), numbered under a per-plan lock, and,
        // for a writer that asks (`p_expect_head`, a practitioner's compare-and-swap), refused
        // when another version landed since the one it read.
        """
        CREATE FUNCTION spiral.push(p_version_id uuid, p_code text, p_previous uuid, p_expect_head boolean,
                                    p_hash bytea, p_header bytea, p_body bytea, p_attention text, p_saved_at timestamptz)
        RETURNS TABLE (outcome text, version integer) LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = spiral, pg_catalog
        AS $$
        DECLARE
            c text := spiral.my_centre();
            k text;
            existing_centre text;
            existing_hash bytea;
            existing_version integer;
            head_id uuid;
            head_version integer;
        BEGIN
            SELECT r.kind INTO k FROM spiral.roles r WHERE r.role = session_user;
            IF c IS NULL OR k IS NULL OR k NOT IN ('kiosk', 'staff') THEN
                RAISE EXCEPTION 'role % may not add plan versions', session_user USING ERRCODE = '42501';
            END IF;
            IF sha256(p_header || p_body) <> p_hash THEN
                RAISE EXCEPTION 'the version does not match its content hash' USING ERRCODE = '22000';
            END IF;
            PERFORM pg_advisory_xact_lock(hashtext(c), hashtext(p_code));
            SELECT v.centre, v.content_hash, v.version INTO existing_centre, existing_hash, existing_version
                FROM spiral.plan_versions v WHERE v.version_id = p_version_id;
            IF existing_version IS NOT NULL THEN
                IF existing_centre <> c OR existing_hash <> p_hash THEN
                    RETURN QUERY SELECT 'different'::text, existing_version;
                ELSE
                    RETURN QUERY SELECT 'duplicate'::text, existing_version;
                END IF;
                RETURN;
            END IF;
            SELECT v.version_id, v.version INTO head_id, head_version
                FROM spiral.plan_versions v WHERE v.centre = c AND v.code = p_code ORDER BY v.version DESC LIMIT 1;
            IF head_version IS NOT NULL AND p_expect_head AND p_previous IS DISTINCT FROM head_id THEN
                RETURN QUERY SELECT 'moved'::text, head_version;
                RETURN;
            END IF;
            INSERT INTO spiral.plan_versions (version_id, centre, code, version, previous_id, needs_merge, origin,
                                              content_hash, header, body, attention, saved_at)
            VALUES (p_version_id, c, p_code, COALESCE(head_version, 0) + 1, p_previous,
                    head_version IS NOT NULL AND p_previous IS DISTINCT FROM head_id, k,
                    p_hash, p_header, p_body, p_attention, p_saved_at)
            ON CONFLICT (version_id) DO NOTHING;
            RETURN QUERY SELECT 'added'::text, COALESCE(head_version, 0) + 1;
        END $$
        """,
        // Which of these versions the server holds, for a kiosk checking after a server was
        // put back from an older back-up (it pushes again what is missing).
        """
        CREATE FUNCTION spiral.known(p_ids uuid[]) RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = spiral, pg_catalog
        AS $$ SELECT version_id FROM spiral.plan_versions WHERE centre = spiral.my_centre() AND version_id = ANY(p_ids) $$
        """,
        // The duty worker's watch listens on its centre's channel; the payload is empty (the
        // watch re-reads what it may see), so a listener learns nothing but that something changed.
        """
        CREATE FUNCTION spiral.announce() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('spiral_' || NEW.centre, '');
            PERFORM pg_notify('spiral_all', '');
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER announce AFTER INSERT ON spiral.plan_versions FOR EACH ROW EXECUTE FUNCTION spiral.announce()",
        // Group roles and what each may do.
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spiral_kiosks') THEN CREATE ROLE spiral_kiosks NOLOGIN; END IF; END $$",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spiral_staff') THEN CREATE ROLE spiral_staff NOLOGIN; END IF; END $$",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spiral_coordinators') THEN CREATE ROLE spiral_coordinators NOLOGIN; END IF; END $$",
        "REVOKE ALL ON ALL TABLES IN SCHEMA spiral FROM PUBLIC",
        "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA spiral FROM PUBLIC",
        "GRANT USAGE ON SCHEMA spiral TO spiral_kiosks, spiral_staff, spiral_coordinators",
        "GRANT SELECT ON spiral.schema_version TO spiral_kiosks, spiral_staff, spiral_coordinators",
        "GRANT EXECUTE ON FUNCTION spiral.my_centre(), spiral.sees_all() TO spiral_kiosks, spiral_staff, spiral_coordinators",
        "GRANT EXECUTE ON FUNCTION spiral.push(uuid, text, uuid, boolean, bytea, bytea, bytea, text, timestamptz) TO spiral_kiosks, spiral_staff",
        "GRANT EXECUTE ON FUNCTION spiral.known(uuid[]) TO spiral_kiosks, spiral_staff",
        // A kiosk adds versions; it cannot read the table (no list of other families).
        "GRANT SELECT ON spiral.plan_versions TO spiral_staff, spiral_coordinators",
    ]]

    /// Creates or upgrades the schema to this Spiral's version. Returns the version found before.
    public static func migrate(_ database: SharedDatabase) throws(SharedStoreError) -> Int {
        try database.run { client in
            try await client.withTransaction(logger: SharedDatabase.silent) { connection in
                _ = try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: SharedDatabase.silent).collect()
                _ = try await connection.query("CREATE SCHEMA IF NOT EXISTS spiral", logger: SharedDatabase.silent).collect()
                _ = try await connection.query("""
                    CREATE TABLE IF NOT EXISTS spiral.schema_version (
                        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version integer NOT NULL)
                    """, logger: SharedDatabase.silent).collect()
                var found = 0
                for try await v in try await connection.query("SELECT version FROM spiral.schema_version", logger: SharedDatabase.silent).decode(Int.self) {
                    found = v
                }
                if found > version { throw SharedStoreError.newerSchema(found: found, known: version) }
                for step in (found + 1)...max(found + 1, version) where step <= version {
                    for statement in migrations[step] ?? [] {
                        _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: SharedDatabase.silent).collect()
                    }
                }
                _ = try await connection.query("""
                    INSERT INTO spiral.schema_version (only_row, version) VALUES (true, \(version))
                    ON CONFLICT (only_row) DO UPDATE SET version = EXCLUDED.version
                    """, logger: SharedDatabase.silent).collect()
                return found
            }
        }
    }

    /// The server, opened and checked to hold this Spiral's schema: what every command that reads
    /// or writes plans starts with.
    public static func open(_ url: SharedStoreURL, timeout: Duration = .seconds(15)) throws(SharedStoreError) -> SharedDatabase {
        let database = try SharedDatabase.open(url, timeout: timeout)
        try check(database)
        return database
    }

    /// The schema version on the server, or an error saying what to run.
    public static func check(_ database: SharedDatabase) throws(SharedStoreError) {
        let found: Int = try database.run { client in
            var found = -1
            for try await v in try await client.query("SELECT version FROM spiral.schema_version", logger: SharedDatabase.silent).decode(Int.self) {
                found = v
            }
            return found
        }
        if found < 0 { throw .noSchema(server: database.url.description) }
        if found > version { throw .newerSchema(found: found, known: version) }
        if found < version { throw .olderSchema(found: found, known: version) }
    }
}
