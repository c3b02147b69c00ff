/// The parts of a file path, as `NSString`'s path methods gave them.
///
/// The kiosk links only `FoundationEssentials`, which has no `NSString`; these cover the few
/// path operations Spiral uses, on the plain absolute and relative paths the store writes.
public enum PathName: Sendable {
    /// The folder holding `path`: "/a/b/c.json" → "/a/b", "/a" → "/", "c.json" → "".
    public static func directory(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last part of `path`: "/a/b/c.json" → "c.json".
    public static func name(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `name` without its extension: "en.json" → "en", ".hidden" stays as it is.
    public static func removingExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `folder` and `name` joined with one slash.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func withoutTrailingSlashes(_ path: String) -> String {
        var s = Substring(path)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
