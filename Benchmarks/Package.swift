// swift-tools-version: 6.1
// Homeward's benchmarks (ordo-one/benchmark). Run from the repository root with
//   swift package --package-path Benchmarks benchmark --no-progress
// or `make bench`, which also compares the national LP with glpsol, HiGHS and OR-Tools.

import PackageDescription

let package = Package(
    name: "HomewardBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Homeward", path: ".."),
        // Only the malloc interposer: the ARC runtime interposer (a default trait on Linux with Swift 6.3) is left off.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Sources in Benchmarks/HomewardBenchmarks/, by the benchmark plugin's convention.
        .executableTarget(
            name: "HomewardBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HomewardCore", package: "Homeward"),
                .product(name: "HomewardReports", package: "Homeward"),
                .product(name: "HomewardCommands", package: "Homeward"),
            ],
            path: "Benchmarks/HomewardBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
