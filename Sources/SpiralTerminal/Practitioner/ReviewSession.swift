#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore
import SpiralText

/// `spiral review`: every plan in the store, urgent and "not felt right" first; type to search by
/// name or code (accents, case and script ignored), a number to read a plan. Reading a plan shows
/// urgent needs and repair flags first, then what the family said grouped by spiral stage, each
/// question in the practitioner's language beside the family's own words.
public final class ReviewSession {
    let store: any PlanRepository
    let script: PromptScript?
    let catalogue: MessageCatalogue
    let practitioner: Localizer
    let reader: any LineReader
    let interactive: Bool
    let colour: Bool
    /// The centre's `reorderRightToLeft` (false for a terminal that does its own bidi).
    let reorderRightToLeft: Bool
    let write: (String) -> Void

    public init(store: any PlanRepository, script: PromptScript?, catalogue: MessageCatalogue, practitionerLanguage: String,
                reader: any LineReader, interactive: Bool, colour: Bool, latinDigits: Bool, reorderRightToLeft: Bool = true,
                write: @escaping (String) -> Void = Terminal.write) {
        self.reorderRightToLeft = reorderRightToLeft && interactive
        self.store = store
        self.script = script
        self.catalogue = catalogue
        self.practitioner = Localizer(catalogue: catalogue, language: practitionerLanguage, latinDigits: latinDigits)
        self.reader = reader
        self.interactive = interactive
        self.colour = colour
        self.write = write
    }

    var width: Int { interactive ? Terminal.width() : 100 }
    var height: Int { interactive ? Terminal.height() : Int.max / 2 }

    func renderer(_ l: Localizer) -> ScreenRenderer {
        ScreenRenderer(width: width, direction: l.direction, locale: l.formattingLocale, colour: colour, reorderRightToLeft: reorderRightToLeft)
    }

    func show(_ screen: Screen) {
        write(ScreenFrame.bytes(renderer(practitioner).lines(for: screen), interactive: interactive))
    }

    func read(_ redraw: @escaping () -> Void) -> String? {
        while true {
            switch reader.readLine(prompt: "› ", prefill: "", completions: [], idleTimeout: nil, onResize: redraw) {
            case let .line(raw): return InputCleaner.clean(raw)
            case .interrupted: continue
            default: return nil
            }
        }
    }

    public func run() {
        var query = ""
        var page = 0
        var notice: String?
        while true {
            let overview = PlanOverview.load(from: store)
            let rows = query.isEmpty ? overview.rows : overview.rows.filter { $0.matches(query) }
            let room = max(3, height - 10)
            let pages = max(1, (rows.count + room - 1) / room)
            page = min(page, pages - 1)
            let shown = Array(rows.dropFirst(page * room).prefix(room))
            let listScreen = { [self] () -> Screen in
                var blocks: [Screen.Block] = []
                if !query.isEmpty { blocks.append(Screen.Block(practitioner("review.searching", ["query": .string(query)]), style: .dim)) }
                for problem in overview.unreadable { blocks.append(Screen.Block(practitioner("review.unreadable") + " " + problem, style: .notice)) }
                if rows.isEmpty {
                    blocks.append(Screen.Block(query.isEmpty ? practitioner("review.none") : practitioner("review.no_match", ["query": .string(query)])))
                }
                if pages > 1 { blocks.append(Screen.Block(practitioner("review.page", ["page": .number(page + 1), "pages": .number(pages)]), style: .dim)) }
                // Flags come first in each row, so shortening to the screen never cuts them.
                let cut = max(20, width - 12)
                let items = shown.enumerated().map { i, row in
                    Screen.Item(number: String(page * room + i + 1), label: UnicodeText.truncate(row.line, toWidth: cut))
                }
                return Screen(kind: .reviewList, language: practitioner.language, direction: practitioner.direction,
                              title: practitioner("review.title", ["count": .number(rows.count)]), blocks: blocks, list: items,
                              notice: notice, footer: practitioner("review.question"))
            }
            let draw = { [self] in show(listScreen()) }
            draw()
            guard let input = read(draw) else { return }
            notice = nil
            if input.isEmpty {
                if page + 1 < pages { page += 1; continue }
                return
            }
            if input == "<" { page = max(0, page - 1); continue }
            if let n = ChoiceMatcher.number(input) {
                if n >= 1, n <= rows.count {
                    // Read afresh: the kiosk may have added to it since the list was drawn.
                    do {
                        if !open(try store.load(rows[n - 1].listing.code)) { return }
                    } catch {
                        notice = practitioner("review.unreadable") + " " + error.description
                    }
                } else {
                    notice = practitioner("plan.not_a_choice")
                }
                continue
            }
            query = input == "/" ? "" : input
            page = 0
        }
    }

    /// Shows one plan, page by page. Returns false when input ended.
    func open(_ plan: Plan) -> Bool {
        let family = Localizer(catalogue: catalogue, language: catalogue.bestMatch(for: plan.language) ?? practitioner.language,
                               latinDigits: practitioner.latinDigits)
        let words = PractitionerWords(practitioner: practitioner, family: family, script: script)
        let r = renderer(practitioner)
        let pages = PractitionerWords.pages(words.reading(plan), room: max(5, height - 6)) { r.height(of: $0) }
        var index = 0
        while true {
            let last = index == pages.count - 1
            let page = Screen(kind: .planReading, language: practitioner.language, direction: practitioner.direction,
                              title: words.header(plan), blocks: words.flags(plan) + pages[index],
                              footer: practitioner(last ? "review.plan.end" : "review.plan.more"))
            let draw = { [self] in show(page) }
            draw()
            guard let input = read(draw) else { return false }
            if input == "<" { index = max(0, index - 1); continue }
            if input.isEmpty && !last { index += 1; continue }
            return true
        }
    }
}

/// Used from one thread only (it drives the terminal).
@available(*, unavailable) extension ReviewSession: Sendable {}
