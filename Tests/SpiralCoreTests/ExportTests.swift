import Foundation
import SpiralText
import Testing
@testable import SpiralCore

/// Plans built in code with fixed dates, and the catalogue they are exported with: the shipped
/// English, and a small Arabic file written here (so these goldens do not move when the shipped
/// translations do).
enum ExportFixtures {
    static func day(_ ymd: String, _ hour: Int = 10) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let p = ymd.split(separator: "-").map { Int($0)! }
        return cal.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: hour))!
    }

    static func answer(_ key: String, section: String, stage: SpiralStage, question: String, answer: String,
                       value: AnswerValue? = nil, language: String, round: Int? = nil, at: String = "2026-03-01") -> PlanAnswer {
        let id = key.split(separator: "#").first.map(String.init) ?? key
        return PlanAnswer(key: key, promptId: id, round: round, section: section, stage: stage, question: question,
                          answer: answer, value: value ?? (answer.isEmpty ? .skipped : .text(answer)),
                          skipped: answer.isEmpty, language: language, answeredAt: day(at))
    }

    static var english: Plan {
        var p = Plan(code: "KMT-47R", language: "en", now: day("2026-03-01", 9))
        p.status = .finished
        p.updatedAt = day("2026-04-02", 15)
        p.urgent = true
        p.repairFlag = true
        p.profile = .init(name: "Jess", children: [.init(name: "Mia", age: 4), .init(name: "Sam", age: 7)])
        p.needs = [
            .init(need: "food", label: "Food", urgent: false),
            .init(need: "safety", label: "Safety", urgent: true),
            .init(need: "other", label: "Something else", urgent: false, detail: "Help with school forms & a letter from Centrelink"),
        ]
        p.praise = [
            .init(kind: .toParent, text: "You read to Mia every night this week — that gives her a calm, safe end to the day.",
                  source: .family, language: "en", recordedAt: day("2026-03-01")),
            .init(kind: .forChild, text: "Sam, you packed your bag all by yourself — that helped us get to school on time.",
                  source: .family, language: "en", recordedAt: day("2026-03-01")),
            .init(kind: .toParent, text: "You rang the GP yourself, even though phone calls are hard — that shows how much you care about Sam's health.",
                  source: .practitioner("Jo"), language: "en", recordedAt: day("2026-03-15")),
        ]
        var g1 = Plan.Goal(id: "kiosk-1", what: "Read to Mia every night", why: "She sleeps better, and it is our time together",
                           when: "At bedtime, starting this week", how: "Pick three books at the library on Saturday",
                           whoWith: "Mia, and Sam on weekends", status: .agreed, proposedBy: "family", language: "en")
        g1.reviewDate = "2026-04-15"
        g1.ratings = [.init(date: "2026-03-01", parent: 3, practitioner: 4, by: "Jo"),
                      .init(date: "2026-03-15", parent: 5, practitioner: 5, by: "Jo"),
                      .init(date: "2026-04-01", parent: 7, practitioner: 6, by: "Jo")]
        var g2 = Plan.Goal(id: "goal-2", what: "Find a GP near home", why: "Sam's asthma", how: "Ask at the centre for a list",
                           status: .inProgress, proposedBy: "Jo", language: "en")
        g2.reviewDate = "2026-04-29"
        g2.ratings = [.init(date: "2026-03-10", parent: 2, practitioner: nil, by: "Jo"),
                      .init(date: "2026-03-24", parent: 4, practitioner: 5, by: "Jo")]
        var g3 = Plan.Goal(id: "goal-3", what: "Move to a bigger flat", status: .paused, proposedBy: "family", language: "en")
        g3.removed = true
        var g4 = Plan.Goal(id: "goal-4", what: "Get Sam's Medicare card", when: "Before the school term", status: .achieved,
                           proposedBy: "Jo", language: "en")
        g4.ratings = [.init(date: "2026-02-20", parent: 10, practitioner: 10, by: "Jo")]
        p.goals = [g1, g2, g3, g4]
        p.partnershipSteps = [
            .init(kind: .quickWin, note: "Food parcel arranged the same day", by: "Jo", at: day("2026-03-01", 11)),
            .init(kind: .ruptureAcknowledged, note: "I was late to the home visit and Jess had to wait", by: "Jo", at: day("2026-03-08")),
            .init(kind: .repair, note: "Talked it through; I text before every visit now", by: "Jo", at: day("2026-03-09")),
            .init(kind: .selfCare, note: "Jess walks by the river on Sundays", by: "Jo", at: day("2026-03-15")),
        ]
        p.contacts = [
            .init(kind: .kept, date: "2026-03-01", note: "First meeting at the centre", by: "Jo"),
            .init(kind: .missed, date: "2026-03-22", note: nil, by: "Jo"),
            .init(kind: .outreach, date: "2026-03-23", note: "Texted; Jess rang back", by: "Jo"),
        ]
        p.visits = [.init(startedAt: day("2026-03-01", 9), language: "en", returning: false),
                    .init(startedAt: day("2026-03-29", 9), language: "en", returning: true)]
        p.answers = [
            answer("name", section: "welcome", stage: .acceptance, question: "What would you like us to call you?", answer: "Jess", language: "en"),
            answer("help_with", section: "wants", stage: .acceptance, question: "What would you like help with?",
                   answer: "Getting the kids to school on time, and forms", language: "en"),
            answer("matters_most", section: "wants", stage: .acceptance, question: "What matters most to your family right now?",
                   answer: "Being together, and Sam's health", language: "en"),
            answer("did_for_child", section: "strengths", stage: .valuing,
                   question: "Tell us one thing you did for your child recently that you feel good about.",
                   answer: "I read to Mia every night", language: "en"),
            answer("look_after", section: "selfcare", stage: .valuing, question: "What do you do to look after yourself?",
                   answer: "", language: "en"),
            answer("child_feels", section: "reflect", stage: .subtle, question: "When you cuddle or comfort Mia, what do you think Mia feels?",
                   answer: "Safe. She goes quiet and holds my hair.", language: "en"),
            answer("goal_what#1", section: "goals", stage: .obvious, question: "What is something you would like to change or work on?",
                   answer: "Read to Mia every night", language: "en", round: 1),
            answer("not_right", section: "repair", stage: .repair, question: "Has anything about working with us not felt right?",
                   answer: "Yes", value: .choice("yes"), language: "en"),
            answer("not_right_detail", section: "repair", stage: .repair, question: "Would you like to tell us more?",
                   answer: "Waiting for the visit when no one came", language: "en"),
        ]
        return p
    }

    static var arabic: Plan {
        var p = Plan(code: "RTM-93K", language: "ar", now: day("2026-03-02", 9))
        p.status = .inProgress
        p.updatedAt = day("2026-03-30", 12)
        p.profile = .init(name: "أم يوسف", children: [.init(name: "يوسف", age: 5)])
        p.needs = [.init(need: "housing", label: "السكن", urgent: false), .init(need: "money", label: "المال", urgent: false)]
        p.praise = [
            .init(kind: .toParent, text: "أخذتِ يوسف إلى الحديقة كل يوم — هذا يمنحه وقتًا هادئًا معكِ.",
                  source: .family, language: "ar", recordedAt: day("2026-03-02")),
            .init(kind: .forChild, text: "يوسف، رتّبت ألعابك وحدك — هذا ساعدنا كثيرًا.",
                  source: .family, language: "ar", recordedAt: day("2026-03-02")),
        ]
        var g1 = Plan.Goal(id: "kiosk-1", what: "أن يذهب يوسف إلى الروضة", why: "ليلعب مع أطفال آخرين ويتعلم الإنجليزية",
                           when: "في الفصل القادم", how: "نزور الروضة يوم الثلاثاء", whoWith: "زوجي والأخصائية",
                           status: .agreed, proposedBy: "family", language: "ar")
        g1.reviewDate = "2026-04-20"
        g1.ratings = [.init(date: "2026-03-02", parent: 2, practitioner: 3, by: "Jo"),
                      .init(date: "2026-03-16", parent: 4, practitioner: 4, by: "Jo"),
                      .init(date: "2026-03-30", parent: 6, practitioner: 5, by: "Jo")]
        let g2 = Plan.Goal(id: "kiosk-2", what: "إيجاد شقة أقرب إلى المدرسة", status: .proposed, proposedBy: "family", language: "ar")
        p.goals = [g1, g2]
        p.partnershipSteps = [.init(kind: .quickWin, note: "Booked an Arabic interpreter for every visit", by: "Jo", at: day("2026-03-02", 11))]
        p.contacts = [.init(kind: .kept, date: "2026-03-16", note: "مع مترجمة", by: "Jo")]
        p.visits = [.init(startedAt: day("2026-03-02", 9), language: "ar", returning: false)]
        p.answers = [
            answer("name", section: "welcome", stage: .acceptance, question: "ماذا تحبين أن نناديكِ؟", answer: "أم يوسف", language: "ar", at: "2026-03-02"),
            answer("matters_most", section: "wants", stage: .acceptance, question: "ما الأهم لعائلتك الآن؟",
                   answer: "أن نجد بيتًا ثابتًا", language: "ar", at: "2026-03-02"),
            answer("good_day", section: "reflect", stage: .subtle, question: "ماذا تظنين أن يوسف سيقول إنه يجعل يومه جميلًا؟",
                   answer: "اللعب في الحديقة مع أبيه", language: "ar", at: "2026-03-02"),
            answer("going_well", section: "repair", stage: .repair, question: "ما الذي يسير بشكل جيد منذ لقائنا الأخير؟",
                   answer: "المترجمة تساعدني كثيرًا", language: "ar", at: "2026-03-02"),
        ]
        return p
    }

    static let arabicMessages: [String: String] = [
        "export.title": "خطة عائلتنا", "export.code": "رمز العائلة", "export.language": "اللغة", "export.updated": "آخر تحديث",
        "export.status": "الحالة", "export.status.in-progress": "لم تكتمل بعد", "export.status.finished": "اكتملت على الجهاز",
        "export.children": "الأطفال",
        "export.urgent": "عاجل: أخبرتنا العائلة عن حاجة تتعلق بالسلامة. يرجى المتابعة أولًا.",
        "export.repair_flag": "هناك أمر في عملنا معًا لم يكن مريحًا لهذه العائلة. يرجى التحدث عنه.",
        "export.needs": "الاحتياجات الآن", "export.urgent_need": "عاجل", "export.praise": "نقاط القوة والثناء المحدد",
        "export.praise.to-parent": "موجّه إلى الوالدة أو الوالد", "export.praise.for-child": "لتقولوه للطفل",
        "export.goals": "الأهداف", "export.goal.status": "الحالة", "export.goal.why": "لماذا هو مهم", "export.goal.when": "متى",
        "export.goal.how": "أول خطوة صغيرة", "export.goal.whoWith": "مع من", "export.goal.what": "ماذا",
        "export.goal.status.proposed": "اقترحته العائلة", "export.goal.status.agreed": "متفق عليه",
        "export.goal.status.in-progress": "قيد التنفيذ", "export.goal.status.achieved": "تحقق", "export.goal.status.changed": "تغيّر",
        "export.goal.status.paused": "متوقف مؤقتًا", "export.goal.status.no-longer-needed": "لم يعد مطلوبًا",
        "export.stage.acceptance": "التعارف (القبول)", "export.stage.valuing": "تقدير الذات (التقدير)",
        "export.stage.subtle": "أمور للتفكير (غير مباشر)", "export.stage.obvious": "التخطيط للتغيير (مباشر)",
        "export.stage.repair": "كيف نسير معًا (الإصلاح)",
        "export.goal.review_date": "موعد المراجعة", "export.goal.removed": "محذوف", "export.goal.ratings": "التقدم، من ٠ إلى ١٠",
        "export.goal.rating.date": "التاريخ", "export.goal.rating.parent": "الوالدة أو الوالد", "export.goal.rating.practitioner": "الأخصائي",
        "export.goal.rating.line": "{date}: الوالدة أو الوالد {parent}، الأخصائي {practitioner}",
        "export.goal.chart": "تقييمات التقدم مع الوقت، من ٠ إلى ١٠",
        "export.steps": "خطوات الشراكة", "export.step.quick-win": "نجاح سريع", "export.step.crisis-addressed": "معالجة أزمة",
        "export.step.outreach": "تواصل بعد موعد فائت", "export.step.rupture-acknowledged": "الاعتراف بتوتر", "export.step.repair": "إصلاح",
        "export.step.self-care": "ملاحظة عن رعاية الذات", "export.step.other": "أمر آخر",
        "export.contacts": "التواصل والمواعيد", "export.contact.appointment-kept": "حضور موعد",
        "export.contact.appointment-missed": "موعد فائت", "export.contact.outreach": "تواصل",
        "export.by": "بواسطة {name}", "export.logged": "{date}، بواسطة {name}", "export.said": "ما قالته العائلة",
        "export.private": "هذه الخطة ملك للعائلة. يرجى الحفاظ على خصوصيتها، وعدم مشاركتها إلا بموافقتهم.",
        "export.spiral": "لولب شراكتنا", "export.spiral.stage.acceptance": "كسب القبول", "export.spiral.stage.valuing": "تقدير أنفسكم",
        "export.spiral.stage.subtle": "تلميحات لطيفة", "export.spiral.stage.obvious": "تغيير مخطط", "export.spiral.stage.repair": "الإصلاح",
        "export.spiral.count.acceptance": "{needs, plural, =0 {لا احتياجات} one {حاجة واحدة} two {حاجتان} few {# احتياجات} many {# حاجة} other {# حاجة}}، {steps, plural, =0 {لا خطوات بعد} one {خطوة واحدة} two {خطوتان} few {# خطوات} many {# خطوة} other {# خطوة}}",
        "export.spiral.count.valuing": "{praise, plural, =0 {لا ثناء بعد} one {ثناء واحد} two {ثناءان} few {# عبارات ثناء} many {# عبارة ثناء} other {# عبارة ثناء}}{steps, plural, =0 {} other {، # ملاحظات عن رعاية الذات}}",
        "export.spiral.count.subtle": "{count, plural, =0 {لا تأملات بعد} one {تأمل واحد} two {تأملان} few {# تأملات} many {# تأملًا} other {# تأمل}}",
        "export.spiral.count.obvious": "{goals, plural, =0 {لا أهداف بعد} one {هدف واحد} two {هدفان} few {# أهداف} many {# هدفًا} other {# هدف}}{achieved, plural, =0 {} other {، تحقق #}}",
        "export.spiral.count.repair": "{notes, plural, =0 {لا ملاحظات إصلاح} one {ملاحظة إصلاح واحدة} two {ملاحظتا إصلاح} few {# ملاحظات إصلاح} many {# ملاحظة إصلاح} other {# ملاحظة إصلاح}}",
        "export.csv.goal_id": "الهدف", "export.csv.latest_parent": "آخر تقييم للوالدة أو الوالد",
        "export.csv.latest_practitioner": "آخر تقييم للأخصائي", "export.csv.yes": "نعم", "export.csv.no": "لا",
        "export.csv.name": "الاسم", "export.csv.urgent": "عاجل", "export.csv.repair_flag": "لم يكن مريحًا",
        "export.csv.needs": "الاحتياجات", "export.csv.urgent_needs": "احتياجات عاجلة", "export.csv.goals_status": "الأهداف: {status}",
        "export.csv.goals_removed": "أهداف محذوفة", "export.csv.praise": "الثناء المحدد", "export.csv.last_contact": "آخر تواصل",
    ]

    static let catalogue: MessageCatalogue = {
        guard case let .success(en) = LanguageFileReader.read(path: Fixtures.root + "/Localizations/en.json") else {
            fatalError("Localizations/en.json does not load")
        }
        // The needs' names from the shipped Arabic file: a chosen need is shown in the reader's language.
        guard case let .success(shipped) = LanguageFileReader.read(path: Fixtures.root + "/Localizations/ar.json") else {
            fatalError("Localizations/ar.json does not load")
        }
        let needNames = shipped.messages.filter { $0.key.hasPrefix("needs_now.choice.") }
        let ar = LanguageFile(language: "ar", name: "العربية", englishName: "Arabic", direction: .rightToLeft,
                              status: .draft, reviewedBy: nil, messages: arabicMessages.merging(needNames) { mine, _ in mine })
        return MessageCatalogue(languages: [en, ar])
    }()

    static func exporter(_ language: String, bilingualWith family: String? = nil) -> PlanExporter {
        let l = Localizer(catalogue: catalogue, language: language)
        return PlanExporter(localizer: l, script: Fixtures.script, familyLocalizer: family.map { l.switched(to: $0) }, timeZone: "UTC")
    }
}

/// Golden files in Tests/SpiralCoreTests/Golden/. `SPIRAL_RECORD=1 swift test --filter ExportTests`
/// writes them afresh; read the diff before committing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = directory + "/" + name
        if ProcessInfo.processInfo.environment["SPIRAL_RECORD"] == "1" {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("No golden file \(name): run with SPIRAL_RECORD=1 to write it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
            let line = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
            let saved = NSTemporaryDirectory() + "actual-" + name
            try? Data(actual.utf8).write(to: URL(fileURLWithPath: saved))
            Issue.record("""
                \(name) differs from its golden file at line \(line + 1):
                  expected: \(line < e.count ? e[line] : "<end>")
                  actual:   \(line < a.count ? a[line] : "<end>")
                The whole output is in \(saved). If the change is wanted, re-record with SPIRAL_RECORD=1.
                """, sourceLocation: sourceLocation)
        }
    }
}

@Suite("Export: markdown, html, text, csv, json; bilingual; escaping; the coordinator's table")
struct ExportTests {
    typealias F = ExportFixtures

    // MARK: goldens

    @Test(arguments: [ExportFormat.markdown, .html, .text, .csv, .json])
    func englishPlanMatchesGolden(_ format: ExportFormat) throws {
        try Golden.check(try F.exporter("en").export(F.english, as: format), "en-plan." + Self.ext(format))
    }

    @Test(arguments: [ExportFormat.markdown, .html, .text, .csv, .json])
    func arabicPlanMatchesGolden(_ format: ExportFormat) throws {
        try Golden.check(try F.exporter("ar").export(F.arabic, as: format), "ar-plan." + Self.ext(format))
    }

    @Test(arguments: [ExportFormat.markdown, .html, .text, .csv])
    func bilingualArabicPlanMatchesGolden(_ format: ExportFormat) throws {
        try Golden.check(try F.exporter("en", bilingualWith: "ar").export(F.arabic, as: format), "ar-bilingual-plan." + Self.ext(format))
    }

    @Test func coordinatorTableMatchesGolden() throws {
        let plans = [F.english, F.arabic]
        try Golden.check(try F.exporter("en").exportAll(plans, as: .csv), "all-plans.csv")
        try Golden.check(try F.exporter("en").exportAll(plans, as: .json), "all-plans.json")
    }

    static func ext(_ f: ExportFormat) -> String {
        switch f {
        case .markdown: return "md"
        case .text: return "txt"
        default: return f.rawValue
        }
    }

    // MARK: HTML

    @Test func htmlEscapesEverythingTheFamilyTyped() {
        var plan = F.english
        plan.profile.name = "Jess <b>\"J\"</b>"
        plan.answers[1].answer = "<script>alert('x')</script> & more"
        plan.goals[0].what = "Read <img src=x onerror=alert(1)> every night"
        plan.praise[0].text = "You did \"this\" & 'that'"
        plan.partnershipSteps[0].note = "</li><script>steal()</script>"
        plan.contacts[0].note = "<a href=\"javascript:x\">click</a>"
        plan.needs[2].detail = "a > b"
        let html = F.exporter("en").html(plan)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(html.contains("Read &lt;img src=x onerror=alert(1)&gt; every night"))
        #expect(html.contains("You did &quot;this&quot; &amp; &#39;that&#39;"))
        #expect(html.contains("Jess &lt;b&gt;&quot;J&quot;&lt;/b&gt;"))
        #expect(html.contains("a &gt; b"))
        #expect(HTMLText.escape("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;")
    }

    @Test func htmlIsSelfContainedAndPrintsOnA4() {
        let html = F.exporter("en").html(F.english)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("page-break-inside: avoid"))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        // The spiral, with its five stages labelled, and one chart per goal with ratings.
        #expect(html.components(separatedBy: "<svg class=\"spiral\"").count == 2)
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count == 4)
        for stage in ["Gaining acceptance", "Valuing yourselves", "Gentle prompts", "Planned change", "Repair"] {
            #expect(html.contains(">\(stage)</text>"))
        }
    }

    @Test func arabicHTMLIsRightToLeftWithFamilyTextInItsOwnDirection() {
        let html = F.exporter("ar").html(F.arabic)
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<span class=\"what\" lang=\"ar\" dir=\"auto\">أن يذهب يوسف إلى الروضة</span>"))
        #expect(html.contains("<h2>الأهداف</h2>"))
        // Bilingual: the page is the practitioner's, the family's headings beside in their direction.
        let both = F.exporter("en", bilingualWith: "ar").html(F.arabic)
        #expect(both.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(both.contains("<h2>Goals / <span lang=\"ar\" dir=\"rtl\">الأهداف</span></h2>"))
        // The family's words once.
        #expect(both.components(separatedBy: "أن يذهب يوسف إلى الروضة").count == 2)
    }

    @Test func spiralCountsEntriesByStage() {
        let sheet = F.exporter("en").sheet(F.english)
        let totals = Dictionary(uniqueKeysWithValues: sheet.stages.map { ($0.stage, $0.total) })
        #expect(totals == [.acceptance: 3 + 1, .valuing: 3 + 1, .subtle: 1, .obvious: 3, .repair: 2])
        #expect(sheet.stages.first { $0.stage == .obvious }?.summary == "3 goals, 1 achieved")
        #expect(sheet.stages.first { $0.stage == .acceptance }?.summary == "3 needs, 1 step taken")
    }

    @Test(arguments: [ExportFormat.markdown, .html, .text, .csv, .json])
    func aFreshPlanWithNothingInItStillExports(_ format: ExportFormat) throws {
        let plan = Plan(code: "KMT-47R", language: "en", now: F.day("2026-03-01"))
        let out = try F.exporter("en").export(plan, as: format)
        if format == .csv {
            #expect(out.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        } else {
            #expect(out.contains("KMT-47R"))
        }
        if format == .html {
            #expect(out.contains(">no goals yet</text>"))
            #expect(!out.contains("<svg class=\"chart\""))
        }
    }

    // MARK: text

    @Test func textWrapsAtFortyTwoColumnsWithNoMarkup() {
        for (plan, exporter) in [(F.english, F.exporter("en")), (F.arabic, F.exporter("ar")), (F.arabic, F.exporter("en", bilingualWith: "ar"))] {
            let text = exporter.text(plan)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(UnicodeText.displayWidth(String(line)) <= 42, "too wide: \(line)")
            }
            #expect(!text.contains("**"))
            #expect(!text.contains("<"))
        }
    }

    // MARK: CSV

    @Test func bareAddressesInMarkdownStayWords() {
        let line = PlanExporter.escapeMarkdown("see https://evil.example or www.evil.example, mail a@evil.example")
        #expect(!line.contains("https://") && !line.contains("www.evil") && !line.contains("a@evil"))
        #expect(line.replacingOccurrences(of: "\u{2060}", with: "") == "see https://evil.example or www.evil.example, mail a@evil.example")
    }

    @Test func csvNeutralisesFormulas() {
        #expect(CSVCell.cell("=HYPERLINK(\"http://x.example\",\"click\")") == "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"")
        #expect(CSVCell.cell("+1") == "'+1")
        #expect(CSVCell.cell("-2") == "'-2")
        #expect(CSVCell.cell("@x") == "'@x")
        #expect(CSVCell.cell("\tx") == "'\tx")
        #expect(CSVCell.cell("\rx") == "\"'\rx\"")
        #expect(CSVCell.cell("a=b") == "a=b")
        #expect(CSVCell.cell("3") == "3")
        #expect(CSVCell.cell("＝1+1") == "'＝1+1")
        #expect(CSVCell.cell("＠SUM(A1)") == "'＠SUM(A1)")

        var plan = F.english
        plan.goals[0].what = "=HYPERLINK(\"http://evil.example\",\"Read\")"
        plan.goals[0].why = "+1 for reading"
        plan.goals[0].how = "-2 screens a day"
        plan.goals[0].whoWith = "@nan"
        let csv = F.exporter("en").csv(plan)
        let row = csv.components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("KMT-47R,kiosk-1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Read\"\")\",'+1 for reading,"))
        #expect(row.contains(",'-2 screens a day,'@nan,"))
    }

    @Test func csvQuotesCommasQuotesAndNewlines() {
        #expect(CSVCell.cell("a, b") == "\"a, b\"")
        #expect(CSVCell.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVCell.cell("crlf\r\nhere") == "\"crlf\r\nhere\"")
        #expect(CSVCell.cell("plain") == "plain")
        #expect(CSVCell.row(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test func csvIsUTF8WithBOMAndOneRowPerGoal() {
        let csv = F.exporter("ar").csv(F.arabic)
        #expect(csv.hasPrefix("\u{FEFF}"))
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 1 + F.arabic.goals.count)
        #expect(rows[1].hasPrefix("RTM-93K,kiosk-1,أن يذهب يوسف إلى الروضة,"))
        #expect(rows[1].hasSuffix(",2026-04-20,6,5,لا"))
        // Latest ratings take the latest reading each side gave.
        let en = F.exporter("en").csv(F.english).components(separatedBy: "\r\n")
        #expect(en[2].hasSuffix(",2026-04-29,4,5,no"))
        #expect(en[3].hasSuffix(",Paused,,,,yes"))
    }

    @Test func coordinatorTableHasOneRowPerPlan() throws {
        var plans: [Plan] = []
        for (i, code) in ["ACD-346", "ACD-347", "ACD-349", "ACD-363", "ACD-364"].enumerated() {
            var p = F.english
            p.code = code
            if i % 2 == 1 { p.profile.name = nil; p.urgent = false }
            plans.append(p)
        }
        plans.append(F.arabic)
        let csv = try F.exporter("en").exportAll(plans, as: .csv)
        let rows = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 1 + plans.count)
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        #expect(header.count == 2 + 6 + Plan.Goal.Status.allCases.count + 4)
        #expect(rows[0].hasPrefix("Family code,Name,Language,Status,Urgent,Not felt right,Needs,Urgent needs,Goals: Proposed by the family,Goals: Agreed,"))
        #expect(rows[1].hasPrefix("ACD-346,Jess,English (en),Finished at the kiosk,yes,yes,3,1,0,1,1,1,0,0,0,1,3,2026-03-29,2026-04-02"))
        #expect(rows[2].hasPrefix("ACD-347,,English (en),"))
        // A missed appointment is not contact: the Arabic family's last contact is the kept one.
        #expect(rows[6].hasSuffix(",2026-03-16,2026-03-30"))

        let withoutNames = try F.exporter("en").exportAll(plans, as: .csv, names: false)
        #expect(!withoutNames.contains("Jess"))
        #expect(!withoutNames.contains("أم يوسف"))
        #expect(withoutNames.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + plans.count)

        let json = try F.exporter("en").exportAll(plans, as: .json)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(decoded?.count == plans.count)
        #expect(try F.exporter("en").exportAll([Plan](), as: .csv).dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
    }

    @Test(arguments: [ExportFormat.markdown, .html, .text])
    func allPlansOnlyAsCSVOrJSON(_ format: ExportFormat) {
        #expect(throws: ExportError.notForAllPlans(format)) { try F.exporter("en").exportAll([F.english], as: format) }
        #expect(ExportError.notForAllPlans(format).description.contains("--format csv"))
    }

    // MARK: markdown and json

    @Test func markdownHasStepsContactsRatingsAndMarksRemovedGoals() {
        let md = F.exporter("en").markdown(F.english)
        #expect(md.contains("### 3. ~~Move to a bigger flat~~ *(Removed)*"))
        #expect(md.contains("## Partnership steps"))
        #expect(md.contains("## Contact and appointments"))
        #expect(md.contains("| Mar 15, 2026 | 5 | 5 |"))
        #expect(md.contains("| Mar 10, 2026 | 2 | – |"))
        #expect(PlanExporter.escapeMarkdown("line\n# heading\n- item") == "line\n\\# heading\n\\- item")
    }

    @Test func jsonLeavesOutThePIN() throws {
        var plan = F.english
        plan.pinHash = "scrypt$secret"
        let json = try F.exporter("en").json(plan)
        #expect(!json.contains("pinHash"))
        #expect(!json.contains("secret"))
    }

    @Test func everyExportKeyIsInEnglishAndListed() {
        let english = F.catalogue.languages["en"]!.messages
        let used = english.keys.filter { $0.hasPrefix("export.") }
        #expect(Set(used) == Set(ExportKeys.all))
        for key in ExportKeys.all { #expect(english[key] != nil, "\(key) is not in en.json") }
        for key in F.arabicMessages.keys { #expect(english[key] != nil, "\(key) is in the test Arabic but not in en.json") }
    }
}
