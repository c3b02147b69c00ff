#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The file repository, the embedded default: one file per family, `CODE.json`, in a folder only
/// its owner can read. The only code that touches plan files. Every save is durable and atomic
/// (temporary file, fsync, rename), made under the store's one lock after re-reading the plan.
public struct PlanStore: PlanRepository {
    public let directory: String
    public let codec: any PlanCodec
    /// Where a plan set aside is reported (the store only ever sets aside a file that does not
    /// decode, and staff must hear of it).
    public var log: StaffLog?
    /// A sealed store's listing cache, kept by the practitioner (nil: no cache, every listing
    /// opens each plan's sealed listing).
    public var sealedListingCache: ListingCache?

    /// A plain store caches listings beside its plans; a sealed one never writes them there.
    var listingCache: ListingCache? { codec.seals ? sealedListingCache : .besidePlans(directory) }

    public init(directory: String, codec: any PlanCodec = JSONPlanCodec(), log: StaffLog? = nil) {
        self.directory = directory
        self.codec = codec
        self.log = log
    }

    public var location: String { directory }

    public var seals: Bool { codec.seals }

    /// `--store`, else `SPIRAL_STORE`, else `$XDG_DATA_HOME/spiral/plans` (`~/.local/share/spiral/plans`).
    public static func defaultDirectory(environment: Environment = .process) -> String {
        if let s = environment.nonEmpty("SPIRAL_STORE") { return s }
        return XDGDirectory.data.path("plans", environment: environment)
    }

    public func path(for code: String) -> String { directory + "/" + code + ".json" }

    /// One lock for the whole store: updates are short, and one file never piles up the way a
    /// lock file per plan did.
    var lockPath: String { directory + "/.lock" }

    @discardableResult
    public func prepare() throws(PlanStoreError) -> [StaffEvent] {
        var events: [StaffEvent] = []
        do {
            if try FileSystemCalls.makeDirectory(directory) { events.append(.storeFolderMadePrivate(folder: directory)) }
        } catch {
            throw .cannotWrite(file: directory, reason: error.message, noSpace: error.isNoSpace)
        }
        let removed = FileSystemCalls.removeLeftovers(in: directory)
        if removed > 0 { events.append(.leftoverFilesRemoved(count: removed)) }
        return events
    }

    public func exists(_ code: String) -> Bool { FileSystemCalls.exists(path(for: code)) }

    public func load(_ code: String) throws(PlanStoreError) -> Plan {
        try reading(code) { data, file throws in
            let plan = try codec.decode(data)
            if plan.code != code { throw PlanCodecError.undecodable(reason: "it holds the plan \(plan.code), not \(code)") }
            return plan
        }
    }

    public func openWithPIN(_ code: String, pin: String) throws(PlanStoreError) -> Plan? {
        try reading(code) { data, _ in
            let plan = try codec.open(data, pin: pin)
            return plan?.code == code ? plan : nil
        }
    }

    func readListing(_ code: String) throws(PlanStoreError) -> (listing: PlanListing, saveCounter: Int) {
        try reading(code) { data, _ in
            let read = try codec.listing(from: data)
            if read.listing.code != code { throw PlanCodecError.undecodable(reason: "it holds the plan \(read.listing.code), not \(code)") }
            return read
        }
    }

    /// Reads a plan's file and hands its bytes to `decode`, with every failure said in the
    /// store's words (naming the file, never its contents).
    private func reading<T>(_ code: String, _ decode: (Data, String) throws -> T) throws(PlanStoreError) -> T {
        let file = path(for: code)
        guard FileSystemCalls.exists(file) else { throw .notFound(code: code, closest: closestCodes(to: code)) }
        let data: Data
        do { data = try FileSystemCalls.read(file) } catch { throw .unavailable(file: file, reason: error.message) }
        do { return try decode(data, file) } catch let e as PlanCodecError {
            switch e {
            case let .newerSchema(version): throw .newerSchema(file: file, version: version)
            case let .undecodable(reason): throw .unreadable(file: file, reason: reason)
            }
        } catch let e as SealingError {
            throw .sealed(file: file, reason: e)
        } catch {
            throw .unreadable(file: file, reason: "does not decode")
        }
    }

    /// Saves a plan durably (0600, atomic rename, flushed). `durable: false` skips the flushes
    /// (still atomic): only for generating test and benchmark stores in bulk.
    public func save(_ plan: Plan, durable: Bool = true) throws(PlanStoreError) {
        try prepareFolder()
        let file = path(for: plan.code)
        let data: Data
        do { data = try codec.encode(plan) } catch {
            throw .cannotWrite(file: file, reason: "could not encode the plan", noSpace: false)
        }
        do {
            if durable { try FileSystemCalls.writeDurably(data, to: file) } else { try FileSystemCalls.writeAtomically(data, to: file) }
        } catch {
            throw .cannotWrite(file: file, reason: error.message, noSpace: error.isNoSpace)
        }
    }

    private func prepareFolder() throws(PlanStoreError) {
        do { _ = try FileSystemCalls.makeDirectory(directory) } catch {
            throw .cannotWrite(file: directory, reason: error.message, noSpace: error.isNoSpace)
        }
    }

    @discardableResult
    public func update(_ code: String, creating fresh: () -> Plan, _ change: (inout Plan) throws -> Void) throws -> Plan {
        try prepareFolder()
        do {
            return try FileSystemCalls.withLock(lockPath) {
                // Leftovers of this plan from a save that was killed: they hold a family's words.
                FileSystemCalls.removeLeftovers(in: directory, of: code + ".json")
                var plan: Plan
                if exists(code) {
                    do { plan = try load(code) } catch let PlanStoreError.unreadable(_, reason) {
                        // Reads but does not decode: keep it aside for staff, never overwrite it.
                        let aside = try moveAside(code)
                        log?.record(.planSetAside(file: aside, reason: reason), code: code)
                        plan = fresh()
                    }
                } else {
                    plan = fresh()
                }
                try change(&plan)
                try save(plan)
                return plan
            }
        } catch let e as FileSystemCalls.Failure {
            throw PlanStoreError.cannotWrite(file: e.path, reason: e.message, noSpace: e.isNoSpace)
        }
    }

    /// Moves a plan file that does not decode to `CODE.json.corrupt-TIMESTAMP`, beside it.
    @discardableResult
    public func moveAside(_ code: String) throws(PlanStoreError) -> String {
        let stamp = Date().formatted(Date.ISO8601FormatStyle(dateSeparator: .omitted, timeSeparator: .omitted, timeZone: .gmt)
            .year().month().day().time(includingFractionalSeconds: false))
        let target = path(for: code) + ".corrupt-" + stamp
        do { try FileSystemCalls.moveAside(path(for: code), to: target) } catch {
            throw .cannotWrite(file: path(for: code), reason: error.message, noSpace: false)
        }
        return PathName.name(target)
    }

    public func setAside() -> [String] {
        FileSystemCalls.listDirectory(directory).filter { $0.contains(".json.corrupt-") }.sorted()
    }

    public func codes() -> [String] {
        FileSystemCalls.listDirectory(directory)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    // MARK: Wrong PINs

    /// `.pin-tries/CODE`: the number of wrong PINs in a row for that code, whether or not a plan
    /// has it (so a lock does not reveal that a code exists).
    func pinTriesPath(_ code: String) -> String { directory + "/.pin-tries/" + code }

    public func pinFailures(_ code: String) -> Int {
        guard let data = try? FileSystemCalls.read(pinTriesPath(code)) else { return 0 }
        return Int(String(decoding: data, as: UTF8.self).trimmingWhiteSpace) ?? 0
    }

    public func recordPinFailure(_ code: String) throws(PlanStoreError) -> Int {
        let file = pinTriesPath(code)
        do {
            return try FileSystemCalls.withLock(lockPath) {
                _ = try FileSystemCalls.makeDirectory(directory + "/.pin-tries")
                let n = pinFailures(code) + 1
                try FileSystemCalls.writeDurably(Data("\(n)\n".utf8), to: file)
                return n
            }
        } catch let e as FileSystemCalls.Failure {
            throw .cannotWrite(file: e.path, reason: e.message, noSpace: e.isNoSpace)
        } catch {
            throw .cannotWrite(file: file, reason: "\(error)", noSpace: false)
        }
    }

    public func clearPinFailures(_ code: String) throws(PlanStoreError) {
        let file = pinTriesPath(code)
        guard FileSystemCalls.exists(file) else { return }
        do { try FileSystemCalls.remove(file) } catch {
            throw .cannotWrite(file: file, reason: error.message, noSpace: false)
        }
    }
}

/// One JSON shape for plan files and JSON exports: sorted keys, ISO 8601 dates, readable.
public enum PlanCoding: Sendable {
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
    public static func describe(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return "not valid JSON" }
        func path(_ c: [any CodingKey]) -> String {
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
