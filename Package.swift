// swift-tools-version:6.0
import PackageDescription

// Layers (see docs/architecture.md):
//   _CICU, _CReadline, _CThreads — tiny C/C++ shims, the only code that includes system headers
//   SpiralText         — everything language-shaped, through ICU (no terminal, no files)
//   SpiralCore         — prompt script, catalogue, dialogue engine, plan model, plan store
//   SpiralTerminal     — readline in, ICU-shaped text out; the only place with escape codes
//   spiral             — thin executable on swift-argument-parser
// Programs that link the whole of Foundation (the staff command, the tests) name Foundation's
// own ICU before the system's, so its unversioned C++ symbols do not bind to the system ICU 72
// (DESIGN.md, measured). The kiosk links only FoundationEssentials, which has no ICU.
let foundationICUFirst: [LinkerSetting] = [.linkedLibrary("_FoundationICU")]

// The kiosk's release build is linked by lld (in the Swift toolchain) with the functions a
// session runs placed side by side (scripts/link_order.py writes the list): the kernel maps a
// binary in 64 KB neighbourhoods around each page touched, so a session's functions spread over
// 13 MB of code kept 11 MB of the 22 MB binary resident; packed, about 9 (docs/benchmarks.md).
let kioskLinkOrder = Context.packageDirectory + "/scripts/kiosk-link-order.txt"
//
// It also links ICU's and readline's code (and libstdc++) from the system's static archives, which
// scripts/static_archives.sh links into kioskArchives (make kiosk runs it; without them these are
// the shared libraries): loading seven shared libraries was about 2 ms of each start. ICU's
// 31 MB of data stays in the shared libicudata, handed to ICU before main (Sources/_CICU/Data.cpp):
// the kiosk's data symbol is ICU's empty stub, by --defsym.
//
// It is a position-dependent executable (-no-pie), as Go's static programs are by default: as a
// position-independent one it carried 63,000 relative relocations over 190 pages of pointers
// (Swift's metadata, ICU's and readline's tables), which the dynamic loader wrote, and so the
// kernel copied, at every start: 0.8 ms of a 7.4 ms first screen, measured side by side. The C
// library, the heap, the stack and every mapping are still placed at random; the program's own
// code is not (docs/deploying-a-kiosk.md says what that trades). Its symbols are not exported
// (--no-export-dynamic undoes the Swift driver's -export-dynamic): the runtime's start looks up
// its own path with dladdr, which walked all 11,000 of them (300,000 instructions). The unwinder
// is linked in too (-static-libgcc): libgcc_s was one shared library more to find, map and bind
// at every start.
let kioskArchives = Context.packageDirectory + "/.build-static/system-archives"
let kioskLinking: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "--symbol-ordering-file=" + kioskLinkOrder,
                  "-Xlinker", "--no-warn-symbol-ordering",
                  "-Xlinker", "--no-export-dynamic", "-Xclang-linker", "-no-pie", "-Xclang-linker", "-static-libgcc",
                  "-L", kioskArchives, "-Xlinker", "-ltinfo",
                  "-Xlinker", "--defsym=icudt72_dat=spiral_icu_empty_data",
                  "-Xlinker", "--defsym=spiral_icu_supply_data_before_main=spiral_icu_empty_data"],
                 .when(configuration: .release)),
]

let package = Package(
    name: "Spiral",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "spiral", targets: ["spiral"]),
        // The kiosk alone, as `make kiosk` and the deployed unit run it: without the shared store's
        // networking (SwiftNIO, BoringSSL, PostgresNIO), which only `spiral store push` needs.
        .executable(name: "spiral-kiosk", targets: ["spiral-kiosk"]),
        .library(name: "SpiralCore", targets: ["SpiralCore"]),
        .library(name: "SpiralText", targets: ["SpiralText"]),
        .library(name: "SpiralTerminal", targets: ["SpiralTerminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // scrypt for the staff passphrase and family PINs (_CryptoExtras).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // The shared store: PostgreSQL through PostgresClient (docs/shared-store.md).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "_CICU",
            path: "Sources/_CICU",
            linkerSettings: [
                .linkedLibrary("icuuc"),
                .linkedLibrary("icui18n"),
            ]
        ),
        .target(
            name: "_CReadline",
            path: "Sources/_CReadline",
            linkerSettings: [.linkedLibrary("readline")]
        ),
        .target(name: "_CThreads", path: "Sources/_CThreads"),
        .target(name: "SpiralText", dependencies: ["_CICU"]),
        .target(name: "SpiralCore", dependencies: [
            "SpiralText",
            "_CThreads",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "SpiralTerminal", dependencies: ["SpiralText", "SpiralCore", "_CReadline", "_CThreads"]),
        // The shared PostgreSQL store, the kiosk's outbox pusher and the duty worker's watch feed:
        // the only target that talks to a server.
        .target(name: "SpiralShared", dependencies: [
            "SpiralCore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The kiosk command and the options every command shares: no shared-store networking.
        .target(name: "SpiralKioskCommand", dependencies: [
            "SpiralCore", "SpiralTerminal", "SpiralText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(
            name: "spiral",
            dependencies: [
                "SpiralCore", "SpiralTerminal", "SpiralText", "SpiralShared", "SpiralKioskCommand",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: foundationICUFirst
        ),
        .executableTarget(name: "spiral-kiosk", dependencies: ["SpiralKioskCommand"], path: "Sources/KioskMain",
                          linkerSettings: kioskLinking),
        // A tiny program that reads lines through the real readline reader, so the
        // pseudo-terminal tests can exercise editing, completion and timeouts directly.
        .executableTarget(name: "spiral-line-probe", dependencies: ["SpiralTerminal"], path: "Sources/LineProbe"),
        // Writes N realistic plans into a store, for `make bench` (scripts/bench.sh). Not used by tests.
        .executableTarget(name: "spiral-plan-generator", dependencies: ["SpiralCore"], path: "Sources/PlanGenerator",
                          linkerSettings: foundationICUFirst),
        // Wraps and measures 10,000 lines of mixed scripts, for `make bench` (and callgrind).
        .executableTarget(name: "spiral-text-bench", dependencies: ["SpiralText"], path: "Sources/TextBench"),
        // Exports one plan in every readable format, for `make bench` (and callgrind).
        .executableTarget(name: "spiral-export-bench", dependencies: ["SpiralCore"], path: "Sources/ExportBench"),
        .testTarget(name: "SpiralTextTests", dependencies: ["SpiralText"], linkerSettings: foundationICUFirst),
        .testTarget(name: "SpiralCoreTests", dependencies: ["SpiralCore"], exclude: ["Golden"], linkerSettings: foundationICUFirst),
        .testTarget(name: "SpiralTerminalTests", dependencies: ["SpiralTerminal"], linkerSettings: foundationICUFirst),
        .testTarget(name: "SpiralSharedTests", dependencies: ["SpiralShared"], linkerSettings: foundationICUFirst),
        .testTarget(name: "SpiralKioskCommandTests", dependencies: ["SpiralKioskCommand"], linkerSettings: foundationICUFirst),
    ],
    swiftLanguageModes: [.v6]
)

// Strict settings for every Swift target, in one place (as swift-log does): protocols used as
// types say `any`, and public types say whether they are Sendable.
for target in package.targets where !target.name.hasPrefix("_C") {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.unsafeFlags(["-Xfrontend", "-require-explicit-sendable"]))
    target.swiftSettings = settings
}
