import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SpiralCore
import SpiralText

/// The threads the kiosk starts at start-up (its prompt script, readline's set-up) and the latch
/// the first screen waits on.
@Suite("Background work and latches")
struct BackgroundTests {
    @Test func workOnAnotherThreadGivesItsValueOrItsError() throws {
        struct Broken: Error {}
        #expect(try Background { 6 * 7 }.value() == 42)
        #expect(throws: Broken.self) { try Background { () throws -> Int in throw Broken() }.value() }
        #expect(try Background(idle: true) { "later" }.value() == "later")
    }

    /// The loading thread opens the latch halfway through its work; the waiter sees what was
    /// written before it opened, and never waits for the rest.
    @Test func aLatchLetsTheWaiterGoOnceOpenedAndShowsWhatCameBefore() throws {
        for pause in [0, 5_000, 20_000] {  // opened before, during and after the waiter's spinning
            let latch = Latch()
            let written = Locked<[String]>([])
            let rest = Latch()
            let worker = Background {
                if pause > 0 { usleep(useconds_t(pause)) }
                written.withLock { $0.append("set up") }
                latch.open()
                rest.wait()
                return "rest"
            }
            latch.wait()
            #expect(written.withLock { $0 } == ["set up"])
            rest.open()
            #expect(try worker.value() == "rest")
        }
    }

    @Test func anOpenLatchNeverWaits() {
        let latch = Latch()
        latch.open()
        latch.wait()
        latch.wait()
    }
}
