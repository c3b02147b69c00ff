import Foundation
import Testing
@testable import SpiralCore

/// The kiosk finds its folders beside the real program, whatever link it was started through.
@Suite struct ResourceLocatorTests {
    @Test func aLinkToTheProgramFindsTheFoldersBesideTheProgramItself() throws {
        let root = Fixtures.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/opt/bin/Prompts", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/links", withIntermediateDirectories: true)
        fm.createFile(atPath: root + "/opt/bin/spiral", contents: Data())
        try fm.createSymbolicLink(atPath: root + "/links/spiral", withDestinationPath: root + "/opt/bin/spiral")
        let real = try #require(FileSystemCalls.realPath(root + "/opt/bin"))
        let locator = ResourceLocator(executablePath: root + "/links/spiral")
        #expect(locator.executablePath == real + "/spiral")
        #expect(locator.directory(named: "Prompts", override: nil) == real + "/Prompts")
        #expect(locator.directory(named: "Prompts", override: "/given") == "/given")
    }

    @Test func aPathThatDoesNotExistIsKeptAndThePackageItWasBuiltInIsTheLastPlaceLooked() throws {
        let locator = ResourceLocator(executablePath: "/nowhere/bin/spiral")
        #expect(locator.executablePath == "/nowhere/bin/spiral")
        let last = try #require(locator.candidates(for: "Prompts").last)
        #expect(FileManager.default.fileExists(atPath: PathName.directory(last) + "/Package.swift"))
        #expect(locator.directory(named: "Prompts", override: nil) == last)
    }

    @Test func aRelativePathThatDoesNotExistIsTakenFromTheCurrentFolder() {
        let locator = ResourceLocator(executablePath: "no-such-folder/spiral")
        #expect(locator.executablePath == PathName.join(FileManager.default.currentDirectoryPath, "no-such-folder/spiral"))
    }
}
