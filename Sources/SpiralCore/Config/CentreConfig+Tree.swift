/// The centre config read from a `JSONTree` exactly as its `Decodable` conformance reads it
/// (JSONTree says why: the config is read at start and again for each family, 0.9 million
/// instructions each time through JSONDecoder). Nil for anything unusual: `load(path:)` then
/// decodes with JSONDecoder, for the same config or the same message. JSONTreeReadersTests
/// checks the two agree.
extension CentreConfig {
    init?(tree: JSONTree) {
        typealias T = JSONTree
        do throws(JSONTree.Unusual) {
            let f = try T.Fields(tree)
            self.init(centreName: try f.optional("centreName", T.string), languages: try f.required("languages", T.list(T.string)),
                      idleTimeoutSeconds: try f.optional("idleTimeoutSeconds", T.int),
                      latinDigits: try f.optional("latinDigits", T.bool),
                      reorderRightToLeft: try f.optional("reorderRightToLeft", T.bool),
                      crisisContacts: try f.required("crisisContacts", T.list(Self.contact)),
                      centreKey: try f.optional("centreKey", T.string), speech: try f.optional("speech", Self.speech),
                      store: try f.optional("store", T.string), display: try f.optional("display", T.string))
        } catch {
            return nil
        }
    }

    private static func contact(_ tree: JSONTree) throws(JSONTree.Unusual) -> CrisisContact {
        typealias T = JSONTree
        let f = try T.Fields(tree)
        return CrisisContact(name: try f.required("name", T.string), nameKey: try f.optional("nameKey", T.string),
                             phone: try f.required("phone", T.string), aboutKey: try f.optional("aboutKey", T.string),
                             about: try f.optional("about", T.map(T.string)))
    }

    private static func speech(_ tree: JSONTree) throws(JSONTree.Unusual) -> Speech {
        typealias T = JSONTree
        let f = try T.Fields(tree)
        return Speech(enabled: try f.optional("enabled", T.bool), autoRead: try f.optional("autoRead", T.bool),
                      player: try f.optional("player", T.list(T.string)), voices: try f.optional("voices", T.map(T.string)),
                      wordsPerMinute: try f.optional("wordsPerMinute", T.int), recordings: try f.optional("recordings", T.string),
                      playerGraceSeconds: try f.optional("playerGraceSeconds", T.int))
    }
}
