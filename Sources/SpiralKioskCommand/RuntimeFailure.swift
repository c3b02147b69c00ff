import ArgumentParser
import SpiralCore

/// A failure at run time, not a mistake in the command line: one sentence a person can act on,
/// and the sysexits code a script can act on (usage errors stay with the argument parser, 64).
package struct RuntimeFailure: Error, CustomStringConvertible {
    package enum Code: Int32 {
        case dataError = 65      // EX_DATAERR: a file that does not decode
        case noInput = 66        // EX_NOINPUT: no such plan
        case cannotCreate = 73   // EX_CANTCREAT: would overwrite something to keep
        case ioError = 74        // EX_IOERR: could not write
        case tryAgain = 75       // EX_TEMPFAIL: cannot be read right now
        case noPermission = 77   // EX_NOPERM: wrong passphrase, no key, a key file open to others
        case usage = 64          // EX_USAGE: a store URL that does not parse
        case unavailable = 69    // EX_UNAVAILABLE: the shared store cannot be reached
        case config = 78         // EX_CONFIG: the shared store's schema is missing or newer
        case cancelled = 1
    }

    package var description: String
    package var code: Code

    package init(_ description: String, code: Code) {
        self.description = description
        self.code = code
    }

    /// With a sysexits number from a lower layer.
    package init(_ description: String, exit: Int32) {
        self.description = description
        self.code = Code(rawValue: exit) ?? .ioError
    }

    package init(_ error: SharedStoreError) {
        self.init(error.description, exit: error.exitCode)
    }

    package init(_ error: PlanStoreError) {
        self.description = error.description
        self.code = Code(rawValue: error.exitCode) ?? .ioError
    }

    package init(_ error: CentreKeyFile.Failure) {
        self.description = error.description
        self.code = Code(rawValue: error.exitCode) ?? .ioError
    }
}
