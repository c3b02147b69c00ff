#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a family's answers go when their session must end while the store cannot take them
/// (a full disk, a read-only or deleted store): a folder outside the store, private to the kiosk
/// user, one file per session. `spiral restore` puts them back into the store once it works.
public struct HeldAnswers: Sendable {
    public let directory: String
    /// When the centre seals plans, held answers are sealed to its key too (HPKE): only
    /// `spiral restore` with the unlocked centre key reads them.
    public var sealTo: CentrePublicKey?
    /// The unlocked centre key, for `spiral restore`.
    public var openWith: CentrePrivateKey?

    public init(directory: String, sealTo: CentrePublicKey? = nil, openWith: CentrePrivateKey? = nil) {
        self.directory = directory
        self.sealTo = sealTo
        self.openWith = openWith
    }

    /// `$XDG_STATE_HOME/spiral/held` (`~/.local/state/spiral/held`).
    public static func defaultDirectory(environment: Environment = .process) -> String {
        XDGDirectory.state.path("held", environment: environment)
    }

    /// One session's unsaved answers, and what else it had not yet saved.
    public struct Record: Codable, Sendable {
        public var code: String
        public var language: String
        public var isReturning: Bool
        public var heldAt: Date
        public var answers: [String: Answer]
        public var pinHash: String?
        public var finished: Bool
        public init(code: String, language: String, isReturning: Bool, heldAt: Date, answers: [String: Answer], pinHash: String?, finished: Bool) {
            self.code = code; self.language = language; self.isReturning = isReturning; self.heldAt = heldAt
            self.answers = answers; self.pinHash = pinHash; self.finished = finished
        }
    }

    /// Writes the record durably (0600); returns the file's path.
    public func hold(_ record: Record) throws(PlanStoreError) -> String {
        let stamp = Int(record.heldAt.timeIntervalSince1970 * 1000)
        let file = directory + "/\(record.code)-\(stamp).json"
        do {
            _ = try FileSystemCalls.makeDirectory(directory)
            var data = try PlanCoding.encoder.encode(record)
            if let sealTo { data = try SealedRecord.seal(data, to: sealTo, purpose: "held answers") }
            try FileSystemCalls.writeDurably(data, to: file)
        } catch let e as FileSystemCalls.Failure {
            throw .cannotWrite(file: file, reason: e.message, noSpace: e.isNoSpace)
        } catch {
            throw .cannotWrite(file: file, reason: "could not encode the answers", noSpace: false)
        }
        return file
    }

    public func files() -> [String] {
        FileSystemCalls.listDirectory(directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .map { directory + "/" + $0 }
    }

    public func read(_ file: String) throws(PlanStoreError) -> Record {
        let data: Data
        do { data = try FileSystemCalls.read(file) } catch { throw .unavailable(file: file, reason: error.message) }
        var clear = data
        if let sealed = try? JSONDecoder().decode(SealedRecord.self, from: data), sealed.sealed == SealedRecord.format {
            guard let key = openWith else { throw .sealed(file: file, reason: .locked(code: PathName.name(file))) }
            guard let opened = sealed.open(with: key, purpose: "held answers") else {
                throw .sealed(file: file, reason: .tampered(code: PathName.name(file), part: "held answers"))
            }
            clear = opened
        }
        do { return try PlanCoding.decoder.decode(Record.self, from: clear) } catch {
            throw .unreadable(file: file, reason: PlanCoding.describe(error))
        }
    }

    public func remove(_ file: String) throws(PlanStoreError) {
        do { try FileSystemCalls.remove(file) } catch { throw .cannotWrite(file: file, reason: error.message, noSpace: false) }
    }
}
