import Testing
@testable import SpiralShared
import SpiralCore

@Suite struct SharedStoreURLTests {
    @Test func readsEveryPart() throws {
        let url = try SharedStoreURL("postgresql://spiral_north_staff:s%40cret@db.example.org:6432/spiral?sslmode=require")
        #expect(url.user == "spiral_north_staff")
        #expect(url.password == "s@cret")
        #expect(url.host == "db.example.org")
        #expect(url.port == 6432)
        #expect(url.database == "spiral")
        #expect(url.tls == .require)
        #expect(!url.description.contains("s@cret"))
    }

    @Test func socketFolderAndDefaults() throws {
        let url = try SharedStoreURL("postgres://me@/spiral?host=/run/postgresql")
        #expect(url.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(url.tls == .disable)
        let plain = try SharedStoreURL("postgresql://me:pw@localhost/spiral")
        #expect(plain.port == 5432 && plain.tls == .prefer)
    }

    @Test func eachMistakeSaysWhatToFix() {
        let cases: [(String, String)] = [
            ("mysql://a@b/c", "must start with postgresql://"),
            ("postgresql://host/db", "names no user"),
            ("postgresql://a@host:99999/db", "port"),
            ("postgresql://a@host", "names no database"),
            ("postgresql://a@host/db?sslmode=sometimes", "sslmode=sometimes"),
        ]
        for (text, expected) in cases {
            #expect(throws: SharedStoreError.self) { try SharedStoreURL(text) }
            do { _ = try SharedStoreURL(text) } catch { #expect(error.description.contains(expected), "\(text): \(error)") }
        }
    }

    @Test func aPasswordOfAnyCharactersSurvivesTheURLItIsPrintedIn() throws {
        let url = try SharedStoreURL("postgresql://me:pw@db.example.org/spiral")
        for password in ["s@c:r/e%t?&=+ ", "ключ-пароль", "كلمة🔑"] {
            #expect(try SharedStoreURL(url.text(password: password)).password == password)
        }
        // Only two hex digits make an escape: a sign is not one.
        #expect(throws: SharedStoreError.self) { try SharedStoreURL("postgresql://me:%+1@db.example.org/spiral") }
        #expect(throws: SharedStoreError.self) { try SharedStoreURL("postgresql://me:%4@db.example.org/spiral") }
    }
}
