// spiral-export-bench: exports one plan in every readable format, as `spiral export` does once
// the plan is open, and prints each format's median time. For `make bench` (scripts/bench_export.py,
// with a 100-goal plan from spiral-plan-generator --goals 100), and under callgrind. Not a test.
//
//   spiral-export-bench PLAN.json [--rounds R] [--language TAG]
import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SpiralCore

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 20
var language = "en"
var planPath: String?
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--rounds": rounds = Int(arguments.first ?? "") ?? rounds; arguments = Array(arguments.dropFirst())
    case "--language": language = arguments.first ?? language; arguments = Array(arguments.dropFirst())
    default: planPath = argument
    }
}
guard let planPath, let data = FileManager.default.contents(atPath: planPath) else {
    StandardError.write("usage: spiral-export-bench PLAN.json [--rounds R] [--language TAG]\n")
    exit(64)
}
let locator = ResourceLocator()
guard let prompts = locator.directory(named: "Prompts", override: nil),
      let localizations = locator.directory(named: "Localizations", override: nil),
      case let .success(script) = ScriptLoader.load(directory: prompts) else {
    StandardError.write("Prompts/ or Localizations/ not found beside the program or the package\n")
    exit(66)
}
let plan: Plan
do { plan = try JSONPlanCodec().decode(data) } catch {
    StandardError.write("\(planPath) is not a plain plan file\n")
    exit(65)
}
let catalogue = MessageCatalogue.load(directory: localizations)
let exporter = PlanExporter(localizer: Localizer(catalogue: catalogue, language: language), script: script, timeZone: "UTC")

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
}

print("goals \(plan.goals.count) rounds \(rounds)")
for format in ExportFormat.allCases {
    _ = try exporter.export(plan, as: format)  // templates compiled once, as in a running review session
    var times: [Double] = []
    var size = 0
    for _ in 0..<rounds {
        let start = now()
        size = try exporter.export(plan, as: format).utf8.count
        times.append(now() - start)
    }
    times.sort()
    print("format \(format.rawValue) median_ms \(times[times.count / 2]) min_ms \(times[0]) bytes \(size)")
}
