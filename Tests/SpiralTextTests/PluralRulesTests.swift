import Testing
@testable import SpiralText

@Suite struct PluralRulesTests {
    @Test func categoriesPerLanguage() {
        #expect(PluralRules.categories(locale: "ar") == ["zero", "one", "two", "few", "many", "other"])
        #expect(PluralRules.categories(locale: "ru") == ["one", "few", "many", "other"])
        #expect(PluralRules.categories(locale: "en-AU") == ["one", "other"])
        #expect(PluralRules.categories(locale: "zh-Hant") == ["other"])
    }

    @Test(arguments: [(1, "one"), (2, "few"), (5, "many"), (21, "one"), (11, "many"), (22, "few")])
    func russian(number: Int, category: String) {
        #expect(PluralRules.category(for: number, locale: "ru") == category)
    }

    @Test func russianThroughAPattern() throws {
        let template = try MessageTemplate(
            pattern: "{n, plural, one {# ребёнок} few {# ребёнка} many {# детей} other {# ребёнка}}", locale: "ru")
        #expect(try [1, 2, 5, 21].map { try template.format(["n": .number($0)]) }
            == ["1 ребёнок", "2 ребёнка", "5 детей", "21 ребёнок"])
    }
}
