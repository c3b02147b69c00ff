#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A value for one named argument of a MessageTemplate.
public enum MessageArgument: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringInterpolation
{
    case string(String), number(Int), double(Double), date(Date)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(floatLiteral value: Double) { self = .double(value) }

    var isNumeric: Bool {
        switch self {
        case .number, .double: true
        default: false
        }
    }
}
