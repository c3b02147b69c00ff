#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Just enough of RIFF WAVE to know how long a file plays and to join files of one format
/// (espeak-ng writes 16-bit mono PCM at 22,050 Hz).
enum WAVFile {
    struct Format: Equatable { var channels: Int; var rate: Int; var bits: Int }

    /// The format and the PCM bytes of a WAV file, or nil when it is not one.
    static func read(_ path: String) -> (format: Format, data: Data)? {
        guard let bytes = FileManager.default.contents(atPath: path), bytes.count >= 44,
              bytes.prefix(4) == Data("RIFF".utf8), bytes[8..<12] == Data("WAVE".utf8) else { return nil }
        func u32(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        var i = 12
        var format: Format?
        while i + 8 <= bytes.count {
            let id = String(decoding: bytes[i..<i + 4], as: UTF8.self)
            var size = u32(i + 4)
            if id == "fmt ", i + 24 <= bytes.count {
                let f = Format(channels: u16(i + 10), rate: u32(i + 12), bits: u16(i + 22))
                // Only formats a recording can really have: nothing here can overflow or divide by 0.
                guard (1...8).contains(f.channels), (8000...192_000).contains(f.rate), [8, 16, 24, 32].contains(f.bits) else { return nil }
                format = f
            } else if id == "data", let format {
                // espeak-ng --stdout writes a placeholder size: take what is there.
                if size == 0 || i + 8 + size > bytes.count { size = bytes.count - i - 8 }
                return (format, bytes.subdata(in: i + 8..<i + 8 + size))
            }
            guard size >= 0, size <= bytes.count else { return nil }
            i += 8 + size + (size & 1)
        }
        return nil
    }

    static func seconds(_ path: String) -> Double? {
        guard let (f, data) = read(path), f.rate > 0, f.channels > 0, f.bits > 0 else { return nil }
        return Double(data.count) / Double(f.rate * f.channels * f.bits / 8)
    }

    /// One file with the PCM of every file in turn (all must share a format).
    static func concatenate(_ files: [String], into output: String) throws {
        var format: Format?
        var pcm = Data()
        for file in files {
            guard let (f, data) = read(file) else { throw CocoaError(.fileReadCorruptFile, userInfo: ["NSFilePath": file]) }
            if let format, format != f { throw CocoaError(.fileReadCorruptFile, userInfo: ["NSFilePath": file]) }
            format = f
            pcm.append(data)
        }
        let f = format ?? Format(channels: 1, rate: 22050, bits: 16)
        var out = Data("RIFF".utf8)
        func le32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func le16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { out.append(contentsOf: $0) } }
        le32(36 + pcm.count)
        out.append(Data("WAVEfmt ".utf8))
        le32(16); le16(1); le16(f.channels); le32(f.rate); le32(f.rate * f.channels * f.bits / 8); le16(f.channels * f.bits / 8); le16(f.bits)
        out.append(Data("data".utf8))
        le32(pcm.count)
        out.append(pcm)
        try out.write(to: URL(fileURLWithPath: output))
    }
}
