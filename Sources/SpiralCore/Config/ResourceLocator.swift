#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds `Prompts/`, `Localizations/` and `Config/` at run time: the flag if given, else beside
/// the installed binary (`bin/` and `share/spiral/`), else the package root found by walking up
/// from the binary (a build in `.build/`), else the package root this file was compiled in.
public struct ResourceLocator: Sendable {
    public let executablePath: String

    public init(executablePath: String = CommandLine.arguments.first ?? "") {
        self.executablePath = executablePath == Self.ownPath.given ? Self.ownPath.resolved : Self.resolve(executablePath)
    }

    /// This program's own path, resolved once: the kiosk looks for three folders as it starts,
    /// and Foundation's URL took 130,000 instructions for each (docs/benchmarks.md).
    private static let ownPath: (given: String, resolved: String) = {
        let given = CommandLine.arguments.first ?? ""
        return (given, resolve(given))
    }()

    /// Absolute, with every symbolic link followed; a path that cannot be resolved is made
    /// absolute against the current folder, as Foundation's URL did.
    private static func resolve(_ path: String) -> String {
        if let real = FileSystemCalls.realPath(path) { return real }
        if path.hasPrefix("/") { return path }
        return PathName.join(FileManager.default.currentDirectoryPath, path)
    }

    public func directory(named name: String, override: String?) -> String? {
        if let override, !override.isEmpty { return override }
        return candidates(for: name).first { isDirectory($0) }
    }

    public func candidates(for name: String) -> [String] {
        let binDir = PathName.directory(executablePath)
        var list = [binDir + "/" + name, binDir + "/../share/spiral/" + name]
        var dir = binDir
        for _ in 0..<6 {
            dir = PathName.directory(dir)
            if FileManager.default.fileExists(atPath: dir + "/Package.swift") { list.append(dir + "/" + name); break }
            if dir == "/" { break }
        }
        list.append(Self.compiledRoot + "/" + name)
        return list
    }

    /// The package this file was compiled in: Sources/SpiralCore/Config/ResourceLocator.swift.
    private static let compiledRoot = (0..<4).reduce(#filePath) { path, _ in PathName.directory(path) }

    private func isDirectory(_ path: String) -> Bool {
        var isDir = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir
    }
}
