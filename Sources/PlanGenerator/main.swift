// spiral-plan-generator: writes N realistic plans into a plan store, for benchmarks.
//
// Each plan is made the way the kiosk makes one: the real prompt script is walked by the real
// dialogue engine, questions are worded by the real catalogue in the family's language, answers
// are typed in that language's own script (Sources/PlanGenerator/Samples.swift), and PlanBuilder
// turns them into needs, praise and goals. Then a practitioner's work is added: goals agreed and
// rated over several reviews, labelled praise, quick wins, outreach, repair, contacts, history.
//
// The same --seed gives the same plans. Files are written as PlanStore writes them (same JSON,
// 0600, folder 0700), through PlanStore.save; by default without fsync so that 10,000 plans
// take less time, or with --durable exactly as the kiosk saves.
import Foundation
import SpiralCore

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct Options {
    var count = 0
    var store = ""
    var prompts: String?
    var localizations: String?
    var languages: [String]?
    var seed: UInt64 = 2026
    var durable = false
    var quiet = false
    /// At least this many goals in every plan (the practitioner's sessions add them): for export benchmarks.
    var goals = 0

    static let usage = """
    usage: spiral-plan-generator --count N --store DIR [--seed S] [--languages en,ar,vi]
                                [--prompts DIR] [--localizations DIR] [--durable] [--quiet]
                                [--goals G]

    Writes N realistic plans into DIR (created if missing), in every language file found in
    Localizations/ (or the languages given), for benchmarking `spiral review` and `spiral export`.
    --durable saves each plan through PlanStore.save (fsync), as the kiosk does; slower.
    --goals G gives every plan at least G goals, agreed and rated at three reviews (export benchmarks).
    """

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--count": o.count = Int(value()) ?? -1
            case "--store": o.store = value()
            case "--prompts": o.prompts = value()
            case "--localizations": o.localizations = value()
            case "--languages": o.languages = value().split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            case "--seed": o.seed = UInt64(value()) ?? 2026
            case "--durable": o.durable = true
            case "--quiet": o.quiet = true
            case "--goals": o.goals = Int(value()) ?? -1
            case "-h", "--help": print(usage); exit(0)
            default: fail("unknown option \(args[i])")
            }
            i += 1
        }
        if o.goals < 0 { fail("--goals needs a number (0 or more)") }
        if o.count < 0 || o.store.isEmpty { fail("give --count N (N ≥ 0) and --store DIR") }
        return o
    }
}

func fail(_ message: String) -> Never {
    StandardError.write("spiral-plan-generator: \(message)\n\n\(Options.usage)\n")
    exit(2)
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let locator = ResourceLocator()
guard let promptsDir = locator.directory(named: "Prompts", override: options.prompts),
      let localizationsDir = locator.directory(named: "Localizations", override: options.localizations) else {
    fail("cannot find Prompts/ and Localizations/: give --prompts and --localizations")
}
let script: PromptScript
switch ScriptLoader.load(directory: promptsDir) {
case let .success(s): script = s
case let .failure(f): fail("the prompt script does not load: \(f.problems.map(\.description).joined(separator: "; "))")
}
let catalogue = MessageCatalogue.load(directory: localizationsDir)
let languages = options.languages ?? catalogue.tags
guard !languages.isEmpty else { fail("no language files in \(localizationsDir)") }
for tag in languages where !Samples.forLanguage(tag).own {
    StandardError.write("note: no sample answers written for \(tag): its plans use the English samples\n")
}
// A centre's mix: more English than any one other language, every installed language present.
let weightedLanguages = languages.flatMap { $0 == "en" ? Array(repeating: $0, count: 4) : [$0] }

var rng = SplitMix64(state: options.seed)
let config = CentreConfig.australianDefaults
let store = PlanStore(directory: options.store)
do { try store.prepare() } catch { fail(error.description) }
// Plans were started over the year before this date; fixed so the same seed gives the same files.
let epoch = Date(timeIntervalSince1970: 1_782_000_000) // 2026-06-21

@MainActor func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
@MainActor func pick<T>(_ list: [T]) -> T { list.randomElement(using: &rng)! }
@MainActor func day(_ date: Date) -> String {
    ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
}

/// The kiosk's dialogue for one family, answered as they might: the first visit, and for some
/// families a return visit later (which asks the repair questions: "has anything not felt right?").
@MainActor func kioskPlan(code: String, language: String, started: Date) -> (Plan, DialogueEngine) {
    var engine = DialogueEngine(script: script)
    var clock = started
    // Some families stop part way (idle, or Ctrl-D): their plan stays in progress.
    let stopAfter = chance(0.15) ? Int.random(in: 4...30, using: &rng) : Int.max
    walk(&engine, language: language, clock: &clock, stopAfter: stopAfter)
    var plan = Plan(code: code, language: language, now: started)
    PlanBuilder.apply(engine, to: &plan, now: clock)
    plan.visits = [Plan.Visit(startedAt: started, language: language, returning: false)]
    if engine.position == .summary { plan.status = .finished }
    return (plan, engine)
}

@MainActor func returnVisit(_ plan: inout Plan, _ earlier: DialogueEngine) {
    var engine = DialogueEngine(script: script, isReturning: true, answers: earlier.answers)
    engine.resume()
    var clock = plan.updatedAt + Double(Int.random(in: 7...40, using: &rng)) * 86_400
    plan.visits.append(Plan.Visit(startedAt: clock, language: plan.language, returning: true))
    walk(&engine, language: plan.language, clock: &clock, stopAfter: Int.max)
    PlanBuilder.apply(engine, to: &plan, now: clock)
    if engine.position == .summary { plan.status = .finished }
}

@MainActor func walk(_ engine: inout DialogueEngine, language: String, clock: inout Date, stopAfter: Int) {
    let samples = Samples.forLanguage(language).samples
    let l = Localizer(catalogue: catalogue, language: language)
    let goalsWanted = Int.random(in: 1...3, using: &rng)
    var answered = 0
    while let v = engine.current, answered < stopAfter {
        let presenter = StepPresenter(engine: engine, localizer: l, config: config)
        let question = presenter.questionText(of: v)
        clock += Double(Int.random(in: 8...90, using: &rng))
        let step = v.step
        let at = clock
        func answer(_ value: AnswerValue, _ display: String) {
            engine.record(Answer(value: value, question: question, display: display, language: language, answeredAt: at))
        }
        func choose(_ ids: [String]) {
            let chosen = step.choiceList.filter { ids.contains($0.id) }
            let display = chosen.map { l($0.label) }.joined(separator: ListSeparator.display(for: language))
            if step.kind == .multiChoice { answer(.choices(chosen.map(\.id)), display) } else { answer(.choice(chosen[0].id), display) }
        }
        switch step.kind {
        case .info, .crisisContacts:
            answer(.shown(question), question)
        case .choice:
            let ids = step.choiceList.map(\.id)
            switch step.id {
            case "consent": choose(["yes"])
            case "safe_now": choose([chance(0.92) ? "yes" : pick(["no", "unsure"])])
            case "not_right": choose([chance(0.8) ? "no" : pick(["yes", "prefer_not"])])
            case "goal_another": choose([v.ref.round < goalsWanted ? "yes" : "no"])
            case "atsi": choose([chance(0.85) ? "no" : pick(ids)])
            default:
                if step.isSkippable && chance(0.1) { answer(.skipped, "") } else { choose([pick(ids)]) }
            }
        case .multiChoice:
            var ids = step.choiceList.filter { $0.exclusive != true }.map(\.id)
            if step.id == "needs_now" {
                if chance(0.1) { choose(["none"]); break }
                if chance(0.95) { ids.removeAll { $0 == "safety" } } // a few families choose Safety: urgent
            }
            ids.shuffle(using: &rng)
            choose(Array(ids.prefix(Int.random(in: 1...3, using: &rng))))
        case .text:
            if step.id == "child_praise" {
                // The kiosk offers a labelled-praise sentence; most parents keep it as it is.
                let suggestion = presenter.prefill(for: v)
                answer(.text(suggestion), suggestion)
            } else if let goalText = goalStep(step.id, round: v.ref.round, samples: samples) {
                answer(.text(goalText), goalText)
            } else if let texts = samples.texts(for: step.id), !(step.isSkippable && chance(0.12)) {
                let text = pick(texts)
                answer(.text(text), text)
            } else {
                answer(.skipped, "")
            }
        }
        answered += 1
    }
}

@MainActor func goalStep(_ id: String, round: Int, samples: Samples) -> String? {
    let g = samples.goals[(max(round, 1) - 1 + samples.goals.count) % samples.goals.count]
    switch id {
    case "goal_what": return g.what
    case "goal_why": return g.why
    case "goal_when": return g.when
    case "goal_how": return g.how
    case "goal_who": return g.who
    default: return nil
    }
}

/// What a practitioner adds over the following months.
@MainActor func addPractitionerWork(_ plan: inout Plan) {
    let who = pick(Samples.practitioners)
    var t = plan.updatedAt
    let sessions = chance(0.25) ? 0 : Int.random(in: 1...6, using: &rng)
    for s in 0..<sessions {
        t += Double(Int.random(in: 5...21, using: &rng)) * 86_400
        if chance(0.2) {
            plan.contacts.append(Plan.Contact(kind: .missed, date: day(t), note: nil, by: who))
            t += 86_400
            plan.contacts.append(Plan.Contact(kind: .outreach, date: day(t), note: pick(Samples.outreach), by: who))
            plan.partnershipSteps.append(Plan.PartnershipStep(kind: .outreach, note: pick(Samples.outreach), by: who, at: t))
            continue
        }
        plan.contacts.append(Plan.Contact(kind: .kept, date: day(t), note: nil, by: who))
        if s == 0 { plan.partnershipSteps.append(Plan.PartnershipStep(kind: .quickWin, note: pick(Samples.quickWins), by: who, at: t)) }
        for i in plan.goals.indices where !plan.goals[i].removed {
            let old = plan.goals[i].status
            if s == 0 {
                plan.goals[i].status = .agreed
            } else if old != .achieved {
                plan.goals[i].status = chance(0.25) ? .achieved : .inProgress
            }
            if old != plan.goals[i].status {
                plan.history.append(Plan.Change(at: t, who: who, what: "goal \(plan.goals[i].id) status",
                                                old: old.rawValue, new: plan.goals[i].status.rawValue))
            }
            let parent = min(10, plan.goals[i].ratings.count * 2 + Int.random(in: 1...4, using: &rng))
            plan.goals[i].ratings.append(Plan.Rating(date: day(t), parent: parent,
                                                     practitioner: max(0, parent - Int.random(in: 0...2, using: &rng)), by: who))
            plan.goals[i].reviewDate = day(t + 28 * 86_400)
        }
        if chance(0.5) {
            plan.praise.append(Plan.Praise(kind: .toParent, text: pick(Samples.praiseToParent), source: .practitioner(who), language: "en", recordedAt: t))
        }
        if chance(0.3) {
            plan.praise.append(Plan.Praise(kind: .forChild, text: pick(Samples.praiseForChild), source: .practitioner(who), language: "en", recordedAt: t))
        }
        if chance(0.15) {
            plan.partnershipSteps.append(Plan.PartnershipStep(kind: .selfCare, note: pick(Samples.selfCare), by: who, at: t))
        }
        if plan.repairFlag, s == 0 {
            plan.partnershipSteps.append(Plan.PartnershipStep(kind: .ruptureAcknowledged, note: pick(Samples.repair), by: who, at: t))
        }
        if chance(0.2), plan.goals.count < 5 {
            let id = "session-\(plan.goals.count + 1)"
            plan.goals.append(Plan.Goal(id: id, what: "Join the Thursday playgroup", why: "Time with other parents",
                                        when: "This term", how: "Come along with Jo the first time", whoWith: who,
                                        status: .agreed, proposedBy: who, language: "en"))
            plan.history.append(Plan.Change(at: t, who: who, what: "goal \(id) added", old: nil, new: "Join the Thursday playgroup"))
        }
    }
    if sessions > 0 { plan.updatedAt = t }
}

/// A long-running plan: goals agreed with a practitioner until there are `count`, each rated at
/// three reviews (what a 100-goal export is measured on).
@MainActor func addGoals(_ plan: inout Plan, upTo count: Int) {
    let who = pick(Samples.practitioners)
    while plan.goals.count < count {
        let n = plan.goals.count + 1
        plan.goals.append(Plan.Goal(id: "session-\(n)", what: "Goal \(n): join the Thursday playgroup",
                                    why: "Time with other parents", when: "This term", how: "Come along with Jo the first time",
                                    whoWith: who, status: [.agreed, .inProgress, .achieved][n % 3], proposedBy: who, language: "en"))
        plan.goals[n - 1].reviewDate = "2026-08-01"
        for r in 0..<3 {
            plan.goals[n - 1].ratings.append(Plan.Rating(date: "2026-0\(r + 5)-15", parent: 3 + r * 2, practitioner: 2 + r * 2, by: who))
        }
    }
}

var codes = Set(store.codes())
let started = Date()
for n in 0..<options.count {
    var code = FamilyCode.make(using: &rng)
    while codes.contains(code) { code = FamilyCode.make(using: &rng) }
    codes.insert(code)
    let language = pick(weightedLanguages)
    let start = epoch - Double(Int.random(in: 0..<(365 * 86_400), using: &rng))
    var (plan, engine) = kioskPlan(code: code, language: language, started: start)
    addPractitionerWork(&plan)
    if plan.status == .finished, chance(0.3) { returnVisit(&plan, engine) }
    addGoals(&plan, upTo: options.goals)
    do { try store.save(plan, durable: options.durable) } catch {
        fail("could not save plan \(code): \(error)")
    }
    if !options.quiet, (n + 1) % 1000 == 0 {
        StandardError.write("\(n + 1) plans…\n")
    }
}
if !options.quiet {
    let seconds = Date().timeIntervalSince(started)
    print("Wrote \(options.count) plans in \(languages.joined(separator: ", ")) to \(options.store) in \(String(format: "%.1f", seconds)) s.")
}
