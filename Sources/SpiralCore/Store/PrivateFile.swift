#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file for one person's eyes (an exported plan): created 0600 from the first byte (never
/// world-readable for a moment under the umask and then narrowed), written whole or not at all.
public enum PrivateFile: Sendable {
    public static func write(_ data: Data, to path: String) throws(PlanStoreError) {
        do { try FileSystemCalls.writeDurably(data, to: path, mode: 0o600) } catch {
            throw .cannotWrite(file: path, reason: error.message, noSpace: error.isNoSpace)
        }
    }
}
