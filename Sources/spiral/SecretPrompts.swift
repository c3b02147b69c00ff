import ArgumentParser
import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralTerminal

/// Asking for passphrases: at a terminal with a dot for each key, or a line of piped standard
/// input for scripts; never from an argument or the environment (both show in `ps` and logs).
enum SecretPrompts {
    /// A new secret, typed twice, asked again until it is long enough and the same both times.
    static func newSecret(_ what: String, minimum: Int) throws -> String {
        let reader = Terminal.makeLineReader()
        defer { Terminal.restore() }
        while true {
            let first = try ask(reader, "New \(what) (at least \(minimum) characters; a dot shows for each key):", what: what)
            guard first.count >= minimum else {
                print("That \(what) is too short: please use at least \(minimum) characters.")
                continue
            }
            let second = try ask(reader, "Type it again:", what: what)
            guard first == second else {
                print("The two were different. Please try again.")
                continue
            }
            return first
        }
    }

    /// An existing secret: the first line of `file` when one is given (a script's file or
    /// `/dev/fd/N`), else typed once.
    static func existing(_ prompt: String, file: String?, what: String) throws -> String {
        if let file {
            if let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int,
               mode & 0o077 != 0, !file.hasPrefix("/dev/fd/"), !file.hasPrefix("/proc/") {
                StandardError.write("warning: \(file) can be read by other users; make it private: chmod 600 \(file)\n")
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuntimeFailure("Cannot read the \(what) from \(file): check the path and its permissions.", code: .noInput)
            }
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.isEmpty else { throw RuntimeFailure("\(file) is empty: its first line must be the \(what).", code: .dataError) }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let reader = Terminal.makeLineReader()
        defer { Terminal.restore() }
        return try ask(reader, prompt, what: what)
    }

    private static func ask(_ reader: any LineReader, _ prompt: String, what: String) throws -> String {
        StandardError.write(prompt + "\n")
        guard case let .line(text) = reader.readSecret(prompt: "› ", idleTimeout: nil), !text.isEmpty else {
            throw RuntimeFailure("No \(what) was given: nothing was changed.", code: .cancelled)
        }
        return text
    }
}
