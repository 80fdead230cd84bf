// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "HavenFlow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "havenflow", targets: ["havenflow"]),
        .executable(name: "havenflow-bench", targets: ["havenflow-bench"]),
        .library(name: "FlowYAML", targets: ["FlowYAML"]),
        .library(name: "FlowCore", targets: ["FlowCore"]),
        .library(name: "HavenClient", targets: ["HavenClient"]),
        .library(name: "HavenSandbox", targets: ["HavenSandbox"]),
        .library(name: "HavenActions", targets: ["HavenActions"]),
        .library(name: "FlowRuntime", targets: ["FlowRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The system libyaml, seen only by FlowYAML.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "FlowYAML", dependencies: ["CYAML"], swiftSettings: swiftSettings),
        // JSON values shared by the engine, the client and the sandbox (a leaf: depends on nothing).
        .target(name: "JSONValue", swiftSettings: swiftSettings),
        // Durations (one grammar, one renderer) and `RetryPolicy`, shared by the engine, the client, the
        // sandbox and the CLI (a leaf: depends on nothing; FlowCore and HavenClient re-export it).
        .target(name: "Timing", swiftSettings: swiftSettings),
        .target(
            name: "FlowCore",
            dependencies: [
                "FlowYAML", "JSONValue", "Timing",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenClient",
            dependencies: [
                "JSONValue", "Timing",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenSandbox",
            dependencies: [
                "JSONValue", "Timing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenActions",
            dependencies: [
                "FlowCore", "HavenClient", "HavenSandbox", "JSONValue",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // The run lifecycle every front end shares: run, plan, resume, the scheduler, locks, signals,
        // child processes, the state-store protocol and its backends. Knows packs only as `ActionPack`s.
        .target(
            name: "FlowRuntime",
            dependencies: [
                "FlowCore", "JSONValue",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // `havenflow serve`: the runs as web pages, a JSON API, live events and Prometheus metrics (read-only).
        .target(
            name: "FlowServe",
            dependencies: [
                "FlowRuntime", "FlowCore", "JSONValue", "Timing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test doubles (clocks, recorders) the test targets share; not part of any product.
        .target(
            name: "FlowCoreTesting",
            dependencies: ["FlowCore", "JSONValue"],
            path: "Tests/FlowCoreTesting",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "havenflow",
            dependencies: [
                "FlowRuntime", "FlowCore", "FlowServe", "HavenActions", "HavenSandbox", "JSONValue", "Timing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "havenflow-bench",
            dependencies: [
                "FlowYAML", "FlowCore", "FlowCoreTesting", "FlowRuntime", "HavenClient", "HavenSandbox", "HavenActions",
                "PostgresTesting",
                "JSONValue", "CYAML",
                "FlowServe",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/HavenFlowBench",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(name: "FlowYAMLTests", dependencies: ["FlowYAML"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"]),
        .testTarget(name: "TimingTests", dependencies: ["Timing"]),
        // A throwaway PostgreSQL cluster per test process (initdb + pg_ctl), for the PostgreSQL store's tests.
        .target(name: "PostgresTesting", path: "Tests/PostgresTesting", swiftSettings: swiftSettings),
        .testTarget(
            name: "FlowRuntimeTests",
            dependencies: [
                "FlowRuntime", "FlowCore", "FlowCoreTesting", "JSONValue", "PostgresTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "FlowCoreTests",
            dependencies: ["FlowCore", "FlowCoreTesting", "FlowYAML", "JSONValue"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "HavenClientTests", dependencies: ["HavenClient", "HavenSandbox", "JSONValue"]),
        .testTarget(name: "HavenSandboxTests", dependencies: [
            "HavenSandbox", "JSONValue", "Timing",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // A loopback webhook for the tests of `notify` (a library the test targets share, not shipped).
        .target(
            name: "TestWebhook",
            dependencies: [
                "JSONValue", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestWebhook"),
        .testTarget(
            name: "HavenActionsTests",
            dependencies: ["HavenActions", "FlowCore", "HavenClient", "HavenSandbox", "JSONValue", "TestWebhook"]),
        .testTarget(name: "CLITests", dependencies: [
            "FlowRuntime", "PostgresTesting",
            "havenflow", "HavenSandbox", "JSONValue", "TestWebhook", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "EmbeddingTests", dependencies: ["FlowCore", "HavenActions", "HavenSandbox", "JSONValue"]),
        .testTarget(name: "FlowServeTests", dependencies: [
            "FlowServe", "FlowRuntime", "FlowCore", "HavenActions", "HavenSandbox", "JSONValue",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            "TestWebhook", "PostgresTesting",
        ]),
    ]
)

// Developer convenience: `HAVENFLOW_ONLY=FlowYAMLTests,FlowCoreTests swift test` builds only those test
// targets and what they depend on, so work on one module does not wait for the whole package.
if let only = Context.environment["HAVENFLOW_ONLY"], !only.isEmpty {
    var keep = Set(only.split(separator: ",").map(String.init))
    var changed = true
    while changed {
        changed = false
        for target in package.targets where keep.contains(target.name) {
            for dependency in target.dependencies {
                if case .targetItem(let name, _) = dependency, keep.insert(name).inserted { changed = true }
                if case .byNameItem(let name, _) = dependency, keep.insert(name).inserted { changed = true }
            }
        }
    }
    package.targets.removeAll { !keep.contains($0.name) }
    package.products.removeAll()
}
