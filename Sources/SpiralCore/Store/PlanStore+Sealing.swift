#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sealing a store that already has plans, and moving every plan to a new centre key. Each plan
/// is rewritten on its own, atomically and durably, under the store's lock (a kiosk may be
/// saving meanwhile): killed at any moment, every plan is whole, sealed or not yet, and running
/// the command again carries on where it stopped.
public enum StoreSealing: Sendable {
    public struct Report: Sendable {
        public var done = 0
        public var already = 0
        public var failed = 0
        public var problems: [String] = []
        public var setAsideLeft = 0
        var verb: String

        public var summary: String {
            var lines = ["\(done) plan(s) \(verb), \(already) already were, \(failed) could not be."]
            lines += problems.map { "  " + $0 }
            if setAsideLeft > 0 {
                lines.append("\(setAsideLeft) set-aside file(s) (*.json.corrupt-*) are still in plain text: they did not decode, so they cannot be sealed. Look at them with your coordinator and delete them.")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Seals every plain plan in place with the store's (sealing) codec, and removes the plain
    /// listing index, which holds families' names.
    public static func sealExisting(_ store: PlanStore) throws(PlanStoreError) -> Report {
        precondition(store.codec.seals, "sealExisting needs a sealing codec")
        try store.prepare()
        var report = Report(verb: "sealed")
        for code in store.codes() {
            rewrite(code, in: store, report: &report) { data in
                if SealedPlanCodec.sealedKeyID(of: data) != nil { return nil }
                let plan = try JSONPlanCodec().decode(data)
                guard plan.code == code else { throw PlanCodecError.undecodable(reason: "it holds the plan \(plan.code), not \(code)") }
                return try store.codec.encode(plan)
            }
        }
        try? FileSystemCalls.remove(store.directory + "/" + PlanIndex.fileName)
        report.setAsideLeft = store.setAside().count
        return report
    }

    /// Re-wraps every sealed plan's data key to `key` (the store's codec must hold a key that
    /// opens them). Bodies are kept byte for byte.
    public static func rewrapAll(_ store: PlanStore, to key: CentrePublicKey) -> Report {
        var report = Report(verb: "moved to the new key")
        guard let codec = store.codec as? SealedPlanCodec else { return report }
        for code in store.codes() {
            rewrite(code, in: store, report: &report) { data in try codec.rewrapped(data, to: key) }
        }
        return report
    }

    /// `transform` returns the new bytes, or nil when the plan needs nothing.
    private static func rewrite(_ code: String, in store: PlanStore, report: inout Report, _ transform: (Data) throws -> Data?) {
        let file = store.path(for: code)
        do {
            let changed: Bool = try FileSystemCalls.withLock(store.lockPath) {
                let data = try FileSystemCalls.read(file)
                guard let replacement = try transform(data) else { return false }
                try FileSystemCalls.writeDurably(replacement, to: file)
                return true
            }
            if changed { report.done += 1 } else { report.already += 1 }
        } catch let e as FileSystemCalls.Failure {
            report.failed += 1
            report.problems.append("\(code): \(e.message)")
        } catch let e as SealingError {
            report.failed += 1
            report.problems.append(e.description)
        } catch let e as PlanCodecError {
            report.failed += 1
            switch e {
            case let .undecodable(reason): report.problems.append("\(code): does not decode (\(reason)); left as it is")
            case let .newerSchema(version): report.problems.append("\(code): written by a newer Spiral (format \(version)); left as it is")
            }
        } catch {
            report.failed += 1
            report.problems.append("\(code): \(error)")
        }
    }
}
