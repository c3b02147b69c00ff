#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Messages to standard error through write(2): Foundation's legacy `FileHandle.write(_:)` traps
/// on an I/O error (a closed pipe, a full disk), and no message is worth a crash.
public enum StandardError: Sendable {
    public static func write(_ text: String) {
        StaffLog.writeStandardError(text)
    }
}
