import SpiralText

/// Finds a language from what a parent typed on the first screen: its number, or a few letters
/// of its name in any script. "viet" and "tieng" find Tiếng Việt; "عر" finds العربية; "中文" finds Chinese.
public enum LanguageMatcher: Sendable {
    /// Returns the index into `tags`.
    /// `shown`: each language's line as the chooser shows it (and Tab completes it), which is
    /// always accepted whole.
    public static func match(_ input: String, tags: [String], names: [LanguageFile?], shown: [String] = []) -> Int? {
        let typed = input.trimmingSpaces
        // A number first: no language's line is a number, and the search key below builds ICU's
        // Any-Latin transliterator (about 100 ms, and 2 MB of ICU data) the first time it is used.
        if let n = ChoiceMatcher.number(typed) { return (1...max(1, tags.count)).contains(n) && n <= tags.count ? n - 1 : nil }
        if let whole = shown.firstIndex(where: { $0 == typed || UnicodeText.searchKey($0) == UnicodeText.searchKey(typed) }),
           whole < tags.count {
            return whole
        }
        let key = UnicodeText.searchKey(typed)
        guard !key.isEmpty else { return nil }
        var hits: [Int] = []
        for (i, tag) in tags.enumerated() {
            let file = names[i]
            let candidates = [file?.name, file?.englishName, tag].compactMap { $0 }
            let matches = candidates.contains { name in
                let nameKey = UnicodeText.searchKey(name)
                if name.lowercased().hasPrefix(typed.lowercased()) || nameKey.hasPrefix(key) { return true }
                // Any word of the name: "viet" finds "tieng viet".
                return nameKey.split(separator: " ").contains { $0.hasPrefix(key) }
            }
            if matches { hits.append(i) }
        }
        if tags.indices.contains(where: { tags[$0].lowercased() == typed.lowercased() }) {
            return tags.firstIndex { $0.lowercased() == typed.lowercased() }
        }
        if !hits.isEmpty { return hits.count == 1 ? hits[0] : hits.first }
        // Inside a name, for scripts written without spaces or with a prefix ("中文" in 简体中文,
        // "عربي" in العربية, "traditional" in Chinese (Traditional)).
        guard typed.count >= 2 else { return nil }
        for (i, tag) in tags.enumerated() {
            let candidates = [names[i]?.name, names[i]?.englishName].compactMap { $0 }
            if candidates.contains(where: { UnicodeText.searchKey($0).contains(key) || $0.lowercased().contains(typed.lowercased()) }) {
                return i
            }
        }
        return nil
    }
}
