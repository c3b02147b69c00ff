/// Why a message pattern could not be compiled or formatted, in plain English
/// for a translator or coordinator fixing a Localizations file.
public struct MessageFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. "unmatched '{' at offset 6" or "argument 'name' is not given".
    public let description: String
    /// Character offset in the pattern where the problem is, if known.
    public let offset: Int?

    public init(description: String, offset: Int?) {
        self.description = description
        self.offset = offset
    }

    /// A compile failure from ICU. ICU's own offset is only meaningful for
    /// syntax errors (it reports 0 for unmatched braces), so for those we find
    /// the unclosed brace ourselves.
    init(compiling pattern: String, units: [UInt16], failure: ICU.Failure) {
        let what: String
        var offset: Int? = nil
        switch failure.name {
        case "U_UNMATCHED_BRACES":
            what = "unmatched '{'"
            offset = Self.unclosedBrace(in: units).map { Self.characterOffset($0, in: pattern) }
        case "U_PATTERN_SYNTAX_ERROR":
            what = "syntax error"
            offset = Self.characterOffset(failure.utf16Offset, in: pattern)
        case "U_DEFAULT_KEYWORD_MISSING":
            what = "a plural or select has no 'other' case"
        case "U_ILLEGAL_ARGUMENT_ERROR":
            what = "unknown argument type or style"
        case "U_NUMBER_SKELETON_SYNTAX_ERROR":
            what = "bad number skeleton"
        default:
            what = "ICU could not compile the pattern (\(failure.name))"
        }
        self.init(description: offset.map { "\(what) at offset \($0)" } ?? what, offset: offset)
    }

    /// Converts an ICU UTF-16 offset into a count of Characters, which is
    /// what a person counting along the pattern sees.
    static func characterOffset(_ utf16Offset: Int, in text: String) -> Int {
        let index = String.Index(utf16Offset: min(max(utf16Offset, 0), text.utf16.count), in: text)
        return text[..<index].count
    }

    /// The UTF-16 offset of the innermost '{' left open, skipping text quoted
    /// with apostrophes the way ICU's default apostrophe mode does ("'{'" is a
    /// literal brace, "''" a literal apostrophe).
    static func unclosedBrace(in units: [UInt16]) -> Int? {
        let apostrophe = UInt16(UInt8(ascii: "'")), open = UInt16(UInt8(ascii: "{")), close = UInt16(UInt8(ascii: "}"))
        let quotable: Set<UInt16> = [open, close, UInt16(UInt8(ascii: "#")), UInt16(UInt8(ascii: "|"))]
        var openBraces: [Int] = []
        var i = 0
        while i < units.count {
            let unit = units[i]
            if unit == apostrophe, i + 1 < units.count {
                if units[i + 1] == apostrophe { i += 2; continue }
                if quotable.contains(units[i + 1]) {
                    // Skip to the closing apostrophe ("''" inside stays literal).
                    i += 1
                    while i < units.count {
                        if units[i] == apostrophe {
                            if i + 1 < units.count, units[i + 1] == apostrophe { i += 2; continue }
                            break
                        }
                        i += 1
                    }
                }
            } else if unit == open {
                openBraces.append(i)
            } else if unit == close {
                _ = openBraces.popLast()
            }
            i += 1
        }
        return openBraces.last
    }
}
