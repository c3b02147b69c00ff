/// Everything the staff log can say. A closed set: no case takes a family's words, only codes,
/// file names, counts and system reasons, so nothing but this file decides what reaches the log
/// (GRDB keeps statement arguments out of its errors the same way).
public enum StaffEvent: Sendable, Equatable {
    case languageFileLeftOut(problem: String)
    case messageFellBack(key: String)
    case noStaffPassphrase
    case staffPassphraseUnreadable(file: String, reason: String)
    case wrongStaffPassphrase
    case idleSessionEnded
    case saveFailed(reason: String)
    case savingWorksAgain
    /// The family's session had to end while its answers could not be saved in the store: a copy
    /// was kept where staff can recover it.
    case answersHeldForStaff(file: String)
    case answersLost(reason: String)
    case planUnavailable(reason: String)
    case planSetAside(file: String, reason: String)
    case wrongPin(failures: Int)
    case codeLocked(failures: Int)
    case codeUnlocked(by: String)
    case leftoverFilesRemoved(count: Int)
    case storeFolderMadePrivate(folder: String)
    case familySessionEndedAbnormally(status: Int32)
    /// Reading aloud did not work (no voice, no player, no sound device): the reason names
    /// programs and files, never what was on the screen.
    case readAloudFailed(reason: String)
    /// The shared store: versions waiting because the server cannot be reached, then reached
    /// again; a version the server refused. Reasons name servers and codes, never answers.
    case sharedStoreUnreachable(reason: String, waiting: Int)
    case sharedStoreReachedAgain(pushed: Int)
    case sharedStoreRefused(version: String, reason: String)
    case versionNotQueued(reason: String)
    /// Languages the centre's display cannot draw, so the kiosk does not offer them.
    case languagesNotDrawn(display: String, tags: [String], reason: String)

    /// The line written for staff.
    public var message: String {
        switch self {
        case let .languageFileLeftOut(problem): "language file left out: \(problem)"
        case let .messageFellBack(key): "message \(key) could not be formatted and was shown from the fallback language (run spiral check)"
        case .noStaffPassphrase: "no staff passphrase is set: anyone can close this kiosk with Ctrl-D. Set one with `spiral passphrase`."
        case let .staffPassphraseUnreadable(file, reason): "the staff passphrase file \(file) cannot be read (\(reason)): the kiosk will not close until it can"
        case .wrongStaffPassphrase: "a wrong staff passphrase was typed"
        case .idleSessionEnded: "family session ended after idle timeout"
        case let .saveFailed(reason): "could not save: \(reason)"
        case .savingWorksAgain: "saving works again"
        case let .answersHeldForStaff(file): "the session ended before its answers could be saved in the store; they are kept in \(file) for staff to restore (spiral restore)"
        case let .answersLost(reason): "the session ended and its answers could not be saved anywhere: \(reason)"
        case let .planUnavailable(reason): "could not open a plan for a returning family: \(reason)"
        case let .planSetAside(file, reason): "a plan file that does not decode was set aside as \(file) (\(reason))"
        case let .wrongPin(failures): "a wrong PIN was typed for this code (\(failures) in a row)"
        case let .codeLocked(failures): "this code is locked after \(failures) wrong PINs: a practitioner unlocks it with `spiral unlock CODE`"
        case let .codeUnlocked(by): "unlocked by \(by)"
        case let .leftoverFilesRemoved(count): "removed \(count) temporary file(s) left by an interrupted save"
        case let .storeFolderMadePrivate(folder): "the store folder \(folder) was readable by others: it is now private (0700)"
        case let .familySessionEndedAbnormally(status): "a family's session ended abnormally (status \(status)); the kiosk started afresh"
        case let .readAloudFailed(reason): "reading aloud did not work: \(reason)"
        case let .sharedStoreUnreachable(reason, waiting): "the shared store cannot take plans now (\(reason)); \(waiting) version(s) wait on this kiosk and will be sent when it is back (spiral store status)"
        case let .sharedStoreReachedAgain(pushed): "the shared store is reachable again: \(pushed) waiting version(s) sent"
        case let .sharedStoreRefused(version, reason): "the shared store refused version \(version) (\(reason)); it is kept in the outbox's queue/refused folder"
        case let .languagesNotDrawn(display, tags, reason): "not offered on this display (\(display)): \(tags.joined(separator: ", ")), because \(reason) (docs/deploying-a-kiosk.md)"
        case let .versionNotQueued(reason): "a saved plan could not be queued for the shared store (\(reason)); it is safe on this kiosk and will be sent at the next check"
        }
    }
}
