import Foundation

/// A log for staff: what went wrong and with which plan file, never what a family said.
/// Callers pass only codes, file names, field names and system reasons.
public final class StaffLog: @unchecked Sendable {
    // @unchecked: appends are serialised by `lock`.
    public let path: String?
    private let lock = NSLock()
    private let alsoToStandardError: Bool

    /// `path` nil: standard error only.
    public init(path: String?, alsoToStandardError: Bool = false) {
        self.path = path
        self.alsoToStandardError = alsoToStandardError || path == nil
    }

    public func note(_ message: String, code: String? = nil) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = "\(stamp) \(code.map { "plan \($0): " } ?? "")\(message)\n"
        lock.lock()
        defer { lock.unlock() }
        if alsoToStandardError { FileHandle.standardError.write(Data(line.utf8)) }
        guard let path else { return }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        }
    }
}
