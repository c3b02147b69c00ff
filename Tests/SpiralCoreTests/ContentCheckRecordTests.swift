import Foundation
import Testing
@testable import SpiralCore

/// The kiosk skips checking its content again only while every file is exactly as it was.
@Suite("Content check record: a start skips the content check only for the files it checked")
struct ContentCheckRecordTests {
    let dir = Fixtures.temporaryDirectory()
    var record: ContentCheckRecord { ContentCheckRecord(path: dir + "/cache/checked-content") }

    func write(_ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileSystemCalls.writeAtomically(Data(text.utf8), to: dir + "/" + name, mode: 0o644)
    }

    @Test func aRecordedSetIsSoundUntilAnyFileChanges() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("en.json", #"{"a": "b"}"#)
        try write("kiosk.json", #"{"steps": []}"#)
        let files = [dir + "/en.json", dir + "/kiosk.json"]
        let first = try #require(ContentCheckRecord.fingerprint(of: files))
        #expect(!record.holds(first))                 // never checked: check
        record.record(first)
        #expect(record.holds(try #require(ContentCheckRecord.fingerprint(of: files))))

        // The same length, rewritten (a translator fixing one letter): checked again.
        try write("en.json", #"{"a": "c"}"#)
        #expect(!record.holds(try #require(ContentCheckRecord.fingerprint(of: files))))
    }

    @Test func aMissingFileOrRecordMeansTheCheckRuns() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("en.json", "{}")
        #expect(ContentCheckRecord.fingerprint(of: [dir + "/en.json", dir + "/gone.json"]) == nil)
        let print = try #require(ContentCheckRecord.fingerprint(of: [dir + "/en.json"]))
        #expect(!record.holds(print))
        // A cache folder that cannot be made (a file in its place) costs only the next check.
        try write("cache", "not a folder")
        record.record(print)
        #expect(!record.holds(print))
    }
}
