#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Saving after every answer, honestly: "saved" is said only when it is, unsaved answers are
/// held and retried, and a session that must end unsaved leaves them where staff can restore them.
extension KioskFlow {
    /// Saves what this session has not saved yet, merged into the plan as it is in the store now.
    /// A failure is told calmly on screen and logged; the answers stay held for the next try.
    @discardableResult
    func save() -> Bool {
        guard let code = family.code else { return true }
        let changes = family.unsaved
        let firstVisit = !family.visitRecorded
        let session = family.engine
        let language = family.l.language
        let pin = family.pendingPinHash
        let finished = family.finished
        let time = now()
        do {
            try repository.update(code, creating: Plan(code: code, language: language, now: time)) { plan in
                PlanBuilder.merge(changes, session: session, into: &plan, now: time)
                if firstVisit { plan.visits.append(Plan.Visit(startedAt: time, language: language, returning: session.isReturning)) }
                if finished { plan.status = .finished }
                if let pin { plan.pinHash = pin }
            }
            family.visitRecorded = true
            family.pendingPinHash = nil
            for (ref, answer) in changes where family.unsaved[ref] == answer { family.unsaved[ref] = nil }
            if family.saveFailing {
                family.saveFailing = false
                log.record(.savingWorksAgain, code: code)
            }
            return true
        } catch {
            if !family.saveFailing { log.record(.saveFailed(reason: String(describing: error)), code: code) }
            family.saveFailing = true
            family.notice = family.l("ui.save_failed")
            return false
        }
    }

    /// Before a session ends: save, retrying a few times; if the store still cannot take the
    /// answers, keep them in the held folder for staff and log it. Idempotent.
    func settle() {
        guard family.code != nil else { family.settled = .saved; return }
        let needsSaving = family.saveFailing || !family.unsaved.isEmpty || family.pendingPinHash != nil || !family.visitRecorded
        guard needsSaving else { family.settled = .saved; return }
        if case .held = family.settled { return }
        for attempt in 0..<3 {
            if attempt > 0 { pause(.milliseconds(500)) }
            if save() { family.settled = .saved; return }
        }
        family.settled = hold()
    }

    /// Writes the unsaved answers outside the store.
    func hold() -> SaveState {
        guard let code = family.code else { return .saved }
        let reason = "the store \(repository.location) could not be written"
        guard let held else {
            log.record(.answersLost(reason: reason), code: code)
            return .lost
        }
        var answers: [String: Answer] = [:]
        for (ref, a) in family.unsaved { answers[ref.key] = a }
        // Answers shown in this session that the store never had, too.
        for (v, a) in family.engine.visibleAnswers() where answers[v.ref.key] == nil { answers[v.ref.key] = a }
        let record = HeldAnswers.Record(code: code, language: family.l.language, isReturning: family.engine.isReturning,
                                        heldAt: now(), answers: answers, pinHash: family.pendingPinHash, finished: family.finished)
        do {
            let file = try held.hold(record)
            log.record(.answersHeldForStaff(file: file), code: code)
            return .held(file: file)
        } catch {
            log.record(.answersLost(reason: error.description), code: code)
            return .lost
        }
    }

    func newCode() -> String {
        while true {
            let code = FamilyCode.make()
            if !repository.exists(code) { return code }
        }
    }

    /// A returning family carries on where they were, in their language.
    func continuePlan(_ plan: Plan) {
        family.profileWords = Set([plan.profile.name].compactMap { $0 } + plan.profile.children.map(\.name))
        family.engine = DialogueEngine(script: script, isReturning: true, answers: plan.answersByStep)
        family.code = plan.code
        family.place = .dialogue
        if settings.language == nil, let match = catalogue.bestMatch(for: plan.language), offeredLanguages.contains(match) { family.l = family.l.switched(to: match) }
    }
}

extension HeldAnswers.Record {
    /// Puts held answers back into the plan as it is now (`spiral restore`).
    public func apply(to plan: inout Plan, script: PromptScript, now: Date = Date()) {
        var changes: [StepRef: Answer] = [:]
        for (key, a) in answers { if let ref = StepRef(key: key) { changes[ref] = a } }
        let session = DialogueEngine(script: script, isReturning: isReturning)
        PlanBuilder.merge(changes, session: session, into: &plan, now: now)
        if finished { plan.status = .finished }
        if let pinHash { plan.pinHash = pinHash }
    }
}
