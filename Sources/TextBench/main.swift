// spiral-text-bench: wraps and measures 10,000 lines of mixed scripts at 40 columns, as the
// kiosk's and the exports' text layer does, and prints the time and a checksum. For `make bench`
// (scripts/bench_text.py), under callgrind too: instruction counts stay the same on a noisy
// machine. Not a test.
//
//   spiral-text-bench [--lines N] [--rounds R]
#if canImport(Glibc)
import Glibc
#endif
import SpiralText

let mixedLines: [(text: String, locale: String)] = [
    ("Is there anything you'd like us to know about what you need right now? We can start there.", "en"),
    ("Tuần này tối nào tôi cũng đọc truyện cho Bảo, và con ngủ ngon hơn nhiều so với trước.", "vi"),
    ("قرأت قصة لأحمد كل ليلة هذا الأسبوع، وأصبح ينام بهدوء أكثر من قبل.", "ar"),
    ("这周每天晚上给小明讲故事，他现在睡得比以前好多了，早上也不那么闹了。", "zh-Hans"),
    ("這週每天晚上給家豪講故事，他現在睡得比以前好多了。", "zh-Hant"),
    ("इस हफ़्ते हर रात आरव को कहानी सुनाई, और अब वह पहले से बेहतर सोता है।", "hi"),
    ("สัปดาห์นี้ฉันอ่านนิทานให้ลูกฟังทุกคืน และตอนนี้ลูกนอนหลับสบายขึ้นมาก", "th"),
    ("이번 주에 매일 밤 서준이에게 책을 읽어 줬어요. 이제 훨씬 잘 자요.", "ko"),
    ("Διάβασα παραμύθι στον Γιώργο κάθε βράδυ αυτή την εβδομάδα και τώρα κοιμάται καλύτερα.", "el"),
    ("Le leí un cuento a Mateo todas las noches esta semana y ahora duerme mucho mejor.", "es"),
]

var lines = 10_000
var rounds = 5
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--lines": lines = Int(arguments.next() ?? "") ?? lines
    case "--rounds": rounds = Int(arguments.next() ?? "") ?? rounds
    default: print("usage: spiral-text-bench [--lines N] [--rounds R]"); exit(64)
    }
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
}

var times: [Double] = []
var checksum = 0
for _ in 0..<rounds {
    let start = now()
    var columns = 0
    for i in 0..<lines {
        let (text, locale) = mixedLines[i % mixedLines.count]
        for line in UnicodeText.wrap(text, width: 40, locale: locale) {
            columns += UnicodeText.displayWidth(line)
        }
    }
    times.append(now() - start)
    checksum = columns
}
times.sort()
print("lines \(lines) rounds \(rounds) median_ms \(times[times.count / 2]) min_ms \(times[0]) columns \(checksum)")
