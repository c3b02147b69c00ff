import Foundation
import SpiralCore
import SpiralText

/// Settings for one run of the kiosk.
public struct KioskOptions: Sendable {
    /// Start in this language and skip the language screen.
    public var language: String?
    public var idleTimeout: Duration?
    /// Interactive terminal: clear screens, colour, visual-order right-to-left lines.
    public var interactive: Bool
    public var colour: Bool
    public var maxAnswerLength: Int = 2000

    public init(language: String? = nil, idleTimeout: Duration? = nil, interactive: Bool, colour: Bool) {
        self.language = language
        self.idleTimeout = idleTimeout
        self.interactive = interactive
        self.colour = colour
    }
}

/// How one family's session ended.
public enum FamilyOutcome: Equatable, Sendable {
    case finished(code: String)
    case declined
    /// End of input or idle: what was entered is saved.
    case leftEarly(code: String?)
    /// SIGTERM or SIGHUP: saved, and the kiosk should exit.
    case terminated(code: String?)
}

/// Runs the parents' dialogue on a terminal: draws each step, reads the answer with readline,
/// hands it to the dialogue engine and saves the plan after every answer.
public final class KioskSession {
    let script: PromptScript
    let catalogue: MessageCatalogue
    let config: CentreConfig
    let store: PlanStore
    let reader: LineReader
    let options: KioskOptions
    let log: StaffLog
    let write: (String) -> Void

    // One family's state.
    var l: Localizer
    var engine: DialogueEngine
    var planCode: String?
    var visitRecorded = false
    var notice: String?
    var saveFailed = false

    public init(script: PromptScript, catalogue: MessageCatalogue, config: CentreConfig, store: PlanStore,
                reader: LineReader, options: KioskOptions, log: StaffLog, write: @escaping (String) -> Void = Terminal.write) {
        self.script = script
        self.catalogue = catalogue
        self.config = config
        self.store = store
        self.reader = reader
        self.options = options
        self.log = log
        self.write = write
        let start = options.language.flatMap { catalogue.bestMatch(for: $0) } ?? MessageCatalogue.sourceLanguage
        self.l = Localizer(catalogue: catalogue, language: start, latinDigits: config.latinDigits ?? false)
        self.engine = DialogueEngine(script: script)
    }

    /// Languages the kiosk offers: the centre's list (those installed), else all installed.
    var offeredLanguages: [String] {
        let wanted = config.languages.compactMap { catalogue.bestMatch(for: $0) }
        return wanted.isEmpty ? catalogue.tags : wanted
    }

    // MARK: One family

    public func runFamily() -> FamilyOutcome {
        resetFamily()
        if options.language == nil, offeredLanguages.count > 1 {
            switch chooseLanguage(first: true) {
            case .chosen: break
            case let .ended(outcome): return outcome
            }
        }
        if let outcome = welcome() { return outcome }
        return dialogue()
    }

    func resetFamily() {
        let start = options.language.flatMap { catalogue.bestMatch(for: $0) } ?? MessageCatalogue.sourceLanguage
        l = l.switched(to: start)
        engine = DialogueEngine(script: script)
        planCode = nil
        pendingPinHash = nil
        askPinNext = false
        declined = false
        summaryPage = 0
        visitRecorded = false
        notice = nil
        saveFailed = false
    }

    enum Read {
        case command(TypedCommand)
        case ended(FamilyOutcome)
    }

    /// Reads one line and says what it means; end of input, idle and signals end the family's
    /// session with what they entered saved.
    func read(prefill: String = "", completions: [String] = [], redraw: @escaping () -> Void) -> Read {
        reader.setVisualOrderInput(l.direction == .rightToLeft && options.interactive && (config.reorderRightToLeft ?? true),
                                   promptColumns: UnicodeText.displayWidth(promptMark))
        while true {
            let result = reader.readLine(prompt: promptMark, prefill: prefill, completions: completions,
                                         idleTimeout: options.idleTimeout, onResize: redraw)
            switch result {
            case var .line(raw):
                // Without line editing the suggestion cannot sit in the edit buffer: Enter keeps it,
                // as Enter on the pre-filled line does at a terminal.
                if !options.interactive, raw.isEmpty, !prefill.isEmpty { raw = prefill }
                let cleaned = InputCleaner.clean(raw)
                if !cleaned.isEmpty { reader.remember(cleaned) }
                return .command(TypedCommand.parse(cleaned))
            case .interrupted:
                // Ctrl-C at a kiosk is usually a mistake: the line is cleared and the question stays.
                redraw()
                continue
            case .endOfInput:
                save()
                if let code = planCode {
                    show(renderer.page(title: l("ui.finish.title"), paragraphs: [l("ui.goodbye.eof", ["code": .string(code)])],
                                       notice: nil, footer: options.interactive ? l("ui.finish.press") : nil))
                    // Long enough to note the code; the screen is then cleared for the next family.
                    if options.interactive {
                        _ = reader.readLine(prompt: promptMark, prefill: "", completions: [], idleTimeout: .seconds(60), onResize: nil)
                    }
                }
                return .ended(.leftEarly(code: planCode))
            case .timedOut:
                if stillThere() { redraw(); continue }
                save()
                log.note("family session ended after idle timeout", code: planCode)
                return .ended(.leftEarly(code: planCode))
            case .terminated:
                save()
                return .ended(.terminated(code: planCode))
            }
        }
    }

    var promptMark: String { l.direction == .rightToLeft ? "‹ " : "› " }

    /// "Are you still there?" After a second idle period, the answers are saved and the kiosk
    /// returns to a clean welcome screen.
    func stillThere() -> Bool {
        let seconds = Int((options.idleTimeout ?? .seconds(60)).components.seconds)
        let lines = renderer.page(title: l("ui.idle.title"), paragraphs: [l("ui.idle.text", ["seconds": .number(min(60, seconds))])],
                                  notice: nil, footer: nil)
        show(lines)
        let wait = Duration.seconds(min(60, max(10, seconds)))
        let result = reader.readLine(prompt: promptMark, prefill: "", completions: [], idleTimeout: wait, onResize: nil)
        if case .line = result { return true }
        return false
    }

    // MARK: Screens

    var renderer: ScreenRenderer {
        ScreenRenderer(width: options.interactive ? Terminal.width() : 80, direction: l.direction, locale: l.formattingLocale,
                       colour: options.colour, reorderRightToLeft: options.interactive && (config.reorderRightToLeft ?? true))
    }

    func show(_ lines: [String]) {
        for broken in catalogue.takeBrokenMessages() {
            log.note("a message could not be formatted and was shown from the fallback language (run spiral check): \(broken)")
        }
        write(ScreenFrame.bytes(lines, interactive: options.interactive))
    }

    func numbers(_ count: Int) -> [String] {
        (1...max(1, count)).prefix(count).map { LocaleFormat.number($0, locale: l.formattingLocale) }
    }

    enum LanguageChoice { case chosen, ended(FamilyOutcome) }

    /// The first screen: every offered language in its own name and script.
    func chooseLanguage(first: Bool) -> LanguageChoice {
        let tags = offeredLanguages
        let names = tags.map { tag -> String in
            let file = catalogue.languages[tag]
            var name = file?.name ?? tag
            if let english = file?.englishName, english != name { name += " — " + english }
            if file?.status == .draft { name += " (" + l.switched(to: tag)("ui.language.draft") + ")" }
            return name
        }
        var problem: String?
        while true {
            let draw = { [self] in
                let title = first ? tags.prefix(4).map { l.switched(to: $0)("ui.language.title") }.joined(separator: " · ")
                                  : l("ui.language.title")
                var r = renderer
                r.direction = .leftToRight
                let list = zip(tags.indices, names).map { (String($0.0 + 1), $0.1) }
                show(r.page(title: title, paragraphs: [], list: list, notice: problem, footer: l("ui.language.question")))
            }
            draw()
            switch read(completions: names, redraw: draw) {
            case let .ended(outcome): return .ended(outcome)
            case let .command(command):
                switch command {
                case .skip, .back, .language, .help:
                    if !first { return .chosen }
                    if case .skip = command { return .chosen }
                    problem = nil
                case let .answer(text):
                    if let i = LanguageMatcher.match(text, tags: tags, names: tags.map { catalogue.languages[$0] }) {
                        l = l.switched(to: tags[i])
                        return .chosen
                    }
                    problem = l("ui.language.not_found", ["input": .string(UnicodeText.truncate(text, toWidth: 40))])
                }
            }
        }
    }

    /// Welcome: what this is, and a way back in for a family with a code.
    func welcome() -> FamilyOutcome? {
        var problem: String?
        while true {
            let draw = { [self] in
                show(renderer.page(title: l("ui.welcome.title"), paragraphs: [l("ui.welcome.text"), l("ui.welcome.code")],
                                   notice: problem, footer: l("ui.keys")))
            }
            draw()
            switch read(redraw: draw) {
            case let .ended(outcome): return outcome
            case let .command(command):
                switch command {
                case .skip: return nil
                case .back: problem = l("ui.at_start")
                case .help: problem = l("ui.help")
                case .language:
                    if case let .ended(o) = chooseLanguage(first: false) { return o }
                case let .answer(text):
                    switch openWithPin(codeTyped: text) {
                    case let .opened(plan):
                        continuePlan(plan)
                        notice = l("ui.welcome.back", ["name": .string(plan.profile.name ?? "none")])
                        return nil
                    case .refused:
                        problem = l("ui.welcome.code.unknown")
                    case .cancelled:
                        problem = nil
                    case let .ended(outcome):
                        return outcome
                    }
                }
            }
        }
    }

    enum Opening { case opened(Plan), refused, cancelled, ended(FamilyOutcome) }

    /// A returning family's code and PIN. A wrong pair gets one answer whether or not the code
    /// exists, and repeated wrong tries are slowed down.
    func openWithPin(codeTyped: String) -> Opening {
        let lines = renderer.page(title: l("ui.welcome.title"), paragraphs: [l("ui.pin.enter")], notice: nil, footer: l("ui.pin.keys"))
        show(lines)
        let pin: String
        switch reader.readSecret(prompt: promptMark, idleTimeout: options.idleTimeout) {
        case let .line(raw): pin = PinRules.digits(InputCleaner.clean(raw)) ?? InputCleaner.clean(raw)
        case .interrupted, .timedOut: return .cancelled
        case .endOfInput: return .ended(.leftEarly(code: nil))
        case .terminated: return .ended(.terminated(code: nil))
        }
        if pin.isEmpty { return .cancelled }
        var plan: Plan?
        if let code = FamilyCode.normalise(codeTyped), store.exists(code) {
            do { plan = try store.load(code) } catch { log.note("could not open a plan for a returning family: \(error)", code: code) }
        }
        // The same work is done for a code that does not exist, so timing does not tell either.
        let stored = plan?.pinHash ?? PinRules.decoyHash
        if SecretHash.verify(pin, against: stored), let plan, plan.pinHash != nil {
            wrongTries = 0
            return .opened(plan)
        }
        wrongTries += 1
        if wrongTries >= 3 {
            let wait = min(30, 1 << min(5, wrongTries - 2))
            show(renderer.page(title: l("ui.welcome.title"), paragraphs: [l("ui.pin.wait", ["seconds": .number(wait)])], notice: nil, footer: nil))
            Thread.sleep(forTimeInterval: Double(wait))
        }
        return .refused
    }

    /// Wrong code/PIN tries since the kiosk started (not per family: a child can't reset it).
    var wrongTries = 0

    /// After consent: a PIN the family chooses, so only they can open their plan again.
    func choosePin() -> FamilyOutcome? {
        var problem: String?
        while true {
            show(renderer.page(title: l("ui.pin.title"), paragraphs: [l("ui.pin.choose")], notice: problem, footer: l("ui.pin.keys.choose")))
            guard case let .line(first) = secret() else { return secretEnded() }
            let typed = InputCleaner.clean(first)
            if typed.isEmpty { notice = l("ui.pin.skipped"); return nil }
            guard let pin = PinRules.digits(typed), PinRules.isAcceptable(pin) else { problem = l("ui.pin.rules"); continue }
            show(renderer.page(title: l("ui.pin.title"), paragraphs: [l("ui.pin.again")], notice: nil, footer: nil))
            guard case let .line(second) = secret() else { return secretEnded() }
            if PinRules.digits(InputCleaner.clean(second)) != pin { problem = l("ui.pin.mismatch"); continue }
            pendingPinHash = SecretHash.make(pin, cost: SecretHash.pinCost)
            save()
            notice = l("ui.pin.saved")
            return nil
        }
    }

    var lastSecretResult: LineReadResult = .endOfInput

    func secret() -> LineReadResult {
        lastSecretResult = reader.readSecret(prompt: promptMark, idleTimeout: options.idleTimeout)
        if case .interrupted = lastSecretResult { lastSecretResult = .line("") }
        return lastSecretResult
    }

    /// The family's session ends while choosing a PIN: what they entered is saved.
    func secretEnded() -> FamilyOutcome? {
        save()
        if case .terminated = lastSecretResult { return .terminated(code: planCode) }
        if case .timedOut = lastSecretResult { return .leftEarly(code: planCode) }
        return .leftEarly(code: planCode)
    }

    /// Set once the family has chosen a PIN; written with the next save.
    var pendingPinHash: String?

    /// Staff closing the kiosk: the passphrase, checked against its slow hash. Wrong ones are
    /// refused calmly and slowed down after a few.
    public func staffMayClose() -> Bool {
        guard let hash = store.staffPassphraseHash() else { return true }
        var failures = 0
        while failures < 5 {
            show(renderer.page(title: l("staff.close.title"), paragraphs: [l("staff.close.text")], notice: failures > 0 ? l("staff.close.wrong") : nil, footer: nil))
            guard case let .line(raw) = reader.readSecret(prompt: "› ", idleTimeout: .seconds(60)) else { return false }
            if raw.isEmpty { return false }
            if SecretHash.verify(raw, against: hash) { return true }
            failures += 1
            log.note("a wrong staff passphrase was typed")
            if failures >= 2 { Thread.sleep(forTimeInterval: Double(min(16, 1 << failures))) }
        }
        return false
    }

    func continuePlan(_ plan: Plan) {
        var answers: [StepRef: Answer] = [:]
        for a in plan.answers {
            guard let ref = StepRef(key: a.key) else { continue }
            answers[ref] = Answer(value: a.value, question: a.question, display: a.answer, language: a.language, answeredAt: a.answeredAt)
        }
        engine = DialogueEngine(script: script, isReturning: true, answers: answers)
        planCode = plan.code
        if let match = catalogue.bestMatch(for: plan.language), options.language == nil { l = l.switched(to: match) }
    }

    // MARK: The dialogue

    func dialogue() -> FamilyOutcome {
        while true {
            if askPinNext {
                askPinNext = false
                if let outcome = choosePin() { return outcome }
            }
            switch engine.position {
            case .step:
                if let outcome = askCurrentStep() { return outcome }
            case .summary:
                if let outcome = summary() { return outcome }
            case .finished:
                return closing()
            }
        }
    }

    /// One step: draw, read, act. Returns an outcome only when the family's session ends.
    func askCurrentStep() -> FamilyOutcome? {
        guard let v = engine.current else { engine.finish(); return nil }
        let presenter = StepPresenter(engine: engine, localizer: l, config: config)
        let view = presenter.view(of: v)
        var prefill = pendingPrefill ?? view.prefill
        pendingPrefill = nil
        if !view.expectsAnswer { prefill = "" }
        let shownNotice = options.interactive || prefill.isEmpty ? notice
            : [notice, l("ui.keeps", ["text": .string(prefill)])].compactMap { $0 }.joined(separator: " ")
        let draw = { [self] in
            show(renderer.render(view, notice: shownNotice, numbers: numbers(view.choices.count)))
        }
        draw()
        let read = read(prefill: prefill, completions: view.choices, redraw: draw)
        notice = nil
        guard case let .command(command) = read else {
            if case let .ended(o) = read { return o }
            return nil
        }
        switch command {
        case .back:
            if !engine.back() { notice = l("ui.at_start") }
        case .help:
            notice = l("ui.help")
        case .language:
            if case let .ended(o) = chooseLanguage(first: false) { return o }
        case .skip:
            if !view.expectsAnswer {
                record(v, .shown(view.question), display: view.question, question: view.question)
            } else if v.step.isSkippable {
                record(v, .skipped, display: "", question: view.question)
            } else {
                notice = l("ui.need_answer")
            }
        case let .answer(text):
            if !view.expectsAnswer {
                record(v, .shown(view.question), display: view.question, question: view.question)
            } else {
                answer(text, at: v, view: view)
            }
        }
        return nil
    }

    /// Text kept for the next draw of the same step, so nothing typed is lost when it is refused.
    var pendingPrefill: String?

    func answer(_ text: String, at v: VisibleStep, view: StepView) {
        switch v.step.kind {
        case .text:
            let limit = v.step.maxLength ?? options.maxAnswerLength
            if text.count > limit {
                notice = l("ui.too_long", ["max": .number(limit), "length": .number(text.count)])
                pendingPrefill = text
                return
            }
            record(v, .text(text), display: text, question: view.question)
        case .choice, .multiChoice:
            let exclusive = Set(v.step.choiceList.indices.filter { v.step.choiceList[$0].exclusive == true })
            switch ChoiceMatcher.match(text, labels: view.choices, multiple: view.multiple, exclusive: exclusive) {
            case let .chosen(indices):
                let ids = indices.map { v.step.choiceList[$0].id }
                let display = indices.map { view.choices[$0] }.joined(separator: ListSeparator.display(for: l.language))
                record(v, view.multiple ? .choices(ids) : .choice(ids[0]), display: display, question: view.question)
            case .noMatch:
                let key = v.step.isSkippable ? "ui.not_a_choice" : "ui.not_a_choice.noskip"
                notice = l(key, ["input": .string(UnicodeText.truncate(text, toWidth: 30)), "count": .number(view.choices.count)])
                pendingPrefill = text
            case let .exclusiveConflict(i):
                notice = l("ui.exclusive_choice", ["label": .string(view.choices[i])])
                pendingPrefill = text
            }
        case .info, .crisisContacts:
            break
        }
    }

    func record(_ v: VisibleStep, _ value: AnswerValue, display: String, question: String) {
        engine.record(Answer(value: value, question: question, display: display, language: l.language))
        if planCode == nil, engine.answer(StepRef("consent"))?.value == .choice("yes") {
            planCode = newCode()
            askPinNext = true
        }
        if v.ref.stepId == "consent", value == .choice("no") {
            engine.finish()
            declined = true
            return
        }
        save()
    }

    var declined = false
    /// A new plan was just started: the family chooses a PIN before the next question.
    var askPinNext = false

    func newCode() -> String {
        while true {
            let code = FamilyCode.make()
            if !store.exists(code) { return code }
        }
    }

    /// Saves after every answer. A failure is told calmly and logged for staff; the answers stay
    /// in memory and the next answer tries again.
    func save(finished: Bool = false) {
        guard let code = planCode else { return }
        let firstVisit = !visitRecorded
        do {
            _ = try store.update(code, creating: Plan(code: code, language: l.language)) { plan in
                PlanBuilder.apply(engine, to: &plan)
                if firstVisit { plan.visits.append(Plan.Visit(startedAt: Date(), language: l.language, returning: engine.isReturning)) }
                if finished { plan.status = .finished }
                if let pin = pendingPinHash { plan.pinHash = pin }
            }
            visitRecorded = true
            if saveFailed { saveFailed = false; log.note("saving works again", code: code) }
        } catch {
            saveFailed = true
            notice = l("ui.save_failed")
            log.note("could not save: \(error)", code: code)
        }
    }

    // MARK: Summary and closing

    /// Which page of the summary is showing; a long summary is split to fit the screen.
    var summaryPage = 0

    func summary() -> FamilyOutcome? {
        let presenter = StepPresenter(engine: engine, localizer: l, config: config)
        // Every answer the family can change: questions that go into the plan.
        let items = engine.visibleAnswers().filter { $0.0.step.kind.isQuestion && $0.0.step.record != nil && $0.0.step.isSkippable }
        let entries = items.enumerated().map { i, item -> (String, String) in
            let (v, a) = item
            let shown = a.value.isSkipped ? l("ui.skipped") : a.display
            return (LocaleFormat.number(i + 1, locale: l.formattingLocale), presenter.questionText(of: v) + "\n→ " + shown)
        }
        let pages = SummaryPager.pages(entries.map { renderer.choiceList([$0.1], numbers: [$0.0]).count },
                                       available: options.interactive ? Terminal.height() - 12 : Int.max)
        summaryPage = min(summaryPage, pages.count - 1)
        let range = pages[summaryPage]
        let last = summaryPage == pages.count - 1
        let draw = { [self] in
            show(renderer.page(title: l("ui.summary.title"), paragraphs: [l("ui.summary.intro")], list: Array(entries[range]),
                               notice: notice, footer: l(last ? "ui.summary.question" : "ui.summary.more")))
        }
        draw()
        let read = read(redraw: draw)
        notice = nil
        guard case let .command(command) = read else {
            if case let .ended(o) = read { return o }
            return nil
        }
        switch command {
        case .skip:
            if last { summaryPage = 0; engine.finish() } else { summaryPage += 1 }
        case .back:
            if summaryPage > 0 { summaryPage -= 1 } else { engine.back() }
        case .help: notice = l("ui.help")
        case .language: if case let .ended(o) = chooseLanguage(first: false) { return o }
        case let .answer(text):
            if let n = ChoiceMatcher.number(text), n >= 1, n <= items.count {
                engine.change(items[n - 1].0.ref)
            } else {
                notice = l("ui.summary.not_a_number", ["count": .number(items.count)])
            }
        }
        return nil
    }

    func closing() -> FamilyOutcome {
        if declined {
            show(renderer.page(title: l("ui.finish.title"), paragraphs: [l("ui.goodbye.declined")], notice: nil, footer: l("ui.finish.press")))
            _ = reader.readLine(prompt: promptMark, prefill: "", completions: [], idleTimeout: .seconds(30), onResize: nil)
            return .declined
        }
        save(finished: true)
        let code = planCode ?? ""
        let plan = try? store.load(code)
        let action = engine.answer(StepRef("did_for_child"))?.value.text ?? ""
        let goals = plan?.goals.count ?? engine.goalCount
        var paragraphs = [
            l("ui.finish.strengths", ["hasStrength": .string(action.isEmpty ? "no" : "yes"), "firstStrength": .string(action)]),
            l("ui.finish.goals", ["goalCount": .number(goals)]),
            l("ui.finish.code", ["code": .string(code)]),
        ]
        if plan?.urgent == true { paragraphs.append(l("ui.finish.urgent")) }
        show(renderer.page(title: l("ui.finish.title"), paragraphs: paragraphs, notice: notice, footer: l("ui.finish.press")))
        _ = reader.readLine(prompt: promptMark, prefill: "", completions: [], idleTimeout: .seconds(120), onResize: nil)
        return .finished(code: code)
    }
}
