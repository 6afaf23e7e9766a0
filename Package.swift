// swift-tools-version: 6.1
// Homeward: prisoner allocation and estate-placement optimiser for England and Wales.

import PackageDescription

/// The core's layers are optimised in debug builds too: the national tests allocate 88,000 people.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Homeward",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "homeward", targets: ["homeward"]),
        .library(name: "HomewardCore", targets: ["HomewardCore"]),
        .library(name: "HomewardReports", targets: ["HomewardReports"]),
        .library(name: "HomewardCommands", targets: ["HomewardCommands"]),
        .library(name: "HomewardServer", targets: ["HomewardServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        // The web workspace (issue #24): HTTP server, templates, and the run history in SQLite.
        // FullFoundation only: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: - C layers: the only places that see pointers from C libraries
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(
            name: "GLPKShim",
            dependencies: ["CGLPK"]
        ),
        .target(
            name: "CLemon",
            // LEMON's templates are unusably slow unoptimised; optimise them in debug builds too.
            cxxSettings: [.unsafeFlags(["-O2"])]
        ),

        // MARK: - Solvers
        .target(name: "LinearProgramming"),
        .target(name: "SeededRandom"),
        .target(
            name: "GLPK",
            dependencies: [
                "CGLPK", "GLPKShim", "LinearProgramming",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NetworkFlow",
            dependencies: ["CLemon", "LinearProgramming"]
        ),

        // MARK: - The core, in layers that depend downwards only (docs/ARCHITECTURE.md)
        // Optimised in debug builds too (see optimisedInDebug); testing stays enabled, so @testable imports still work.
        .target(
            name: "HomewardDomain",
            swiftSettings: optimisedInDebug
        ),
        .target(
            name: "HomewardInput",
            dependencies: [
                "HomewardDomain", "SeededRandom",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: optimisedInDebug
        ),
        .target(
            name: "HomewardModel",
            dependencies: ["HomewardDomain", "HomewardInput", "LinearProgramming", "GLPK", "NetworkFlow"],
            swiftSettings: optimisedInDebug
        ),
        .target(
            name: "HomewardAnalysis",
            dependencies: ["HomewardDomain", "HomewardInput", "HomewardModel", "SeededRandom"],
            swiftSettings: optimisedInDebug
        ),
        // One import for the layers' users (commands, tests, benchmarks, fuzz targets); it re-exports them.
        .target(
            name: "HomewardCore",
            dependencies: ["HomewardDomain", "HomewardInput", "HomewardModel", "HomewardAnalysis"]
        ),
        .target(
            name: "HomewardReports",
            dependencies: ["HomewardCore"]
        ),

        // MARK: - Command line
        .target(
            name: "HomewardCommands",
            dependencies: [
                "HomewardCore", "HomewardReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: - Web workspace (`homeward serve`)
        .target(
            name: "HomewardServer",
            dependencies: [
                "HomewardCore", "HomewardReports", "HomewardCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "homeward",
            dependencies: [
                "HomewardCommands", "HomewardServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "GLPK", "SeededRandom"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "LinearProgramming", "SeededRandom"]),
        .testTarget(name: "NetworkFlowTests", dependencies: ["NetworkFlow", "GLPK", "LinearProgramming", "SeededRandom"]),
        .testTarget(
            name: "HomewardCoreTests",
            dependencies: [
                "HomewardCore", "GLPK", "LinearProgramming",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "HomewardReportsTests", dependencies: ["HomewardReports", "HomewardCore"]),
        .testTarget(name: "HomewardCLITests", dependencies: ["HomewardCore", "HomewardReports", "HomewardCommands"], exclude: ["Fixtures"]),
        .testTarget(
            name: "HomewardServerTests",
            dependencies: [
                "HomewardServer", "HomewardCore", "HomewardCommands", "HomewardReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
