#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A compiled ICU MessageFormat pattern (named arguments) for one locale.
///
/// `@unchecked Sendable` is safe because every stored property is an immutable
/// `let` of a Sendable value except the compiled ICU formatter, and that is
/// only touched while holding `lock`: icu::MessageFormat::format is `const`
/// but fills caches (number formats, plural rules) on first use, so ICU does
/// not promise it is safe to call from two threads at once.
public final class MessageTemplate: @unchecked Sendable {
    public let pattern: String
    public let locale: String
    /// Every named argument anywhere in the pattern, nested ones too.
    public let argumentNames: Set<String>
    /// Plural/selectordinal argument name -> selector keywords it uses, e.g. ["count": ["one", "other", "=0"]].
    public let pluralSelectors: [String: Set<String>]

    /// Each use of an argument, in pattern order, to check values before ICU sees them.
    private let uses: [ICU.MessageItem]
    private let message: ICU.Message
    private let lock = Lock()

    public init(pattern: String, locale: String) throws(MessageFormatError) {
        let units = ICU.utf16(pattern)
        switch ICU.openMessage(units, locale: locale) {
        case .success(let message): self.message = message
        case .failure(let failure):
            throw MessageFormatError(compiling: pattern, units: units, failure: failure)
        }
        self.pattern = pattern
        self.locale = locale
        let items = ICU.messageItems(units)
        uses = items.filter { $0.selector == nil }
        argumentNames = Set(uses.map(\.name))
        var selectors: [String: Set<String>] = [:]
        for item in items {
            if let selector = item.selector { selectors[item.name, default: []].insert(selector) }
        }
        pluralSelectors = selectors
    }

    /// Formats with ICU's C++ icu::MessageFormat::format(names, values, count, out, status)
    /// (the C umsg_format is positional only and silently wrong with names).
    /// Throws if the pattern uses an argument not in `arguments`, or one of the
    /// wrong kind: ICU would leave "{name}" in the text, or fail without saying
    /// which argument. Extra arguments are fine.
    public func format(_ arguments: [String: MessageArgument]) throws(MessageFormatError) -> String {
        for use in uses {
            guard let value = arguments[use.name] else {
                throw MessageFormatError(description: "argument '\(use.name)' is not given", offset: nil)
            }
            let wanted: String? = switch use.kind {
            case .number, .plural: value.isNumeric ? nil : "a number"
            case .date: if case .date = value { nil } else { "a date" }
            case .select: if case .string = value { nil } else { "a string" }
            case .plain, .other: nil
            }
            if let wanted {
                throw MessageFormatError(description: "argument '\(use.name)' must be \(wanted)", offset: nil)
            }
        }
        lock.lock()
        defer { lock.unlock() }
        switch ICU.format(message, arguments) {
        case .success(let text): return text
        case .failure(let failure):
            throw MessageFormatError(description: "ICU could not format the message (\(failure.name))", offset: nil)
        }
    }
}
