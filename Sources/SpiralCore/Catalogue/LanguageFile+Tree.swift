import SpiralText

/// Language files read from a `JSONTree` exactly as their `Decodable` conformances read them
/// (JSONTree says why: a language's messages took 5 million instructions through JSONDecoder,
/// when a parent chose it). Nil for anything unusual: the caller then decodes with JSONDecoder,
/// for the same file or the same message about what is wrong. JSONTreeReadersTests checks the
/// two agree.
extension LanguageFile {
    init?(tree: JSONTree) {
        do throws(JSONTree.Unusual) {
            let f = try JSONTree.Fields(tree)
            self = try Self.read(f, messages: try f.required("messages", JSONTree.map(JSONTree.string)))
            sameAsEnglish = try f.optional("sameAsEnglish", JSONTree.list(JSONTree.string))
            speech = try f.optional("speech", JSONTree.map(JSONTree.string))
        } catch {
            return nil
        }
    }

    /// The metadata both readers read, with the messages each keeps.
    fileprivate static func read(_ f: JSONTree.Fields, messages: [String: String]) throws(JSONTree.Unusual) -> LanguageFile {
        typealias T = JSONTree
        return LanguageFile(language: try f.required("language", T.string), name: try f.required("name", T.string),
                            englishName: try f.optional("englishName", T.string),
                            direction: try f.required("direction", T.raw(TextDirection.self)),
                            status: try f.required("status", T.raw(ReviewStatus.self)),
                            reviewedBy: try f.optional("reviewedBy", T.string), messages: messages,
                            voice: try f.optional("voice", T.string))
    }
}

extension LanguageHeader {
    /// As `init(from:)`: the metadata, and of the messages only the first screen's.
    init?(tree: JSONTree) {
        do throws(JSONTree.Unusual) {
            let f = try JSONTree.Fields(tree)
            let all = try JSONTree.Fields(try f.required("messages", { tree throws(JSONTree.Unusual) in tree }))
            var messages: [String: String] = [:]
            for key in MessageCatalogue.firstScreenKeys { messages[key] = try all.optional(key, JSONTree.string) }
            file = try LanguageFile.read(f, messages: messages)
        } catch {
            return nil
        }
    }
}
