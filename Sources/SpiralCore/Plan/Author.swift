/// Who made an entry in a plan: the family themselves at the kiosk, or a named practitioner.
/// A typed value, so a practitioner who happens to be called "kiosk" (the deployment guide's
/// user name) is never mistaken for the family.
public enum Author: Codable, Sendable, Equatable, CustomStringConvertible {
    case family
    case practitioner(String)

    public var description: String {
        switch self {
        case .family: "family (kiosk)"
        case let .practitioner(name): name
        }
    }

    private enum Keys: String, CodingKey { case by, name }

    /// `{"by": "family"}` or `{"by": "practitioner", "name": "Jo"}`. Plan format 1 wrote a bare
    /// string: `"kiosk"` for the family, anything else a practitioner's name.
    public init(from decoder: any Decoder) throws {
        if let legacy = try? decoder.singleValueContainer().decode(String.self) {
            self = legacy == "kiosk" ? .family : .practitioner(legacy)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .by) {
        case "family": self = .family
        case "practitioner": self = .practitioner(try c.decode(String.self, forKey: .name))
        default:
            throw DecodingError.dataCorruptedError(forKey: .by, in: c, debugDescription: "expected family or practitioner")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .family: try c.encode("family", forKey: .by)
        case let .practitioner(name):
            try c.encode("practitioner", forKey: .by)
            try c.encode(name, forKey: .name)
        }
    }
}
