import SpiralText

/// Language files read from a `JSONTree` exactly as their `Decodable` conformances read them
/// (JSONTree says why: a language's messages took 5 million instructions through JSONDecoder,
/// when a parent chose it). Nil for anything unusual: the caller then decodes with JSONDecoder,
/// for the same file or the same message about what is wrong. LanguageFileTreeTests checks the
/// two agree.
extension LanguageFile {
    init?(tree: JSONTree) {
        typealias T = JSONTree
        do throws(JSONTree.Unusual) {
            let f = try T.Fields(tree)
            self.init(language: try f.required("language", T.string), name: try f.required("name", T.string),
                      englishName: try f.optional("englishName", T.string),
                      direction: try f.required("direction", T.raw(TextDirection.self)),
                      status: try f.required("status", T.raw(ReviewStatus.self)),
                      reviewedBy: try f.optional("reviewedBy", T.string),
                      messages: try f.required("messages", T.map(T.string)),
                      sameAsEnglish: try f.optional("sameAsEnglish", T.list(T.string)),
                      voice: try f.optional("voice", T.string), speech: try f.optional("speech", T.map(T.string)))
        } catch {
            return nil
        }
    }
}

extension LanguageHeader {
    /// As `init(from:)`: the metadata, and of the messages only the first screen's.
    init?(tree: JSONTree) {
        typealias T = JSONTree
        do throws(JSONTree.Unusual) {
            let f = try T.Fields(tree)
            let all = try T.Fields(try f.required("messages", { tree throws(JSONTree.Unusual) in tree }))
            var messages: [String: String] = [:]
            for key in MessageCatalogue.firstScreenKeys { messages[key] = try all.optional(key, T.string) }
            file = LanguageFile(language: try f.required("language", T.string), name: try f.required("name", T.string),
                                englishName: try f.optional("englishName", T.string),
                                direction: try f.required("direction", T.raw(TextDirection.self)),
                                status: try f.required("status", T.raw(ReviewStatus.self)),
                                reviewedBy: try f.optional("reviewedBy", T.string), messages: messages,
                                voice: try f.optional("voice", T.string))
        } catch {
            return nil
        }
    }
}
