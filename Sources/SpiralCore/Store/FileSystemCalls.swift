#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every raw file-system call the plan store makes, in one place. Foundation's atomic write does
/// not flush to disk, so a power cut could leave an empty file: these calls do.
/// `read(2)`, named apart from `FileSystemCalls.read(_:)`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

enum FileSystemCalls {
    struct Failure: Error {
        let operation: String
        let path: String
        let code: Int32
        var message: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
        var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }
        var isReadOnly: Bool { code == EROFS || code == EACCES || code == EPERM }
    }

    /// Writes `data` to `path` so that, at any moment of a crash, the file is either its old
    /// complete version or its new one: temporary file in the same directory, fsync, rename, fsync dir.
    static func writeDurably(_ data: Data, to path: String, mode: mode_t = 0o600) throws(Failure) {
        try replace(path, with: data, mode: mode, durable: true)
    }

    /// Atomic (readers see the old or the new file, never part of one) but not flushed: for
    /// caches that are rebuilt when lost.
    static func writeAtomically(_ data: Data, to path: String, mode: mode_t = 0o600) throws(Failure) {
        try replace(path, with: data, mode: mode, durable: false)
    }

    private static func replace(_ path: String, with data: Data, mode: mode_t, durable: Bool) throws(Failure) {
        let dir = PathName.directory(path)
        let temp = dir + "/." + PathName.name(path) + ".\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(operation: "open", path: temp, code: errno) }
        var ok = true
        var failure: Failure?
        let written = data.withUnsafeBytes { writeAll(fd, $0) }
        if written != 0 { failure = Failure(operation: "write", path: temp, code: written); ok = false }
        if ok, durable, fsync(fd) != 0 { failure = Failure(operation: "fsync", path: temp, code: errno); ok = false }
        close(fd)
        if ok, rename(temp, path) != 0 { failure = Failure(operation: "rename", path: path, code: errno); ok = false }
        if !ok {
            unlink(temp)
            throw failure!
        }
        if durable { syncDirectory(dir) }
    }

    /// Writes every byte, retrying after a signal; 0, or the errno of the write that failed.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    static func syncDirectory(_ dir: String) {
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Creates the folder (and its parents) if missing. An existing folder of ours that others
    /// can read is made private again; returns true when that was needed, so staff are told.
    /// A shared folder (the sticky bit, as /tmp has) is never ours to close: a cache or store
    /// named straight inside /tmp, by a root process, once made /tmp private for everyone.
    @discardableResult
    static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(Failure) -> Bool {
        var s = stat()
        if stat(path, &s) == 0, (s.st_mode & S_IFMT) == S_IFDIR {
            guard mode == 0o700, s.st_mode & 0o077 != 0, s.st_mode & S_ISVTX == 0, s.st_uid == getuid() else { return false }
            if chmod(path, mode) != 0 { throw Failure(operation: "chmod", path: path, code: errno) }
            return true
        }
        let parent = PathName.directory(path)
        if !parent.isEmpty, parent != path { try makeDirectory(parent, mode: 0o755) }
        if mkdir(path, mode) != 0, errno != EEXIST { throw Failure(operation: "mkdir", path: path, code: errno) }
        chmod(path, mode)
        return false
    }

    /// Reads a whole file, reporting the real reason it could not be (permission, I/O, gone).
    static func read(_ path: String) throws(Failure) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, code: errno)
            }
            if n == 0 { return data }
            data.append(contentsOf: buffer[..<n])
        }
    }

    static func remove(_ path: String) throws(Failure) {
        if unlink(path) != 0, errno != ENOENT { throw Failure(operation: "unlink", path: path, code: errno) }
    }

    /// Removes temporary files (`.NAME.PID.tmp`) left by saves that were killed before their
    /// rename: they are plain copies of a family's words that nothing would ever read. A file
    /// whose writer is still alive is left to it. `of`: only leftovers of that file name.
    @discardableResult
    static func removeLeftovers(in directory: String, of name: String? = nil) -> Int {
        var removed = 0
        for file in listDirectory(directory) where file.hasPrefix(".") && file.hasSuffix(".tmp") {
            let parts = file.dropFirst().dropLast(4).split(separator: ".")
            guard let pidText = parts.last, let pid = Int32(pidText) else { continue }
            if let name, parts.dropLast().joined(separator: ".") != name { continue }
            if pid != getpid(), kill(pid, 0) == 0 { continue }   // its writer is still saving
            if unlink(directory + "/" + file) == 0 { removed += 1 }
        }
        // Lock files of the old one-per-plan scheme.
        if name == nil {
            for file in listDirectory(directory) where file.hasPrefix(".") && file.hasSuffix(".lock") && file != ".lock" {
                if unlink(directory + "/" + file) == 0 { removed += 1 }
            }
        }
        return removed
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Moves a file aside under a new name (never deletes it).
    static func moveAside(_ path: String, to newPath: String) throws(Failure) {
        if rename(path, newPath) != 0 { throw Failure(operation: "rename", path: path, code: errno) }
    }

    /// An exclusive advisory lock held for the duration of `body`, so two writers (kiosk and
    /// practitioner) take turns re-reading and writing a plan.
    static func withLock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(operation: "open", path: lockPath, code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw Failure(operation: "flock", path: lockPath, code: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// The names in a folder, in no order, without "." and ".."; none when it cannot be read.
    /// readdir, not FileManager's contentsOfDirectory: that cost 50,000 instructions a name, and
    /// the kiosk lists its language files and its store before the first screen.
    static func listDirectory(_ path: String) -> [String] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

extension FileSystemCalls {
    /// What changes whenever a file is rewritten: every save renames a new file into place, so its
    /// inode changes too, even when the size and the clock's tick happen to stay the same.
    struct Identity: Equatable {
        var inode: UInt64
        var size: Int64
        var modifiedNanoseconds: Int64
    }

    static func identity(_ path: String) -> Identity? {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        return Identity(inode: UInt64(s.st_ino), size: Int64(s.st_size),
                        modifiedNanoseconds: Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec))
    }
}

extension FileSystemCalls {
    /// `path` made absolute with every symbolic link followed (realpath), or nil when it does not
    /// name an existing file.
    static func realPath(_ path: String) -> String? {
        guard !path.isEmpty, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` was written, or its status changed, within `seconds` of now (or cannot be
    /// looked at): such a file's stamp may not yet tell it from its next write.
    static func changedWithin(_ seconds: Int, _ path: String) -> Bool {
        var s = stat()
        guard stat(path, &s) == 0 else { return true }
        let now = time(nil)
        return max(s.st_mtim.tv_sec, s.st_ctim.tv_sec) + seconds > now
    }

    /// Everything `stat` (following links) says changes when a file is written or replaced:
    /// device, inode, size, modification and status-change times. Nil when it cannot be looked at.
    static func changeStamp(_ path: String) -> String? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return "\(s.st_dev) \(s.st_ino) \(s.st_size) \(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec) \(s.st_ctim.tv_sec).\(s.st_ctim.tv_nsec)"
    }
}

extension FileSystemCalls {
    /// The permission bits of a file, or nil when it cannot be looked at.
    static func mode(_ path: String) -> mode_t? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return s.st_mode & 0o7777
    }
}

extension FileSystemCalls {
    /// A second name for a file (a hard link); false when it could not be made.
    static func hardLink(_ path: String, as other: String) -> Bool { link(path, other) == 0 }
}
