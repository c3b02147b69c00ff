import Foundation

/// Errors from the plan store. Messages name files and what to do, never a family's answers.
public enum PlanStoreError: Error, Equatable, CustomStringConvertible {
    case notFound(code: String, closest: [String])
    case unreadable(file: String, reason: String)
    case cannotWrite(file: String, reason: String, noSpace: Bool)

    public var description: String {
        switch self {
        case let .notFound(code, closest):
            let hint = closest.isEmpty ? "Check the code with the family." : "Did you mean \(closest.joined(separator: " or "))?"
            return "No plan has the code \(code). \(hint)"
        case let .unreadable(file, reason):
            return "The plan file \(file) cannot be read (\(reason)). It has been left as it is; ask your coordinator to look at it."
        case let .cannotWrite(file, reason, noSpace):
            return "Could not save \(file): \(reason). " + (noSpace ? "The disk is full: free some space." : "Check that the store folder exists and can be written.")
        }
    }
}

/// The only code that touches plan files: one JSON file per family, `CODE.json`, in a directory
/// readable by its owner only. Every save is durable and atomic, under a lock, re-reading first.
public struct PlanStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `--store`, else `SPIRAL_STORE`, else `$XDG_DATA_HOME/spiral/plans` (`~/.local/share/spiral/plans`).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let s = environment["SPIRAL_STORE"], !s.isEmpty { return s }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return data + "/spiral/plans"
    }

    public func path(for code: String) -> String { directory + "/" + code + ".json" }

    public func prepare() throws(PlanStoreError) {
        do { try FileSystemCalls.makeDirectory(directory) } catch {
            throw .cannotWrite(file: directory, reason: error.message, noSpace: error.isNoSpace)
        }
    }

    public func exists(_ code: String) -> Bool { FileSystemCalls.exists(path(for: code)) }

    public func load(_ code: String) throws(PlanStoreError) -> Plan {
        let file = path(for: code)
        guard FileSystemCalls.exists(file) else { throw .notFound(code: code, closest: closestCodes(to: code)) }
        let data: Data
        do { data = try FileSystemCalls.read(file) } catch { throw .unreadable(file: file, reason: error.message) }
        do { return try PlanCoding.decoder.decode(Plan.self, from: data) } catch {
            throw .unreadable(file: file, reason: PlanCoding.describe(error))
        }
    }

    /// Saves a plan durably (0600, atomic rename, flushed). `durable: false` skips the flushes
    /// (still atomic): only for generating test and benchmark stores in bulk.
    public func save(_ plan: Plan, durable: Bool = true) throws(PlanStoreError) {
        try prepare()
        let file = path(for: plan.code)
        let data: Data
        do { data = try PlanCoding.encoder.encode(plan) } catch {
            throw .cannotWrite(file: file, reason: "could not encode the plan", noSpace: false)
        }
        do {
            if durable { try FileSystemCalls.writeDurably(data, to: file) } else { try FileSystemCalls.writeAtomically(data, to: file) }
        } catch {
            throw .cannotWrite(file: file, reason: error.message, noSpace: error.isNoSpace)
        }
    }

    /// Re-reads the plan under its lock, lets `change` update it, and saves it: a kiosk and a
    /// practitioner writing the same plan never lose each other's changes.
    public func update(_ code: String, creating fresh: @autoclosure () -> Plan,
                       _ change: (inout Plan) -> Void) throws(PlanStoreError) -> Plan {
        try prepare()
        do {
            return try FileSystemCalls.withLock(directory + "/." + code + ".lock") {
                var plan: Plan
                if exists(code) {
                    do { plan = try load(code) } catch PlanStoreError.unreadable {
                        // Never overwrite a file we cannot read: keep it aside for staff, start afresh.
                        try moveAside(code)
                        plan = fresh()
                    }
                } else {
                    plan = fresh()
                }
                change(&plan)
                try save(plan)
                return plan
            }
        } catch let e as PlanStoreError {
            throw e
        } catch let e as FileSystemCalls.Failure {
            throw .cannotWrite(file: e.path, reason: e.message, noSpace: e.isNoSpace)
        } catch {
            throw .cannotWrite(file: path(for: code), reason: "\(error)", noSpace: false)
        }
    }

    // MARK: The staff passphrase

    var passphrasePath: String { directory + "/.staff-passphrase" }

    /// The scrypt hash of the staff passphrase that closes the kiosk, if one is set.
    public func staffPassphraseHash() -> String? {
        guard let data = try? FileSystemCalls.read(passphrasePath) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    public func setStaffPassphrase(_ passphrase: String) throws(PlanStoreError) {
        try prepare()
        let hash = SecretHash.make(passphrase, cost: SecretHash.passphraseCost)
        do { try FileSystemCalls.writeDurably(Data((hash + "\n").utf8), to: passphrasePath) } catch {
            throw .cannotWrite(file: passphrasePath, reason: error.message, noSpace: error.isNoSpace)
        }
    }

    /// Moves an unreadable plan file to `CODE.json.corrupt-TIMESTAMP`, beside it.
    public func moveAside(_ code: String) throws(PlanStoreError) {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        let target = path(for: code) + ".corrupt-" + stamp
        do { try FileSystemCalls.moveAside(path(for: code), to: target) } catch {
            throw .cannotWrite(file: path(for: code), reason: error.message, noSpace: false)
        }
    }

    /// Plan files set aside because they could not be read.
    public func setAside() -> [String] {
        FileSystemCalls.listDirectory(directory).filter { $0.contains(".json.corrupt-") }.sorted()
    }

    /// Codes of every plan in the store.
    public func codes() -> [String] {
        FileSystemCalls.listDirectory(directory)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    /// Codes that differ from `code` by at most two characters, for "did you mean".
    public func closestCodes(to code: String) -> [String] {
        let target = Array(code.uppercased())
        return codes().filter { c in
            let a = Array(c)
            guard a.count == target.count else { return false }
            return zip(a, target).filter { $0 != $1 }.count <= 2
        }
    }
}

/// One JSON shape for plan files and JSON exports: sorted keys, ISO 8601 dates, readable.
public enum PlanCoding {
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    /// A decoding error in words that name the field, never its value.
    public static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "not valid JSON" }
        func path(_ c: [CodingKey]) -> String {
            c.isEmpty ? "the top level" : c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch e {
        case let .dataCorrupted(ctx):
            // The debug text can quote the file's contents, which are a family's words: leave it out.
            return ctx.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(ctx.codingPath))"
        case let .keyNotFound(key, ctx): return "missing \"\(key.stringValue)\" at \(path(ctx.codingPath))"
        case let .typeMismatch(type, ctx): return "expected \(type) at \(path(ctx.codingPath))"
        case let .valueNotFound(type, ctx): return "expected \(type) at \(path(ctx.codingPath))"
        @unknown default: return "not valid JSON"
        }
    }
}
