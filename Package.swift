// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "keyway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "keyway", targets: ["keyway"]),
        .library(name: "KeywayJSON", targets: ["KeywayJSON"]),
        .library(name: "KeywayCore", targets: ["KeywayCore"]),
        .library(name: "KeywayStore", targets: ["KeywayStore"]),
        .library(name: "KeywayServer", targets: ["KeywayServer"]),
        .library(name: "KeywaySandbox", targets: ["KeywaySandbox"]),
        .library(name: "KeywayAPI", targets: ["KeywayAPI"]),
        .library(name: "KeywayClient", targets: ["KeywayClient"]),
        .library(name: "KeywayHummingbird", targets: ["KeywayHummingbird"]),
        .library(name: "KeywayVapor", targets: ["KeywayVapor"]),
        .executable(name: "newsletter", targets: ["newsletter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.4.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Only KeywayVapor and its tests use Vapor: an app that uses KeywayHummingbird never builds it.
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
    ],
    targets: [
        // JSONValue, the one definition KeywayCore and KeywayClient share (each re-exports it). No dependencies.
        .target(name: "KeywayJSON", swiftSettings: swiftSettings),
        .target(
            name: "KeywayCore",
            dependencies: [
                "KeywayJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/providers.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayStore",
            dependencies: [
                "KeywayCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayServer",
            dependencies: [
                "KeywayCore",
                "KeywayAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywaySandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Mounts the sandbox in a Keyway server (`serve --sandbox`, the test harness, the benchmark), so that
        // KeywayServer itself does not link the sandbox.
        .target(
            name: "KeywaySandboxHosting",
            dependencies: [
                "KeywayCore",
                "KeywayServer",
                "KeywaySandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "keyway",
            dependencies: [
                "KeywayCore",
                "KeywayClient",
                "KeywayStore",
                "KeywayServer",
                "KeywaySandbox",
                "KeywaySandboxHosting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "keyway-bench",
            dependencies: [
                "KeywayCore",
                "KeywayStore",
                "KeywayServer",
                "KeywaySandbox",
                "KeywaySandboxHosting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/Sources/keyway-bench",
            swiftSettings: swiftSettings
        ),
        // The wire types and the client generated from openapi.yaml (scripts/openapi-generate.sh; committed,
        // so that building Keyway never builds the generator). Never edited by hand.
        .target(
            name: "KeywayAPI",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            exclude: ["openapi-generator-config.yaml"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayClient",
            dependencies: [
                "KeywayJSON",
                "KeywayAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayHummingbird",
            dependencies: [
                "KeywayClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayVapor",
            dependencies: [
                "KeywayClient",
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NewsletterApp",
            dependencies: [
                "KeywayClient",
                "KeywayHummingbird",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "Examples/Newsletter/NewsletterApp",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "newsletter",
            dependencies: [
                "KeywayClient",
                "NewsletterApp",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Examples/Newsletter",
            exclude: ["NewsletterApp", "README.md"],
            sources: ["main.swift"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayTestSupport",
            dependencies: [
                "KeywayCore",
                "KeywayStore",
                "KeywayServer",
                "KeywaySandbox",
                "KeywaySandboxHosting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Tests/Support/KeywayTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KeywayJSONTests", dependencies: ["KeywayJSON"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KeywayCoreTests",
            dependencies: ["KeywayCore"],
            exclude: ["Resources"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeywayStoreTests",
            dependencies: [
                "KeywayTestSupport",
                "KeywayCore",
                "KeywayStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeywaySandboxTests",
            dependencies: [
                "KeywaySandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeywayServerTests",
            dependencies: [
                "KeywayTestSupport",
                "KeywayAPI",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "KeywayCore",
                "KeywayStore",
                "KeywayServer",
                "KeywaySandbox",
                "KeywaySandboxHosting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeywayClientTests",
            dependencies: [
                "KeywayTestSupport",
                "KeywayClient",
                "KeywayAPI",
                "KeywayHummingbird",
                "NewsletterApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeywayVaporTests",
            dependencies: [
                "KeywayTestSupport",
                "KeywayClient",
                "KeywayVapor",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeywayCLITests",
            dependencies: [
                "KeywayTestSupport",
                "KeywayCore",
                "KeywayStore",
                "KeywaySandbox",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
