// swift-tools-version: 6.1
// Fuzz harness for Homeward's loaders and model builder (see README.md).
//
//   make fuzz FUZZ_SECONDS=60
//
// builds `homeward-fuzz` with libFuzzer and AddressSanitizer and runs it over corpus/.
// Without -sanitize=fuzzer the same executable runs a deterministic mutator instead.

import Foundation
import PackageDescription

// A path dependency's identity is its folder's name (e.g. "main" or "homeward").
let root = Context.packageDirectory + "/.."
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "HomewardFuzz",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "homeward-fuzz", targets: ["homeward-fuzz"]),
    ],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Calls libFuzzer's driver when it is linked in (weak reference), so one executable serves both modes.
        .target(name: "CFuzzDriver"),
        // What one input exercises: the loaders, the model builder and both solvers, with oracles.
        .target(
            name: "HomewardFuzzTargets",
            dependencies: [
                .product(name: "HomewardCore", package: rootIdentity),
                .product(name: "HomewardReports", package: rootIdentity),
            ]
        ),
        .executableTarget(
            name: "homeward-fuzz",
            dependencies: ["CFuzzDriver", "HomewardFuzzTargets"]
        ),
    ]
)
