#if canImport(Glibc)
import Glibc
#endif
import SpiralText
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore

/// Reads screens aloud: espeak-ng (run as a program: it is GPL-3, never linked) writes each
/// stretch of speech to a WAV file in a private folder, a centre's recording is used instead
/// where there is one, and a player command plays them in turn. Everything runs on a background
/// queue: speaking never blocks typing, the idle timer or a signal. `stop` returns at once; a
/// player that does not stop when asked is killed, never waited on.
public final class Speaker: @unchecked Sendable {
    // @unchecked: `generation`, `current` and `lastFailure` are read and written under `lock`;
    // the rest is immutable.
    public let settings: CentreConfig.Speech
    let catalogue: MessageCatalogue
    let recordings: String?
    let log: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "spiral.speech")
    private let lock = Lock()
    private var generation = 0
    private var current: ChildProgram?
    private var speaking = false
    private var lastFailure: String?
    private var voiceList: Set<String>?
    private var closed = false
    private var playerBroken: String?
    private let folder: String

    public init(settings: CentreConfig.Speech?, catalogue: MessageCatalogue, recordings: String?,
                log: @escaping @Sendable (String) -> Void) {
        self.settings = settings ?? .init()
        self.catalogue = catalogue
        self.recordings = self.settings.recordings ?? recordings
        self.log = log
        folder = PathName.join(Self.runtimeFolder, "spiral-speech-\(getpid())")
    }

    /// The temporary folder as FileManager's `temporaryDirectory` finds it on Linux (TMPDIR, else
    /// /tmp), without making a URL of it: that was 290,000 instructions of each family's first
    /// screen.
    private static var runtimeFolder: String {
        let environment = Environment.process
        return environment.nonEmpty("XDG_RUNTIME_DIR") ?? environment.nonEmpty("TMPDIR") ?? "/tmp"
    }

    /// Called by the kiosk's own process while each family's session runs (beside the first
    /// screen with `--once`; once the first family's screen is up, supervised): speech folders
    /// of sessions that ended without tidying up (a crash, a power cut) are removed, and the
    /// programs reading aloud needs are looked up, so the next family's process finds them known. (Listing the runtime folder, often /tmp, and searching
    /// PATH in every family's process was a million instructions before its first screen; done
    /// before the kiosk's first screen, it held that up by 1-1.5 ms: docs/benchmarks.md.)
    public static func prepare(settings: CentreConfig.Speech?) {
        removeStaleFolders(in: runtimeFolder)
        findPrograms(player: (settings?.player).flatMap { $0.first })
    }

    /// Looks up espeak-ng and the player on PATH, for `offered` to find known (the first screen
    /// says whether reading aloud is there). Safe on any thread.
    public static func findPrograms(player: String?) {
        _ = executable("espeak-ng")
        _ = executable(player ?? "aplay")
    }

    /// Speech folders of sessions that ended without tidying up (a crash, a power cut).
    static func removeStaleFolders(in runtime: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: runtime)) ?? [] where name.hasPrefix("spiral-speech-") {
            guard let pid = Int32(name.dropFirst("spiral-speech-".count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: PathName.join(runtime, name))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    // MARK: What is here

    var player: [String] { settings.player.flatMap { $0.isEmpty ? nil : $0 } ?? ["aplay", "-q"] }

    /// Turned on, and both programs are installed (checked once, at the kiosk's start).
    public var offered: Bool {
        settings.enabled != false && Self.executable("espeak-ng") != nil && Self.executable(player[0]) != nil
    }

    /// Why a language cannot be read aloud here, or nil when it can.
    public func problem(for language: String) -> String? {
        guard settings.enabled != false else { return "reading aloud is turned off in the centre config" }
        guard Self.executable("espeak-ng") != nil else { return "espeak-ng is not installed (apt-get install espeak-ng)" }
        guard Self.executable(player[0]) != nil else { return "the player \(player[0]) is not installed" }
        guard let voice = voice(for: language) else { return "the language file \(language).json names no voice" }
        guard installedVoices().contains(voice.lowercased()) else { return "espeak-ng has no voice \(voice) on this machine" }
        // A player that failed (no sound device): the next press says so instead of trying again
        // in silence.
        if let broken = lock.withLock({ playerBroken }) { return broken }
        return nil
    }

    public func voice(for language: String) -> String? { settings.voices?[language] ?? catalogue.voice(of: language) }

    /// espeak-ng's voice names (`espeak-ng --voices`), once per process.
    public func installedVoices() -> Set<String> {
        if let v = lock.withLock({ voiceList }) { return v }
        var names: Set<String> = []
        if let out = try? Self.run([Self.executable("espeak-ng") ?? "espeak-ng", "--voices"], timeout: 5).output {
            for line in out.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                if columns.count > 1 { names.insert(columns[1].lowercased()) }
                if columns.count > 4 { names.insert(columns[4].split(separator: "/").last.map { $0.lowercased() } ?? "") }
            }
        }
        lock.withLock { voiceList = names }
        return names
    }

    /// A recording for a message, if the centre has one.
    public func recording(for key: String, in language: String) -> String? {
        guard let recordings else { return nil }
        for ext in ["wav", "ogg"] {
            let path = "\(recordings)/\(language)/\(key).\(ext)"
            if FileManager.default.isReadableFile(atPath: path) { return path }
        }
        return nil
    }

    // MARK: Speaking

    public var isSpeaking: Bool { lock.withLock { speaking } }

    /// What went wrong last time (for the staff log; never a family's words), cleared when read.
    public func takeFailure() -> String? { lock.withLock { defer { lastFailure = nil }; return lastFailure } }

    /// Stops what is being said, and says `segments` in the background.
    public func speak(_ segments: [SpeechSegment]) {
        let gen = stopCurrent()
        lock.withLock { speaking = true }
        queue.async { [self] in
            defer { lock.withLock { if generation == gen { speaking = false } } }
            // The next part is synthesised while this one plays, and the first part is the title
            // alone, so the voice starts soon after the key.
            let all = parts(segments, firstAlone: true)
            var next = all.isEmpty ? nil : prepare(all[0])
            // Stopped early: the part being made ahead is removed when it is done, elsewhere, so
            // the next screen's speech does not wait for it.
            defer {
                if let next {
                    DispatchQueue.global().async { if let f = next.wait(), f.temporary { try? FileManager.default.removeItem(atPath: f.path) } }
                }
            }
            for i in all.indices {
                guard let pending = next else { return }
                next = nil
                guard let file = pending.wait() else { return }
                guard lock.withLock({ generation == gen }) else {
                    if file.temporary { try? FileManager.default.removeItem(atPath: file.path) }
                    return
                }
                next = i + 1 < all.count ? prepare(all[i + 1]) : nil
                let ok = play(file.path, seconds: file.seconds, generation: gen)
                if file.temporary { try? FileManager.default.removeItem(atPath: file.path) }
                if !ok { return }
            }
        }
    }

    /// Audio for a part, made on another thread.
    private func prepare(_ part: Part) -> Pending {
        let pending = Pending()
        DispatchQueue.global().async { [self] in pending.fulfil(try? audio(for: part)) }
        return pending
    }

    final class Pending: @unchecked Sendable {
        // @unchecked: `value` is written once before `done` is signalled, and read after.
        private let done = DispatchSemaphore(value: 0)
        private var value: Audio?
        func fulfil(_ audio: Audio?) { value = audio; done.signal() }
        func wait() -> Audio? { done.wait(); return value }
    }

    /// Stops at once (the player is asked to stop, then killed if it does not).
    public func stop() { _ = stopCurrent() }

    /// At the end of a session: stops, makes sure no player outlives it (killed after 0.3 s), and
    /// removes the speech files; nothing more is made after this.
    public func shutdown() {
        let process = lock.withLock { () -> ChildProgram? in closed = true; return current }
        stop()
        if let process, !process.wait(upTo: 0.3) { process.signal(SIGKILL) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    private func stopCurrent() -> Int {
        let (gen, process) = lock.withLock { () -> (Int, ChildProgram?) in
            generation += 1
            speaking = false
            defer { current = nil }
            return (generation, current)
        }
        if let process, process.isRunning {
            process.signal(SIGTERM)   // asked to stop: a player may tidy up
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { process.signal(SIGKILL) }
        }
        return gen
    }

    /// Writes everything `segments` say into one WAV file (for `spiral speak --output`).
    public func render(_ segments: [SpeechSegment], to output: String) throws {
        var files: [String] = []
        var temporary: [String] = []
        defer { for f in temporary { try? FileManager.default.removeItem(atPath: f) } }
        for part in parts(segments) {
            let file = try audio(for: part)
            files.append(file.path)
            if file.temporary { temporary.append(file.path) }
        }
        try WAVFile.concatenate(files, into: output)
    }

    // MARK: Parts and files

    /// Consecutive segments in one language without recordings are synthesised together.
    struct Part { var language: String; var text: String; var recording: String? }

    func parts(_ segments: [SpeechSegment], firstAlone: Bool = false) -> [Part] {
        var out: [Part] = []
        for (i, s) in segments.enumerated() {
            if let file = s.messageKeys.lazy.compactMap({ self.recording(for: $0, in: s.language) }).first {
                out.append(Part(language: s.language, text: s.text, recording: file))
            } else if let last = out.last, last.recording == nil, last.language == s.language, !(firstAlone && i == 1) {
                out[out.count - 1].text += "\n" + s.text
            } else {
                out.append(Part(language: s.language, text: s.text, recording: nil))
            }
        }
        return out
    }

    struct Audio { var path: String; var seconds: Double; var temporary: Bool }

    enum Failure: Error, CustomStringConvertible {
        case unavailable(String)
        case failed(String)
        var description: String {
            switch self { case let .unavailable(s), let .failed(s): s }
        }
    }

    private func audio(for part: Part) throws -> Audio {
        if let recording = part.recording {
            if recording.hasSuffix(".wav"), let seconds = WAVFile.seconds(recording) { return Audio(path: recording, seconds: seconds, temporary: false) }
            if recording.hasSuffix(".ogg"), let converted = try? convert(recording) { return converted }
            note("the recording \(recording) cannot be played (not a readable WAV, or OGG without sox); synthesised instead")
        }
        if let problem = problem(for: part.language) {
            note(problem)
            throw Failure.unavailable(problem)
        }
        try makeFolder()
        let base = folder + "/" + UUID().uuidString
        // The words go through a file, not the command line, which other users can read in ps.
        try Data(part.text.utf8).write(to: URL(fileURLWithPath: base + ".txt"))
        defer { try? FileManager.default.removeItem(atPath: base + ".txt") }
        let wav = base + ".wav"
        let speed = String(settings.wordsPerMinute ?? 150)
        let result = try Self.run([Self.executable("espeak-ng")!, "-v", voice(for: part.language)!, "-s", speed, "-w", wav, "-f", base + ".txt"], timeout: 20)
        guard result.status == 0, let seconds = WAVFile.seconds(wav) else {
            let why = "espeak-ng failed (exit \(result.status)) for \(part.language)"
            note(why)
            throw Failure.failed(why)
        }
        return Audio(path: wav, seconds: seconds, temporary: true)
    }

    private func convert(_ ogg: String) throws -> Audio {
        guard let sox = Self.executable("sox") else { throw Failure.unavailable("sox is not installed") }
        try makeFolder()
        let wav = folder + "/" + UUID().uuidString + ".wav"
        let result = try Self.run([sox, ogg, "-r", "22050", "-c", "1", "-b", "16", wav], timeout: 20)
        guard result.status == 0, let seconds = WAVFile.seconds(wav) else { throw Failure.failed("sox could not read \(ogg)") }
        return Audio(path: wav, seconds: seconds, temporary: true)
    }

    private func makeFolder() throws {
        if lock.withLock({ closed }) { throw Failure.unavailable("the session has ended") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Plays one file, waiting at most its length and the grace time; false when it failed or
    /// was stopped.
    private func play(_ file: String, seconds: Double, generation gen: Int) -> Bool {
        guard let program = Self.executable(player[0]) else { note("the player \(player[0]) is not installed"); return false }
        let p: ChildProgram
        do { p = try ChildProgram([program] + Array(player.dropFirst()) + [file]) } catch {
            note("the player \(player[0]) could not start: \(error)")
            return false
        }
        let stillMine = lock.withLock { () -> Bool in
            guard generation == gen else { return false }
            current = p
            return true
        }
        if !stillMine { p.signal(SIGKILL); return false }
        if !p.wait(upTo: seconds + Double(settings.playerGraceSeconds ?? 5)) {
            note("the player \(player[0]) ran past the end of the sound and was stopped")
            p.signal(SIGTERM)
            if !p.wait(upTo: 0.3) { p.signal(SIGKILL) }
            return false
        }
        let stopped = lock.withLock { () -> Bool in
            if current === p { current = nil }
            return generation != gen
        }
        if stopped { return false }
        if let status = p.exitStatus, status != 0 {
            let why = "the player \(player[0]) exited with status \(status) (no sound device?)"
            lock.withLock { playerBroken = why }
            note(why)
            return false
        }
        return true
    }

    private func note(_ reason: String) {
        lock.withLock { lastFailure = reason }
        log(reason)
    }

    // MARK: Programs

    /// A file this user may run: stat and access, as a shell's PATH search does (FileManager's
    /// isExecutableFile was 20,000 instructions for each folder on PATH, on the way to every
    /// first screen).
    private static func runnable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }

    /// A program's path, by name on PATH. Found paths are kept for the process (and the family
    /// processes forked from it); a program not found is looked for again next time, so one
    /// installed while the kiosk runs is found.
    static func executable(_ name: String) -> String? {
        if name.contains("/") { return runnable(name) ? name : nil }
        let path = Environment.process["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let key = path + "\u{0}" + name
        if let known = foundPrograms.withLock({ $0[key] }) { return known }
        // Split as bytes: splitting by Character walks grapheme clusters (170,000 instructions).
        for dir in path.utf8.split(separator: UInt8(ascii: ":")) {
            let candidate = String(decoding: dir, as: UTF8.self) + "/" + name
            if runnable(candidate) {
                foundPrograms.withLock { $0[key] = candidate }
                return candidate
            }
        }
        return nil
    }

    private static let foundPrograms = Locked<[String: String]>([:])

    /// Runs a program to its end (or kills it after `timeout` seconds), returning its status and
    /// what it wrote (through a private file: no pipe for another program to inherit).
    static func run(_ argv: [String], timeout: Double, in folder: String = FileManager.default.temporaryDirectory.path) throws -> (status: Int32, output: String) {
        let out = PathName.join(folder, "out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = try ChildProgram(argv, output: out)
        if !p.wait(upTo: timeout) { p.signal(SIGKILL); return (-1, "") }
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return (p.exitStatus ?? -1, text)
    }
}
