#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Opened once by one thread; `wait` returns once it is open. The kiosk's loading thread opens one
/// when readline's set-up is done and goes on to the prompt script, which the first screen need
/// not wait for (`KioskLaunch.startLoading`).
package final class Latch: @unchecked Sendable {
    private let isOpen = Atomic<Bool>(false)
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let opened: UnsafeMutablePointer<pthread_cond_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        opened = .allocate(capacity: 1)
        opened.initialize(to: pthread_cond_t())
        pthread_cond_init(opened, nil)
    }

    deinit {
        pthread_cond_destroy(opened)
        opened.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func open() {
        pthread_mutex_lock(mutex)
        isOpen.store(true, ordering: .releasing)
        pthread_cond_broadcast(opened)
        pthread_mutex_unlock(mutex)
    }

    /// Spins for up to two milliseconds before it sleeps: on the virtual machines measured, a
    /// thread that slept for a moment took 0.3-0.9 ms to run again once woken, and the kiosk's
    /// waits here are shorter than that.
    package func wait() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let deadline = Self.nanoseconds(now) + 2_000_000
        repeat {
            if isOpen.load(ordering: .acquiring) { return }
            clock_gettime(CLOCK_MONOTONIC, &now)
        } while Self.nanoseconds(now) < deadline
        pthread_mutex_lock(mutex)
        while !isOpen.load(ordering: .acquiring) { pthread_cond_wait(opened, mutex) }
        pthread_mutex_unlock(mutex)
    }

    private static func nanoseconds(_ t: timespec) -> Int { t.tv_sec * 1_000_000_000 + t.tv_nsec }
}
