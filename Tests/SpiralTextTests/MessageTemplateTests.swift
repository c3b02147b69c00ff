import Foundation
import Testing
@testable import SpiralText

@Suite struct MessageTemplateTests {
    @Test func formatsNamedArguments() throws {
        let template = try MessageTemplate(
            pattern: "Hello {name}, you have {count, plural, one {# new message} other {# new messages}}.",
            locale: "en")
        #expect(try template.format(["name": "Mia", "count": 1]) == "Hello Mia, you have 1 new message.")
        #expect(try template.format(["name": "Mia", "count": 3]) == "Hello Mia, you have 3 new messages.")
        // Extra arguments are fine.
        #expect(try template.format(["name": "Sam", "count": 2, "unused": "x"]) == "Hello Sam, you have 2 new messages.")
    }

    @Test func missingArgumentThrowsNamingIt() throws {
        let template = try MessageTemplate(pattern: "Hello {name}, see you {when}", locale: "en")
        #expect(throws: MessageFormatError(description: "argument 'when' is not given", offset: nil)) {
            try template.format(["name": "Mia"])
        }
    }

    @Test func missingNestedArgumentThrows() throws {
        let template = try MessageTemplate(
            pattern: "{count, plural, one {{name} has one child} other {{name} has # children}}", locale: "en")
        let error = #expect(throws: MessageFormatError.self) { try template.format(["count": 2]) }
        #expect(error?.description == "argument 'name' is not given")
    }

    @Test func wrongKindOfArgumentThrows() throws {
        let template = try MessageTemplate(pattern: "{count, plural, one {# day} other {# days}}", locale: "en")
        let error = #expect(throws: MessageFormatError.self) { try template.format(["count": "three"]) }
        #expect(error?.description == "argument 'count' must be a number")
    }

    @Test func unmatchedBraceReportsWhereItOpened() {
        let error = #expect(throws: MessageFormatError.self) { try MessageTemplate(pattern: "Hello {name", locale: "en") }
        #expect(error?.offset == 6)
        #expect(error?.description == "unmatched '{' at offset 6")
        // Offsets count characters, not UTF-16 units or bytes; a quoted brace is text.
        let quoted = #expect(throws: MessageFormatError.self) {
            try MessageTemplate(pattern: "Xin chào '{' 日本 {tên", locale: "vi")
        }
        #expect(quoted?.offset == 16)
    }

    @Test func syntaxErrorHasOffset() {
        let error = #expect(throws: MessageFormatError.self) { try MessageTemplate(pattern: "Hi {}", locale: "en") }
        #expect(error?.offset == 4)
        #expect(error?.description == "syntax error at offset 4")
        let missingOther = #expect(throws: MessageFormatError.self) {
            try MessageTemplate(pattern: "{g, select, female {she}}", locale: "en")
        }
        #expect(missingOther?.description == "a plural or select has no 'other' case")
    }

    @Test func collectsNestedArgumentsAndPluralSelectors() throws {
        let template = try MessageTemplate(pattern: """
            {count, plural, =0 {No children yet} \
            one {{gender, select, female {Her} male {His} other {Their}} child {name}} \
            other {# children, seen on the {day, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}}}
            """, locale: "en")
        #expect(template.argumentNames == ["count", "gender", "name", "day"])
        #expect(template.pluralSelectors == ["count": ["=0", "one", "other"], "day": ["one", "two", "few", "other"]])
        #expect(try template.format(["count": 1, "gender": "female", "name": "Mia", "day": 2]) == "Her child Mia")
        #expect(try template.format(["count": 4, "gender": "male", "name": "Ali", "day": 23])
            == "4 children, seen on the 23rd")
        #expect(try template.format(["count": 0, "gender": "male", "name": "Ali", "day": 1]) == "No children yet")
    }

    @Test(arguments: [(0, "zero"), (1, "one"), (2, "two"), (3, "few"), (11, "many"), (100, "other")])
    func arabicPluralForms(number: Int, category: String) throws {
        let template = try MessageTemplate(
            pattern: "{count, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}",
            locale: "ar")
        #expect(try template.format(["count": .number(number)]) == category)
        #expect(PluralRules.category(for: number, locale: "ar") == category)
    }

    @Test func arabicDigitsUnlessLatinRequested() throws {
        let pattern = "{count, plural, few {# أطفال} other {# طفل}}"
        #expect(try MessageTemplate(pattern: pattern, locale: "ar").format(["count": 3]) == "٣ أطفال")
        #expect(try MessageTemplate(pattern: pattern, locale: "ar-u-nu-latn").format(["count": 3]) == "3 أطفال")
    }

    @Test func apostrophesFollowICUDefaults() throws {
        let template = try MessageTemplate(pattern: "It's {name}'s turn, '{not an argument}'", locale: "en")
        #expect(template.argumentNames == ["name"])
        #expect(try template.format(["name": "Mia"]) == "It's Mia's turn, {not an argument}")
    }

    @Test func formatsDates() throws {
        let template = try MessageTemplate(pattern: "See you on {when, date, long}", locale: "en")
        let noonUTC = Date(timeIntervalSince1970: 1_795_348_800) // 2026-11-22 12:00 UTC
        #expect(try template.format(["when": .date(noonUTC)]).hasPrefix("See you on November 2"))
        let error = #expect(throws: MessageFormatError.self) { try template.format(["when": 5]) }
        #expect(error?.description == "argument 'when' must be a date")
    }

    @Test func formatsConcurrently() async throws {
        let template = try MessageTemplate(pattern: "{n, plural, one {# child} other {# children}}", locale: "en")
        let wrong = await withTaskGroup(of: Int?.self) { group in
            for n in 0..<200 {
                group.addTask {
                    let expected = n == 1 ? "1 child" : "\(n) children"
                    return (try? template.format(["n": .number(n)])) == expected ? nil : n
                }
            }
            return await group.compactMap { $0 }.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(wrong.isEmpty)
    }
}
