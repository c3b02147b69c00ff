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
        let resolved = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().path
        self.executablePath = resolved
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
        let compiledRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        list.append(compiledRoot + "/" + name)
        return list
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir
    }
}
