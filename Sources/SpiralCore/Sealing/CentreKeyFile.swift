@preconcurrency import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The centre's private key at rest: never in clear, only wrapped twice, under the key
/// passphrase practitioners type and under a one-time recovery code kept on paper in a safe.
/// Losing both loses every sealed plan: there is no other way in, by design.
public struct CentreKeyFile: Codable, Sendable {
    public static let format = "spiral-centre-key-1"

    public var spiralCentreKey: String = CentreKeyFile.format
    public var keyID: String
    public var publicKey: String
    public var createdAt: Date
    public var passphrase: PassphraseWrap
    public var recovery: PassphraseWrap

    /// `$XDG_CONFIG_HOME/spiral/centre-key` (`~/.config/spiral/centre-key`).
    public static func defaultPath(environment: Environment = .process) -> String {
        XDGDirectory.config.path("centre-key", environment: environment)
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missing(file: String)
        case unreadable(file: String, reason: String)
        case notAKeyFile(file: String)
        case openToOthers(file: String, mode: String)
        case wrongPassphrase(file: String)
        case exists(file: String)
        case cannotWrite(file: String, reason: String)

        public var description: String {
            switch self {
            case let .missing(file):
                return "There is no centre key file at \(file). Give its place with --key-file, or make one with `spiral keys init` (docs/sealing.md)."
            case let .unreadable(file, reason):
                return "The centre key file \(file) cannot be read (\(reason)). Check its owner and permissions."
            case let .notAKeyFile(file):
                return "\(file) is not a Spiral centre key file (or it is damaged). Use the file `spiral keys init` wrote, or a back-up of it."
            case let .openToOthers(file, mode):
                return "The centre key file \(file) can be read by other users (mode \(mode)). Make it private first: chmod 600 \(file)"
            case let .wrongPassphrase(file):
                return "That key passphrase does not open \(file). Check it and try again; if it is lost, use the recovery code (spiral keys recover)."
            case let .exists(file):
                return "A centre key file is already at \(file). Keep it: plans sealed to it need it. Use `spiral keys rotate` to change keys, or give another --key-file."
            case let .cannotWrite(file, reason):
                return "Could not write \(file): \(reason)."
            }
        }

        /// sysexits: 66 no input, 77 no permission, 65 bad data, 73 cannot create, 74 I/O.
        public var exitCode: Int32 {
            switch self {
            case .missing: 66
            case .openToOthers, .wrongPassphrase: 77
            case .notAKeyFile: 65
            case .exists: 73
            case .unreadable, .cannotWrite: 74
            }
        }
    }

    static func context(_ keyID: String) -> String { "spiral centre key|" + keyID }

    /// A new key file for `key`, wrapped under `passphrase` and a fresh recovery code (returned:
    /// shown once, never stored).
    public static func make(for key: CentrePrivateKey, passphrase: String, cost: SecretHash.Cost = PassphraseWrap.keyCost,
                            now: Date = Date()) throws -> (file: CentreKeyFile, recoveryCode: String) {
        let id = key.publicKey.id
        let raw = key.key.rawRepresentation
        let recoveryCode = RecoveryCode.make()
        let file = CentreKeyFile(keyID: id, publicKey: key.publicKey.base64, createdAt: now,
                                 passphrase: try PassphraseWrap.seal(raw, under: passphrase, cost: cost, context: context(id)),
                                 recovery: try PassphraseWrap.seal(raw, under: RecoveryCode.normalise(recoveryCode), cost: cost, context: context(id)))
        return (file, recoveryCode)
    }

    /// Reads a key file, refusing one that others can read.
    public static func read(_ path: String) throws(Failure) -> CentreKeyFile {
        guard FileSystemCalls.exists(path) else { throw .missing(file: path) }
        if let mode = FileSystemCalls.mode(path), mode & 0o077 != 0 {
            throw .openToOthers(file: path, mode: String(mode, radix: 8))
        }
        let data: Data
        do { data = try FileSystemCalls.read(path) } catch { throw .unreadable(file: path, reason: error.message) }
        guard let file = try? PlanCoding.decoder.decode(CentreKeyFile.self, from: data), file.spiralCentreKey == format,
              CentrePublicKey(base64: file.publicKey)?.id == file.keyID else { throw .notAKeyFile(file: path) }
        return file
    }

    /// The private key, with the passphrase (or, `recovery`, the recovery code).
    public func unlock(_ secret: String, recovery useRecovery: Bool = false, path: String) throws(Failure) -> CentrePrivateKey {
        let wrap = useRecovery ? recovery : passphrase
        let typed = useRecovery ? RecoveryCode.normalise(secret) : secret
        guard let raw = wrap.open(with: typed, context: Self.context(keyID)),
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw),
              key.publicKey.rawRepresentation.base64EncodedString() == publicKey else { throw .wrongPassphrase(file: path) }
        return CentrePrivateKey(key)
    }

    /// Writes the file durably, owner-only; never over an existing key file unless `replacing`.
    public func write(to path: String, replacing: Bool = false) throws(Failure) {
        if !replacing, FileSystemCalls.exists(path) { throw .exists(file: path) }
        do {
            _ = try FileSystemCalls.makeDirectory(PathName.directory(path), mode: 0o700)
            try FileSystemCalls.writeDurably(try PlanCoding.encoder.encode(self), to: path, mode: 0o600)
        } catch let e as FileSystemCalls.Failure {
            throw .cannotWrite(file: path, reason: e.message)
        } catch {
            throw .cannotWrite(file: path, reason: "could not encode the key")
        }
    }
}

extension CentreKeyFile {
    /// Keeps the key file at `path` as `retired` (a hard link), then renames `next` over `path`.
    public static func retire(_ path: String, to retired: String, replacingWith next: String) throws {
        if !FileSystemCalls.exists(retired) {
            guard FileSystemCalls.hardLink(path, as: retired) else { throw CocoaError(.fileWriteUnknown, userInfo: ["NSFilePath": retired]) }
        }
        do { try FileSystemCalls.moveAside(next, to: path) } catch { throw CocoaError(.fileWriteUnknown, userInfo: ["NSFilePath": path]) }
        FileSystemCalls.syncDirectory(PathName.directory(path))
    }
}

/// The recovery code: 100 random bits as 20 letters and digits in five groups, from an alphabet
/// without look-alikes (Crockford's base 32), to be written on paper and typed back.
public enum RecoveryCode: Sendable {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<20).map { _ in alphabet[Int.random(in: 0..<32, using: &rng)] }
        return stride(from: 0, to: 20, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// Case, spaces and dashes do not matter; O and I/L read as 0 and 1, as Crockford's does.
    static func normalise(_ typed: String) -> String {
        String(typed.uppercased().compactMap { c -> Character? in
            switch c {
            case "-", " ": return nil
            case "O": return "0"
            case "I", "L": return "1"
            default: return c
            }
        })
    }
}
