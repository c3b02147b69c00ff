import Foundation
import Testing
@testable import SpiralTerminal

/// PlainLineReader through real pipes: what the kiosk sees when its input is piped.
@Suite struct PlainLineReaderTests {
    /// A reader on a fresh pipe whose prompts go to /dev/null; signals left alone (shared process).
    private func makeReader() -> (PlainLineReader, writer: FileHandle) {
        let pipe = Pipe()
        let devNull = FileHandle(forWritingAtPath: "/dev/null")!
        let reader = PlainLineReader(input: pipe.fileHandleForReading.fileDescriptor, output: devNull.fileDescriptor,
                                     keepingOpen: [pipe, devNull], handleSignals: false)
        return (reader, pipe.fileHandleForWriting)
    }

    private func read(_ reader: PlainLineReader, timeout: Duration? = nil) -> LineReadResult {
        reader.readLine(prompt: "? ", prefill: "", completions: [], idleTimeout: timeout, onResize: nil)
    }

    @Test func readsUTF8LinesThenEndOfInput() throws {
        let (reader, writer) = makeReader()
        writer.write(Data("héllo wörld\n日本語\r\n\nTiếng Việt".utf8))
        try writer.close()
        #expect(read(reader) == .line("héllo wörld"))
        #expect(read(reader) == .line("日本語"))          // "\r\n" accepted
        #expect(read(reader) == .line(""))
        #expect(read(reader) == .line("Tiếng Việt"))      // last line without a newline
        #expect(read(reader) == .endOfInput)
        #expect(read(reader) == .endOfInput)
    }

    @Test func emptyInputIsEndOfInput() throws {
        let (reader, writer) = makeReader()
        try writer.close()
        #expect(read(reader) == .endOfInput)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let (reader, writer) = makeReader()
        writer.write(Data([0x61, 0xFF, 0x62, 0xC3, 0x0A]))
        try writer.close()
        #expect(read(reader) == .line("a\u{FFFD}b\u{FFFD}"))
    }

    @Test func longLinesArriveWhole() throws {
        let (reader, writer) = makeReader()
        let long = String(repeating: "ab日", count: 400_000)   // 2 MB, far beyond one pipe buffer
        // A writer thread, because the pipe holds only 64 KB until the reader drains it.
        Thread.detachNewThread {
            writer.write(Data((long + "\nshort\n").utf8))
            try? writer.close()
        }
        #expect(read(reader) == .line(long))
        #expect(read(reader) == .line("short"))
        #expect(read(reader) == .endOfInput)
    }

    @Test func manyShortLinesInOneChunk() throws {
        let (reader, writer) = makeReader()
        let lines = (0..<5_000).map { "line \($0)" }
        Thread.detachNewThread {
            writer.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            try? writer.close()
        }
        for line in lines { #expect(read(reader) == .line(line)) }
        #expect(read(reader) == .endOfInput)
    }

    @Test func idleTimeoutFiresAndDiscardsThePartialLine() throws {
        let (reader, writer) = makeReader()
        writer.write(Data("half a li".utf8))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(read(reader, timeout: .milliseconds(200)) == .timedOut)
        #expect(clock.now - start >= .milliseconds(190))
        writer.write(Data("ne\n".utf8))
        #expect(read(reader, timeout: .seconds(5)) == .line("ne"))
        try writer.close()
    }

    @Test func completeLineWaitingIsReturnedWithoutWaiting() throws {
        let (reader, writer) = makeReader()
        writer.write(Data("ready\n".utf8))
        #expect(read(reader, timeout: .milliseconds(1)) == .line("ready"))
        try writer.close()
    }

    @Test func promptIsWrittenPlainlyAndTheLineEnded() throws {
        let input = Pipe(), output = Pipe()
        let reader = PlainLineReader(input: input.fileHandleForReading.fileDescriptor,
                                     output: output.fileHandleForWriting.fileDescriptor, keepingOpen: [input, output],
                                     handleSignals: false)
        input.fileHandleForWriting.write(Data("x\n".utf8))
        #expect(reader.readLine(prompt: "Name? ", prefill: "ignored", completions: ["a"], idleTimeout: nil,
                                onResize: nil) == .line("x"))
        try output.fileHandleForWriting.close()
        let written = output.fileHandleForReading.readDataToEndOfFile()
        #expect(String(decoding: written, as: UTF8.self) == "Name? \n")
    }
}
