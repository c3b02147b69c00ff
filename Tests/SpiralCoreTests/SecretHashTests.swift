import Foundation
import Testing
@testable import SpiralCore

@Suite("PINs and the staff passphrase: slow salted hashes")
struct SecretHashTests {
    @Test func aPINVerifiesOnlyItselfAndIsNeverStoredAsTyped() {
        let stored = SecretHash.make("2580", cost: SecretHash.pinCost)
        #expect(stored.hasPrefix("scrypt$2048$8$8$"))
        #expect(!stored.contains("2580"))
        #expect(SecretHash.verify("2580", against: stored))
        #expect(!SecretHash.verify("2581", against: stored))
        #expect(SecretHash.make("2580", cost: SecretHash.pinCost) != stored)  // salted
    }

    @Test func aPINHashedAtTheEarlierCostStillVerifies() {
        let earlier = SecretHash.make("4711", cost: SecretHash.Cost(rounds: 1 << 14, blockSize: 8, parallelism: 1))
        #expect(SecretHash.verify("4711", against: earlier))
        #expect(!SecretHash.verify("4712", against: earlier))
    }

    @Test func aDamagedOrHostileHashIsRefusedNotTried() {
        #expect(!SecretHash.verify("2580", against: ""))
        #expect(!SecretHash.verify("2580", against: "scrypt$1099511627776$8$1$AAAA$AAAA"))  // absurd memory
        #expect(!SecretHash.verify("2580", against: "md5$x$y$z$a$b"))
    }
}
