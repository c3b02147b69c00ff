import Foundation
import Testing
@testable import SpiralCore

@Suite("What was typed: cleaning, choices, commands, children")
struct InputTests {
    @Test func escapeSequencesAndControlsAreRemoved() {
        #expect(InputCleaner.clean("hi\u{1B}[31mred\u{1B}[0m") == "hired")
        #expect(InputCleaner.clean("a\u{1B}]0;evil title\u{07}b") == "ab")
        #expect(InputCleaner.clean("x\u{0}y\u{7F}z") == "xyz")
        #expect(InputCleaner.clean("abc\u{202E}cba\u{2066}") == "abccba")
        #expect(InputCleaner.clean("  two   spaces\tand tab ") == "two spaces and tab")
    }

    @Test func legitimateTextInEveryScriptPassesUnchanged() {
        for text in ["مرحبا بك يا Sam", "你好，世界", "Tiếng Việt", "नमस्ते", "안녕하세요", "Ελληνικά", "می‌خواهم"] {
            #expect(InputCleaner.clean(text) == text)
        }
    }

    @Test func choicesByNumberWordPrefixOrOtherDigits() {
        let labels = ["Housing", "Food", "Money", "Safety", "A doctor or hospital", "Nothing right now"]
        #expect(ChoiceMatcher.match("2", labels: labels, multiple: false) == .chosen([1]))
        #expect(ChoiceMatcher.match("٢", labels: labels, multiple: false) == .chosen([1]))
        #expect(ChoiceMatcher.match("hou", labels: labels, multiple: false) == .chosen([0]))
        #expect(ChoiceMatcher.match("SAFETY", labels: labels, multiple: false) == .chosen([3]))
        #expect(ChoiceMatcher.match("1 3, 4", labels: labels, multiple: true) == .chosen([0, 2, 3]))
        #expect(ChoiceMatcher.match("food, a doctor", labels: labels, multiple: true) == .chosen([1, 4]))
        #expect(ChoiceMatcher.match("9", labels: labels, multiple: false) == .noMatch("9"))
        #expect(ChoiceMatcher.match("pizza", labels: labels, multiple: false) == .noMatch("pizza"))
        #expect(ChoiceMatcher.match("1 6", labels: labels, multiple: true, exclusive: [5]) == .exclusiveConflict(5))
    }

    @Test func commandsAreTheSameInEveryLanguage() {
        #expect(TypedCommand.parse("") == .skip)
        #expect(TypedCommand.parse("<") == .back)
        #expect(TypedCommand.parse("*") == .language)
        #expect(TypedCommand.parse("؟") == .help)
        #expect(TypedCommand.parse("< not a command") == .answer("< not a command"))
    }

    @Test func childrenAreReadFromHowParentsWriteThem() {
        #expect(ChildrenParser.parse("Mia 4, Sam 7") == [.init(name: "Mia", age: 4), .init(name: "Sam", age: 7)])
        #expect(ChildrenParser.parse("Mia (4) and Sam") == [.init(name: "Mia", age: 4), .init(name: "Sam", age: nil)])
        #expect(ChildrenParser.parse("أحمد ٥، ليلى ٣") == [.init(name: "أحمد", age: 5), .init(name: "ليلى", age: 3)])
        #expect(ChildrenParser.parse("") == [])
        // An age's unit in any language is not part of the name.
        #expect(ChildrenParser.parse("小明 4歲、小華 7歲") == [.init(name: "小明", age: 4), .init(name: "小華", age: 7)])
        #expect(ChildrenParser.parse("민준 5살, 서연 3세") == [.init(name: "민준", age: 5), .init(name: "서연", age: 3)])
        #expect(ChildrenParser.parse("आरव 5 साल") == [.init(name: "आरव", age: 5)])
        #expect(ChildrenParser.parse("Mateo 4 años; Bảo 6 tuổi") == [.init(name: "Mateo", age: 4), .init(name: "Bảo", age: 6)])
        #expect(ChildrenParser.parse("يوسف ٤ سنوات") == [.init(name: "يوسف", age: 4)])
        #expect(ChildrenParser.parse("Mia 4 years old") == [.init(name: "Mia", age: 4)])
    }

    @Test func chosenLabelsAreListedAsEachLanguageWritesAList() {
        #expect(ListSeparator.display(for: "en") == "; ")
        #expect(ListSeparator.display(for: "zh-Hant") == "、")
        #expect(ListSeparator.display(for: "ar") == "؛ ")
        // The plan keeps each need's label as the family saw it, in their language's list form.
        var e = DialogueEngine(script: Fixtures.script)
        e.skip(until: "needs_now")
        e.record(Answer(value: .choices(["housing", "food"]), question: "q", display: "住屋、食物", language: "zh-Hant",
                        answeredAt: Date(timeIntervalSince1970: 0)))
        var plan = Plan(code: "AAA-111", language: "zh-Hant")
        PlanBuilder.apply(e, to: &plan)
        #expect(plan.needs.map(\.label) == ["住屋", "食物"])
    }
}
