import Testing
@testable import SpiralCore

/// A spreadsheet cell from a family's words never ends early or starts a formula.
@Suite struct CSVCellTests {
    @Test func aQuoteWithAMarkOnItIsDoubledLikeAnyOther() {
        // "\"" + U+0301 is one Character: a Character-wise replace left it single, ending the field.
        #expect(CSVCell.cell("x\"\u{301},=1+1,") == "\"x\"\"\u{301},=1+1,\"")
        #expect(CSVCell.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.cell("=1+1") == "'=1+1")
    }
}
