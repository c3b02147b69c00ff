import Foundation
import SpiralCore
import SpiralKioskCommand
import SpiralTerminal

/// Reading aloud, language by language, for `spiral check` and `spiral languages`: the voice and
/// whether this machine has it, the spoken variants, and the centre's recordings.
enum SpeechReport {
    static func lines(catalogue: MessageCatalogue, config: CentreConfig, localizations: String) -> [String] {
        let speaker = Speaker(settings: config.speech, catalogue: catalogue,
                              recordings: (localizations as NSString).deletingLastPathComponent + "/Audio", log: { _ in })
        if config.speech?.enabled == false { return ["Reading aloud: turned off in the centre config."] }
        var out = ["Reading aloud (espeak-ng voices; recordings in \(speaker.settings.recordings ?? "Audio/")):"]
        let messages = catalogue.messages(for: MessageCatalogue.sourceLanguage).count
        for tag in catalogue.tags {
            let voice = speaker.voice(for: tag) ?? "none"
            let state = speaker.problem(for: tag).map { "NOT AVAILABLE: \($0)" } ?? "ready"
            let variants = catalogue.speechVariants(for: tag).count
            let recorded = catalogue.messages(for: tag).keys.filter { speaker.recording(for: $0, in: tag) != nil }.count
            out.append("  \(tag): voice \(voice), \(state); \(variants) spoken variant(s); \(recorded) of \(messages) messages recorded")
        }
        return out
    }
}
