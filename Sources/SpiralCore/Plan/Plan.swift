#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A family's shared plan: what they said at the kiosk, and (later) what they and their
/// practitioner build together. One JSON file per family in the plan store; the format is
/// documented in docs/plan-format.md and versioned by `schemaVersion`.
public struct Plan: Codable, Sendable, Equatable {
    /// 2: who recorded praise is typed (`Author`); format-1 plans still read.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int = Plan.currentSchemaVersion
    public var code: String
    /// The language of the family's most recent answers (BCP 47).
    public var language: String
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date
    /// A need or answer about safety: the practitioner sees this plan first.
    public var urgent: Bool
    /// Something about working together has not felt right: the practitioner sees it first.
    public var repairFlag: Bool
    public var profile: Profile
    public var answers: [PlanAnswer]
    public var needs: [Need]
    public var praise: [Praise]
    public var goals: [Goal]
    /// Every kiosk visit, so the practitioner can see when the family came back.
    public var visits: [Visit]
    /// Small steps in the partnership, tagged by spiral stage (quick wins, outreach, repair…).
    public var partnershipSteps: [PartnershipStep] = []
    /// Appointments kept and missed, and outreach made.
    public var contacts: [Contact] = []
    /// Every change made in session: who, when, what, old and new value. Never shortened.
    public var history: [Change] = []
    /// The scrypt hash of the PIN the family chose (never the PIN). Left out of every export.
    public var pinHash: String?

    public enum Status: String, Codable, Sendable {
        /// The family stopped part way (end of input, idle, or still answering).
        case inProgress = "in-progress"
        /// The family checked their answers and finished.
        case finished
    }

    public struct Profile: Codable, Sendable, Equatable {
        public var name: String?
        public var children: [Child]
        public init(name: String? = nil, children: [Child] = []) {
            self.name = name
            self.children = children
        }
    }

    public struct Child: Codable, Sendable, Equatable {
        public var name: String
        public var age: Int?
        public init(name: String, age: Int?) { self.name = name; self.age = age }
    }

    public struct Need: Codable, Sendable, Equatable {
        /// The choice id (`housing`, `safety`, ...), or `other` with the family's words in `detail`.
        public var need: String
        /// The need's name as the family saw it.
        public var label: String
        public var urgent: Bool
        public var detail: String?
        public init(need: String, label: String, urgent: Bool, detail: String? = nil) {
            self.need = need; self.label = label; self.urgent = urgent; self.detail = detail
        }
    }

    public struct Praise: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// Reflected to the parent: names what they did and why it matters.
            case toParent = "to-parent"
            /// A sentence for the parent to say to their child.
            case forChild = "for-child"
        }
        public var kind: Kind
        public var text: String
        public var stage: SpiralStage = .valuing
        /// The family at the kiosk, or the practitioner who recorded it.
        public var source: Author
        public var language: String
        public var recordedAt: Date
        public init(kind: Kind, text: String, stage: SpiralStage = .valuing, source: Author, language: String, recordedAt: Date) {
            self.kind = kind; self.text = text; self.stage = stage; self.source = source
            self.language = language; self.recordedAt = recordedAt
        }
    }

    public struct Goal: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable, CaseIterable {
            case proposed, agreed, inProgress = "in-progress", achieved, changed, paused
            case noLongerNeeded = "no-longer-needed"
        }
        public var id: String
        public var what: String
        public var why: String?
        public var when: String?
        public var how: String?
        public var whoWith: String?
        public var status: Status
        /// `family` for goals written at the kiosk.
        public var proposedBy: String
        public var stage: SpiralStage = .obvious
        public var language: String
        /// When to look at this goal together next (yyyy-mm-dd).
        public var reviewDate: String?
        /// Progress at each review: the parent's and the practitioner's own readings, both kept.
        public var ratings: [Rating] = []
        /// A removed goal is marked, never deleted.
        public var removed: Bool = false
        /// Set once a practitioner edits a kiosk goal, so later kiosk saves keep their wording.
        public var editedInSession: Bool = false
        public init(id: String, what: String, why: String? = nil, when: String? = nil, how: String? = nil,
                    whoWith: String? = nil, status: Status, proposedBy: String, stage: SpiralStage = .obvious, language: String) {
            self.id = id; self.what = what; self.why = why; self.when = when; self.how = how
            self.whoWith = whoWith; self.status = status; self.proposedBy = proposedBy; self.stage = stage; self.language = language
        }
    }

    public struct Rating: Codable, Sendable, Equatable {
        public var date: String
        /// 0–10, the parent's own reading of progress.
        public var parent: Int?
        /// 0–10, the practitioner's reading.
        public var practitioner: Int?
        public var by: String
        public init(date: String, parent: Int?, practitioner: Int?, by: String) {
            self.date = date; self.parent = parent; self.practitioner = practitioner; self.by = by
        }
    }

    public struct PartnershipStep: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case quickWin = "quick-win", crisisAddressed = "crisis-addressed", outreach
            case ruptureAcknowledged = "rupture-acknowledged", repair, selfCare = "self-care", other
            public var stage: SpiralStage {
                switch self {
                case .quickWin, .crisisAddressed, .outreach: return .acceptance
                case .ruptureAcknowledged, .repair: return .repair
                case .selfCare: return .valuing
                case .other: return .acceptance
                }
            }
        }
        public var kind: Kind
        public var stage: SpiralStage
        public var note: String
        public var by: String
        public var at: Date
        public init(kind: Kind, stage: SpiralStage? = nil, note: String, by: String, at: Date) {
            self.kind = kind; self.stage = stage ?? kind.stage; self.note = note; self.by = by; self.at = at
        }
    }

    public struct Contact: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case kept = "appointment-kept", missed = "appointment-missed", outreach
        }
        public var kind: Kind
        public var date: String
        public var note: String?
        public var by: String
        public init(kind: Kind, date: String, note: String?, by: String) {
            self.kind = kind; self.date = date; self.note = note; self.by = by
        }
    }

    /// One change in the plan's history.
    public struct Change: Codable, Sendable, Equatable {
        public var at: Date
        /// `family (kiosk)` or the practitioner's name.
        public var who: String
        /// What changed, e.g. `goal kiosk-1 status`.
        public var what: String
        public var old: String?
        public var new: String?
        public init(at: Date, who: String, what: String, old: String?, new: String?) {
            self.at = at; self.who = who; self.what = what; self.old = old; self.new = new
        }
    }

    public struct Visit: Codable, Sendable, Equatable {
        public var startedAt: Date
        public var language: String
        public var returning: Bool
        public init(startedAt: Date, language: String, returning: Bool) {
            self.startedAt = startedAt; self.language = language; self.returning = returning
        }
    }

    public init(code: String, language: String, now: Date = Date()) {
        self.code = code
        self.language = language
        self.status = .inProgress
        self.createdAt = now
        self.updatedAt = now
        self.urgent = false
        self.repairFlag = false
        self.profile = Profile()
        self.answers = []
        self.needs = []
        self.praise = []
        self.goals = []
        self.visits = []
    }
}

/// One answer as stored and exported: the prompt, its stage, the question as shown, the answer.
public struct PlanAnswer: Codable, Sendable, Equatable {
    /// `goal_what#2` for the second goal's "what".
    public var key: String
    public var promptId: String
    public var round: Int?
    public var section: String
    public var stage: SpiralStage
    public var question: String
    /// The answer as a person reads it (their words, or the chosen labels). Empty when skipped.
    public var answer: String
    public var value: AnswerValue
    public var skipped: Bool
    public var language: String
    public var answeredAt: Date
}
