import ArgumentParser
import SpiralCore
import SpiralTerminal

// Loading what a kiosk shows (prompt script, languages, centre config) on both cores, and
// checking it.
extension KioskLaunch {
    /// What the first screen needs that no file of the centre's decides: readline's set-up (its
    /// terminal description, inputrc and key bindings: half a millisecond) and the look-up of the
    /// speech programs (the default player; a centre's own is looked up when the config names
    /// it). Done on the loading thread before the script (`startLoading`): in the first family's
    /// process and a single start for themselves, and in the kiosk's own process for the later
    /// families' processes it forks, which inherit it done.
    @Sendable static func prepareFirstScreen() {
        ReadlineReader.prepare()
        Speaker.findPrograms(player: nil)
    }

    /// Piped input needs no terminal set up.
    @Sendable static func prepareNothing() {}

    /// The prompt script, languages and centre config, checked (`startLoading`, then `finish`).
    package func loadContent(whileTheScriptLoads alongside: @escaping @Sendable () -> Void = {}) throws -> Content {
        try startLoading(whileTheScriptLoads: alongside).finish()
    }

    /// Starts loading the content: the prompt script is read on the other core while the
    /// language files and the config load here, so a parent sees the first screen sooner.
    /// `whileTheScriptLoads` runs first on the script's thread, and is waited for before this
    /// returns: readline's set-up (its file reads and page faults) then holds up neither this
    /// thread nor the first screen, which need not wait for the script (`runFirstFamily`). The
    /// script is waited for, and everything checked, by `ContentLoading.finish`: a broken file
    /// still stops the kiosk before anyone can answer (checked through ICU at the first start
    /// with new files, then only when one changes: `ContentCheckRecord`).
    func startLoading(whileTheScriptLoads alongside: @escaping @Sendable () -> Void) throws -> ContentLoading {
        let content = self.content
        let prepared = Latch()
        let scriptLoad = Background {
            alongside()
            prepared.open()
            return try content.loadScript()
        }
        // The same script, English file and program as at the last start that found them sound:
        // nothing to check again.
        let record = ContentCheckRecord()
        let files = (try? [content.promptsDirectory() + "/" + ScriptLoader.fileName,
                           content.localizationsDirectory() + "/" + MessageCatalogue.sourceLanguage + ".json",
                           BackgroundProgram.ownExecutable]) ?? []
        let fingerprint = files.isEmpty ? nil : ContentCheckRecord.fingerprint(of: files)
        let catalogue: MessageCatalogue
        let config: CentreConfig
        do {
            catalogue = try content.loadCatalogue(lazily: true)
            config = try content.loadConfig()
            prepared.wait()
        } catch {
            _ = try? scriptLoad.value()  // the thread is joined whatever happens
            throw error
        }
        return ContentLoading(catalogue: catalogue, config: config, script: scriptLoad, files: files,
                              record: record, fingerprint: fingerprint, checkedBefore: fingerprint.map(record.holds) ?? false,
                              language: language)
    }

    /// Content loading: the language files and config are in, the prompt script may still be
    /// loading on the other core.
    struct ContentLoading {
        let catalogue: MessageCatalogue
        let config: CentreConfig
        let script: Background<PromptScript>
        let files: [String]
        let record: ContentCheckRecord
        let fingerprint: String?
        /// These same files were found sound at an earlier start: nothing to check again, unless
        /// one is replaced while it is read.
        let checkedBefore: Bool
        let language: String?

        /// What a first screen that asks nothing of the script is drawn from while it loads.
        var whileTheScriptLoads: Content { Content(script: .stillLoading, catalogue: catalogue, config: config) }

        /// Waits for the script, checks what needs checking, and returns the whole content.
        /// Call once, from the thread that started loading.
        func finish() throws -> Content {
            let script = try self.script.value()
            func check() -> [ContentProblem] {
                ContentValidator.checkSourceKeys(catalogue, script: script) + ContentValidator.checkSourcePatterns(catalogue)
            }
            var alreadySound = checkedBefore
            var problems = alreadySound ? [] : check()
            // A file replaced while it was read: what was loaded may not be what was fingerprinted.
            let unchanged = fingerprint != nil && ContentCheckRecord.fingerprint(of: files) == fingerprint
            if alreadySound && !unchanged {
                alreadySound = false
                problems = check()
            }
            problems = problems.filter { $0.severity == .error }
            if !problems.isEmpty { throw ContentError(problems: problems) }
            if !alreadySound, unchanged, let fingerprint { record.record(fingerprint) }
            if let language, catalogue.bestMatch(for: language) == nil {
                throw ValidationError("No language file matches \"\(language)\". Installed: \(catalogue.tags.joined(separator: ", ")).")
            }
            return Content(script: script, catalogue: catalogue, config: config)
        }
    }
}
