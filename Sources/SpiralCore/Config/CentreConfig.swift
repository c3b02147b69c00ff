#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a centre sets without recompiling: languages offered, crisis contacts, idle timeout.
public struct CentreConfig: Codable, Sendable, Equatable {
    public var centreName: String?
    /// Tags offered at the kiosk, in order. Empty: every installed language.
    public var languages: [String]
    public var idleTimeoutSeconds: Int?
    /// Arabic and other languages with their own digits show Latin digits instead.
    public var latinDigits: Bool?
    /// Terminals that do their own bidi (mlterm) want logical order: set to false there.
    public var reorderRightToLeft: Bool?
    public var crisisContacts: [CrisisContact]
    /// The centre's public key (base64, from `spiral keys init`): plans are sealed to it. Absent:
    /// plans are kept unsealed and the kiosk's first screen says so to staff.
    public var centreKey: String? = nil
    /// Reading aloud (docs/deploying-a-kiosk.md): on unless turned off.
    public var speech: Speech? = nil
    /// The shared store every command uses when none is named (`postgresql://…`): the kiosk's
    /// URL on a kiosk, the staff URL on a practitioner's machine. Unset: plan files on this machine.
    public var store: String? = nil
    /// The screen families read (`foot`, `linux-console`, `other`): languages it cannot draw are
    /// not offered. Unset: every language is offered, as on a display nobody has named.
    public var display: String? = nil

    public struct Speech: Codable, Sendable, Equatable {
        /// false: no read-aloud key, no hint.
        public var enabled: Bool?
        /// Read every screen aloud from the start, for every family (they can still stop it with !).
        public var autoRead: Bool?
        /// The program and arguments that play a WAV file, which is added last (default `aplay -q`).
        public var player: [String]?
        /// A voice for a language other than its file's (e.g. `{"zh-Hant": "cmn-latn-pinyin"}` for
        /// Mandarin instead of Cantonese).
        public var voices: [String: String]?
        /// Words per minute (espeak-ng's -s; default 150, a little slower than its 175).
        public var wordsPerMinute: Int?
        /// The folder of recordings, `TAG/MESSAGE-KEY.wav` or `.ogg` (default: `Audio/` beside the
        /// language files).
        public var recordings: String?
        /// The longest a player may run on one file beyond the file's own length, in seconds,
        /// before it is stopped (a hanging player is never waited on).
        public var playerGraceSeconds: Int?

        public init(enabled: Bool? = nil, autoRead: Bool? = nil, player: [String]? = nil, voices: [String: String]? = nil,
                    wordsPerMinute: Int? = nil, recordings: String? = nil, playerGraceSeconds: Int? = nil) {
            self.enabled = enabled; self.autoRead = autoRead; self.player = player; self.voices = voices
            self.wordsPerMinute = wordsPerMinute; self.recordings = recordings; self.playerGraceSeconds = playerGraceSeconds
        }
    }

    public struct CrisisContact: Codable, Sendable, Equatable {
        public var name: String
        /// A message key for the service's name where it should be translated ("Emergency").
        public var nameKey: String? = nil
        public var phone: String
        /// A message key in Localizations/ describing the service in each language.
        public var aboutKey: String?
        /// Or the description by language tag, for services a centre adds itself.
        public var about: [String: String]?
    }

    /// The Australian defaults, used when no config file is found. A centre must check them.
    public static let australianDefaults = CentreConfig(
        centreName: nil, languages: [], idleTimeoutSeconds: 180, latinDigits: false, reorderRightToLeft: true,
        crisisContacts: [
            .init(name: "Emergency (police, ambulance, fire)", nameKey: "crisis.name.000", phone: "000", aboutKey: "crisis.about.000", about: nil),
            .init(name: "1800RESPECT", phone: "1800 737 732", aboutKey: "crisis.about.respect", about: nil),
            .init(name: "Lifeline", phone: "13 11 14", aboutKey: "crisis.about.lifeline", about: nil),
            .init(name: "Kids Helpline", phone: "1800 55 1800", aboutKey: "crisis.about.kids", about: nil),
            .init(name: "13YARN", phone: "13 92 76", aboutKey: "crisis.about.yarn", about: nil),
        ])

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid(String, String)
        public var description: String {
            switch self {
            case let .unreadable(path): return "The centre config \(path) cannot be read: check the path and its permissions."
            case let .invalid(path, reason): return "The centre config \(path) \(reason)."
            }
        }
    }

    /// The display named in the config, if it is one Spiral knows (load refuses any other name).
    public var kioskDisplay: KioskDisplay? { display.flatMap(KioskDisplay.named) }

    /// The public key plans are sealed to, if the centre has one.
    public var sealingKey: CentrePublicKey? { centreKey.flatMap(CentrePublicKey.init(base64:)) }

    public static func load(path: String) throws(LoadError) -> CentreConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        do {
            let config = try JSONTree.decode(CentreConfig.self, from: data, reading: CentreConfig.init(tree:))
            if let bad = config.crisisContacts.first(where: { $0.phone.trimmingSpaces.isEmpty }) {
                throw LoadError.invalid(path, "has a crisis contact \"\(bad.name)\" with no phone number: add one")
            }
            if let key = config.centreKey, CentrePublicKey(base64: key) == nil {
                throw LoadError.invalid(path, "has a centreKey that is not a centre public key: copy it again from `spiral keys init`, or remove it")
            }
            if let name = config.display, KioskDisplay.named(name) == nil {
                throw LoadError.invalid(path, "names the display \"\(name)\", which Spiral does not know: use one of \(KioskDisplay.knownNames.joined(separator: ", ")) (\"other\" if yours is not listed)")
            }
            if let t = config.idleTimeoutSeconds, t < 10 {
                throw LoadError.invalid(path, "sets idleTimeoutSeconds to \(t): use 10 seconds or more")
            }
            return config
        } catch let e as LoadError {
            throw e
        } catch {
            throw .invalid(path, JSONProblem.describe(error, in: data))
        }
    }
}

extension CentreConfig {
    /// Writes `centreKey` into the config file at `path` (made if missing), keeping every other
    /// setting as it is; durable and atomic, so a crash leaves the old file or the new one.
    public static func setCentreKey(_ key: CentrePublicKey, inFileAt path: String) throws(LoadError) {
        var object: [String: JSONValue] = [:]
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
            guard case let .object(parsed)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                throw .invalid(path, "is not a JSON object: fix it (spiral check), then run this again")
            }
            object = parsed
        } else {
            // A new config starts from the defaults a centre would otherwise get.
            let defaults = (try? JSONEncoder().encode(CentreConfig.australianDefaults)) ?? Data("{}".utf8)
            if case let .object(parsed)? = try? JSONDecoder().decode(JSONValue.self, from: defaults) { object = parsed }
        }
        object["centreKey"] = .string(key.base64)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(JSONValue.object(object))
            data.append(10)
            _ = try? FileSystemCalls.makeDirectory(PathName.directory(path), mode: 0o755)
            // Readable by all: it holds the public key and the centre's settings, no secret.
            try FileSystemCalls.writeDurably(data, to: path, mode: 0o644)
        } catch {
            throw .unreadable(path)
        }
    }
}
