import Foundation

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

    public static func load(path: String) throws(LoadError) -> CentreConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        do {
            let config = try JSONDecoder().decode(CentreConfig.self, from: data)
            if let bad = config.crisisContacts.first(where: { $0.phone.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw LoadError.invalid(path, "has a crisis contact \"\(bad.name)\" with no phone number: add one")
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
