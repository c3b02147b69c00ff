import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Wall-clock times for staff screens, in the machine's own time zone.
///
/// `FoundationEssentials` knows only UTC (time-zone rules are in the internationalisation half
/// the kiosk does not link), so the C library's localtime and strftime read /etc/localtime.
enum LocalClock {
    /// `date` through strftime's `format`, e.g. "%H:%M:%S" → "14:05:09".
    static func text(_ date: Date, format: String) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return date.formatted(.iso8601) }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
