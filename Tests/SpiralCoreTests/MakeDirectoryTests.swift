import Foundation
import Testing
@testable import SpiralCore

/// Spiral's own folders are made private again when found open; a shared one never is.
@Suite struct MakeDirectoryTests {
    func folder(mode: mode_t) -> String {
        let dir = Fixtures.temporaryDirectory()
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, mode)
        return dir
    }

    func mode(_ path: String) -> mode_t {
        var s = stat()
        stat(path, &s)
        return s.st_mode & 0o7777
    }

    @Test func anOpenFolderOfOursIsMadePrivate() throws {
        let dir = folder(mode: 0o755)
        #expect(try FileSystemCalls.makeDirectory(dir))
        #expect(mode(dir) == 0o700)
    }

    /// A cache or store named straight inside /tmp (as root: the owner) once made /tmp private.
    @Test func aSharedStickyFolderIsLeftAsItIs() throws {
        let dir = folder(mode: 0o1777)
        #expect(try !FileSystemCalls.makeDirectory(dir))
        #expect(mode(dir) == 0o1777)
        let cache = LanguageHeaderCache(path: dir + "/language-headers", settle: 0)
        cache.save([:], keeping: MessageCatalogue.firstScreenKeys)
        #expect(mode(dir) == 0o1777)
    }
}
