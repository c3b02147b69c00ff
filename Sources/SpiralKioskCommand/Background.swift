import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Work started on the other core at start-up, waited for where its result is needed: the
/// kiosk reads its prompt script and checks its English source while the language files load
/// (docs/benchmarks.md: start-up).
package final class Background<T: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once, before `done` is signalled, and read only after.
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    package init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global(qos: .userInteractive).async { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    package func value() throws -> T {
        done.wait()
        done.signal()  // later calls return at once
        return try result!.get()
    }
}
