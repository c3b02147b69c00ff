#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralText

/// The screens before a family's plan begins: language, welcome, a returning family's PIN, and
/// staff closing the kiosk.
extension KioskFlow {
    // MARK: Language

    func atLanguage(_ event: KioskEvent, first: Bool) -> KioskNext {
        if first, let next = startEvent(event) { return next }
        if !first, let next = sessionEventOrStart(event) { return next }
        guard case let .line(raw) = event else { return show() }
        let tags = offeredLanguages
        switch TypedCommand.parse(InputCleaner.clean(raw)) {
        case .readAloud:
            toggleReadAloud()
            return show()
        case .skip, .back, .language, .help:
            if first, case .skip = TypedCommand.parse(InputCleaner.clean(raw)) { family.place = .welcome }
            else if !first { family.place = family.languageReturn ?? .welcome }
            return show()
        case let .answer(text):
            if let i = LanguageMatcher.match(text, tags: tags, names: tags.map { catalogue.languages[$0] }, shown: languageNames(tags)) {
                family.l = family.l.switched(to: tags[i])
                family.place = first ? .welcome : (family.languageReturn ?? .welcome)
            } else {
                family.notice = family.l("ui.language.not_found", ["input": .string(UnicodeText.truncate(text, toWidth: 40))])
            }
            return show()
        }
    }

    /// After `*` the family's session may have begun (idle and Ctrl-D then protect it).
    func sessionEventOrStart(_ event: KioskEvent) -> KioskNext? {
        family.hasStarted ? sessionEvent(event) : startEvent(event)
    }

    /// Each language in its own name and script, with its English name and a draft mark.
    func languageNames(_ tags: [String]) -> [String] {
        tags.map { tag in
            let file = catalogue.languages[tag]
            var name = file?.name ?? tag
            if let english = file?.englishName, english != name { name += " — " + english }
            if file?.status == .draft { name += " (" + family.l.switched(to: tag)("ui.language.draft") + ")" }
            return name
        }
    }

    func languageScreen(first: Bool) -> Screen {
        let tags = offeredLanguages
        let l = family.l
        let title = first ? tags.prefix(4).map { l.switched(to: $0)("ui.language.title") }.joined(separator: " · ")
                          : l("ui.language.title")
        let names = languageNames(tags)
        let items = zip(tags.indices, names).map { i, name in
            Screen.Item(number: String(i + 1), label: name, marked: !first && tags[i] == l.language,
                        direction: catalogue.direction(of: tags[i]), language: tags[i])
        }
        var blocks: [Screen.Block] = []
        if first { blocks += staffLines().map { Screen.Block($0, style: .dim, direction: .leftToRight) } }
        return Screen(kind: .language, language: l.language, direction: .leftToRight, title: title, blocks: blocks, list: items,
                      notice: family.notice, footer: l("ui.language.question"),
                      input: .line(prefill: "", completions: names, limit: 100), idleTimeout: settings.idleTimeout)
    }

    /// Quiet lines for staff on the first screen: when anyone can close the kiosk, and when
    /// plans are kept unsealed.
    func staffLines() -> [String] {
        guard settings.interactive else { return [] }
        var lines: [String] = []
        if case .notSet = settings.staffPassphrase { lines.append(family.l("staff.no_passphrase")) }
        if !repository.seals { lines.append(family.l("staff.not_sealed")) }
        if let display = config.kioskDisplay, !languagesLeftOut.isEmpty {
            let names = languagesLeftOut.map { LocaleFormat.languageName($0, inLanguage: family.l.language) }
            lines.append(family.l("staff.display_left_out", ["display": .string(display.name), "languages": .string(names.joined(separator: ", "))]))
        }
        return lines
    }

    // MARK: Welcome

    func atWelcome(_ event: KioskEvent) -> KioskNext {
        if let next = startEvent(event) { return next }
        guard case let .line(raw) = event else { return show() }
        switch TypedCommand.parse(InputCleaner.clean(raw)) {
        case .skip:
            family.place = .dialogue
        case .back: family.notice = family.l("ui.at_start")
        case .help: family.notice = family.l("ui.help")
        case .readAloud: toggleReadAloud()
        case .language:
            family.languageReturn = .welcome
            family.place = .language(first: false)
        case let .answer(text):
            family.place = .pinEntry(code: text)
        }
        return show()
    }

    func welcomeScreen() -> Screen {
        let l = family.l
        var blocks = [Screen.Block(l("ui.welcome.text")), Screen.Block(l("ui.welcome.code"))]
        if offeredLanguages.count <= 1 || startLanguage != nil {
            blocks += staffLines().map { Screen.Block($0, style: .dim) }
        }
        let prefill = family.keep ?? ""
        family.keep = nil
        return Screen(kind: .welcome, language: l.language, direction: l.direction, title: l("ui.welcome.title"), blocks: blocks,
                      notice: family.notice, footer: l("ui.keys"), input: .line(prefill: prefill, completions: [], limit: 40),
                      idleTimeout: settings.idleTimeout)
    }

    // MARK: A returning family's PIN

    func atPinEntry(_ event: KioskEvent, code typed: String) -> KioskNext {
        switch event {
        case .timedOut, .interrupted:
            family.place = .welcome
            return show()
        case .endOfInput:
            if !settings.interactive { return .end(.inputEnded(code: nil)) }
            family.place = .welcome
            return show()
        case .tooLong, .terminated:
            family.place = .welcome
            return show()
        case let .line(raw):
            let cleaned = InputCleaner.clean(raw)
            family.place = .welcome
            if cleaned.isEmpty { return show() }
            let pin = PinRules.digits(cleaned) ?? cleaned
            let started = ContinuousClock.now
            let result = checkPin(pin, codeTyped: typed)
            let spent = ContinuousClock.now - started
            let rest = spent < settings.pinCheckFloor ? settings.pinCheckFloor - spent : .zero
            switch result {
            case let .opened(plan):
                continuePlan(plan)
                family.notice = family.l("ui.welcome.back", ["name": .string(plan.profile.name ?? "none")])
                return show()   // only a refusal is padded: success says nothing an attacker did not know
            case .refused:
                family.wrongPins += 1
                family.notice = family.l("ui.welcome.code.unknown")
                family.keep = typed   // to correct, not to type again
                // Slowed down within a session too, after a few tries.
                let seconds = family.wrongPins >= 3 ? min(30, 1 << min(5, family.wrongPins - 2)) : 0
                if seconds > 0 {
                    family.notice! += " " + family.l("ui.pin.wait", ["seconds": .number(seconds)])
                }
                return .wait(rest + .seconds(seconds), then: screen())
            case .locked:
                family.notice = family.l("ui.pin.locked")
                return .wait(rest, then: screen())
            case .unavailable:
                family.notice = family.l("ui.plan.unavailable")
                return .wait(rest, then: screen())
            }
        }
    }

    enum PinCheck { case opened(Plan), refused, locked, unavailable }

    /// A wrong pair gets one answer whether or not the code exists; wrong PINs are counted per
    /// code on disk (surviving restarts), and a code is locked after `pinLockAfter` of them.
    func checkPin(_ pin: String, codeTyped: String) -> PinCheck {
        guard let code = FamilyCode.normalise(codeTyped) else {
            _ = SecretHash.verify(pin, against: PinRules.decoyHash)
            return .refused
        }
        if repository.pinFailures(code) >= settings.pinLockAfter { return .locked }
        if repository.exists(code) {
            // A sealed store opens the plan's key with the PIN itself; a plain one checks its hash.
            do {
                if let plan = try repository.openWithPIN(code, pin: pin) {
                    try? repository.clearPinFailures(code)
                    return .opened(plan)
                }
            } catch {
                log.record(.planUnavailable(reason: error.description), code: code)
                return .unavailable
            }
        } else {
            // The same work for a code that does not exist, so timing does not tell either.
            _ = SecretHash.verify(pin, against: PinRules.decoyHash)
        }
        do {
            let failures = try repository.recordPinFailure(code)
            log.record(.wrongPin(failures: failures), code: code)
            if failures >= settings.pinLockAfter {
                log.record(.codeLocked(failures: failures), code: code)
                return .locked
            }
        } catch {
            log.record(.saveFailed(reason: error.description), code: code)
        }
        return .refused
    }

    func pinEntryScreen() -> Screen {
        let l = family.l
        return Screen(kind: .pinEntry, language: l.language, direction: l.direction, title: l("ui.welcome.title"),
                      blocks: [Screen.Block(l("ui.pin.enter"))], footer: l("ui.pin.keys"), input: .secret,
                      idleTimeout: settings.idleTimeout)
    }

    // MARK: Staff closing the kiosk

    /// Ctrl-D before a family has started: staff closing the kiosk. With no passphrase set anyone
    /// may; with one, it is asked; when it cannot be read, the kiosk refuses to close.
    func staffClose() -> KioskNext {
        switch settings.staffPassphrase {
        case .notSet:
            return .end(.closeKiosk)
        case let .unreadable(file, reason):
            log.record(.staffPassphraseUnreadable(file: file, reason: reason))
            return .show(start())
        case .set:
            family.place = .staffClose(failures: 0)
            return show()
        }
    }

    func atStaffClose(_ event: KioskEvent, failures: Int) -> KioskNext {
        guard case let .line(raw) = event, !raw.isEmpty, case let .set(hash) = settings.staffPassphrase else {
            return .show(start())
        }
        if SecretHash.verify(raw, against: hash) { return .end(.closeKiosk) }
        log.record(.wrongStaffPassphrase)
        let count = failures + 1
        if count >= 5 { return .show(start()) }
        family.place = .staffClose(failures: count)
        let s = screen()
        return count >= 2 ? .wait(.seconds(min(16, 1 << count)), then: s) : .show(s)
    }

    func staffCloseScreen(failures: Int) -> Screen {
        let l = family.l
        return Screen(kind: .staffClose, language: l.language, direction: l.direction, title: l("staff.close.title"),
                      blocks: [Screen.Block(l("staff.close.text"))], notice: failures > 0 ? l("staff.close.wrong") : nil,
                      input: .secret, idleTimeout: .seconds(60))
    }
}
