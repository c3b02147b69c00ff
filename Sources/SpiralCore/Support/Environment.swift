#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Environment variables, looked up one name at a time. `ProcessInfo.processInfo.environment`
/// copies every variable into a new dictionary on each use; the kiosk asked it a dozen times
/// before the first screen (about 5 of its 47 million start-up instructions, docs/benchmarks.md).
/// Tests give a fixed set of variables as a dictionary literal.
public struct Environment: Sendable, ExpressibleByDictionaryLiteral {
    /// The variables given, or nil for the process's own (read when asked).
    private let fixed: [String: String]?

    /// This process's environment as it is at each lookup.
    public static let process = Environment(fixed: nil)

    private init(fixed: [String: String]?) { self.fixed = fixed }

    public init(_ variables: [String: String]) { self.init(fixed: variables) }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(fixed: Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public subscript(name: String) -> String? {
        if let fixed { return fixed[name] }
        return getenv(name).map { String(cString: $0) }
    }

    /// The variable's value, or nil when it is unset or empty.
    public func nonEmpty(_ name: String) -> String? {
        self[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
