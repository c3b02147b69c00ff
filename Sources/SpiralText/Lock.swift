import Glibc

/// A mutual-exclusion lock, for the few caches and counters shared between threads.
///
/// Foundation's `NSLock` lives in the internationalisation half of Foundation, which the kiosk
/// does not link (it would bring Foundation's own 34 MB copy of ICU data). `Synchronization.Mutex`
/// owns its value and returns `sending` results, which does not fit classes that guard several
/// stored properties, so this is the usual pthread mutex, as SwiftNIO's `NIOLock` is.
public final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }

    public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// A value behind a `Lock`, for state that threads share (a cache).
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only read or written inside `lock`.
    private let lock = Lock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.withLock { body(&value) }
    }
}
