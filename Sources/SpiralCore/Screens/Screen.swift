import SpiralText

/// One screen, as a value: everything a presenter needs to draw it (the terminal), speak it
/// (read aloud) or check it (tests), and nothing about how. Built in the core for the kiosk, for
/// `spiral review` and for `spiral plan`; drawn by `SpiralTerminal`.
public struct Screen: Sendable, Equatable {
    /// Which screen this is: presenters and tests name screens by it.
    public enum Kind: String, Sendable, Equatable {
        case language, welcome, pinEntry, pinChoose, pinConfirm, step, summary, stillThere, confirmStop
        case closing, goodbye, staffClose, menu, page, reviewList, planReading
    }

    /// A run of words in one style. `direction` is the language the words came from when it is not
    /// the screen's own (a language's name on the chooser, an English fallback in Arabic).
    public struct Block: Sendable, Equatable {
        public enum Style: Sendable, Equatable { case plain, question, hint, indented, notice, dim, heading }
        public var text: String
        public var style: Style
        public var direction: TextDirection?
        public init(_ text: String, style: Style = .plain, direction: TextDirection? = nil) {
            self.text = text; self.style = style; self.direction = direction
        }
    }

    /// One numbered item of a list: a choice, a language, an answer in the summary, a menu entry.
    public struct Item: Sendable, Equatable {
        /// What is typed to choose it, in the screen's digits.
        public var number: String
        public var label: String
        /// The family's current choice (shown, never pre-typed).
        public var marked: Bool
        public var direction: TextDirection?
        /// The item's own language when it is not the screen's (a language's name in itself).
        public var language: String?
        public init(number: String, label: String, marked: Bool = false, direction: TextDirection? = nil, language: String? = nil) {
            self.number = number; self.label = label; self.marked = marked; self.direction = direction; self.language = language
        }
    }

    /// What the screen waits for.
    public enum Input: Sendable, Equatable {
        /// A line of text: `prefill` is put in the edit buffer to change, Tab completes among
        /// `completions`, and more than `limit` characters is refused as it is typed.
        case line(prefill: String, completions: [String], limit: Int)
        /// A PIN or passphrase: a dot per key, never the key.
        case secret
        /// Enter (or any line) to go on.
        case enter
    }

    public var kind: Kind
    /// The language the screen is in, and so its base direction.
    public var language: String
    public var direction: TextDirection
    public var title: String
    public var blocks: [Block]
    public var list: [Item]
    public var notice: String?
    /// Key hints, last on the screen.
    public var footer: String?
    public var input: Input
    /// How long the screen waits for a key before the flow hears `timedOut`; nil: no limit.
    public var idleTimeout: Duration?
    /// Holds a family's own words (the summary): a presenter that speaks asks before reading it.
    public var holdsFamilyWords: Bool
    /// The family's own words that appear on this screen (a name in a greeting, an answer quoted
    /// back): never read aloud unless the parent asks on this screen and confirms.
    public var familyWords: [String] = []
    /// The family asked for every screen to be read aloud (for this session only).
    public var readAloud = false

    public init(kind: Kind, language: String, direction: TextDirection, title: String, blocks: [Block] = [],
                list: [Item] = [], notice: String? = nil, footer: String? = nil, input: Input = .enter,
                idleTimeout: Duration? = nil, holdsFamilyWords: Bool = false) {
        self.kind = kind; self.language = language; self.direction = direction; self.title = title
        self.blocks = blocks; self.list = list; self.notice = notice; self.footer = footer; self.input = input
        self.idleTimeout = idleTimeout; self.holdsFamilyWords = holdsFamilyWords
    }

    /// Every word on the screen in reading order, for tests and for a presenter that speaks.
    public var allText: String {
        ([title] + blocks.map(\.text) + list.map { "\($0.number) \($0.label)" } + [notice, footer].compactMap { $0 })
            .joined(separator: "\n")
    }
}
