// swift-tools-version:6.1
import PackageDescription

// In-process benchmarks of Spiral's hot paths, with ordo-one/package-benchmark.
// A separate package so that `make test` (and `swift build` at the top) never builds them:
//   swift package --package-path Benchmarks benchmark
// `make bench` runs them with everything else (scripts/bench.sh) and writes docs/benchmarks.md.
let package = Package(
    name: "SpiralBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Spiral", path: ".."),
        // The MallocInterposer trait alone: package-benchmark's default traits also pull in a
        // runtime interposer that is not among the packages this project can resolve.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SpiralBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SpiralCore", package: "Spiral"),
                .product(name: "SpiralText", package: "Spiral"),
            ],
            path: "Benchmarks/SpiralBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
