// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode with the upcoming features we rely on.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "kh02",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kh02", targets: ["kh02"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.20.0"),
    ],
    targets: [
        // Pure domain: codes, units, plan, rules, store protocols. Foundation only.
        .target(
            name: "KH02Core",
            swiftSettings: swiftSettings
        ),
        // PostgreSQL: stores, migrations, the embedded cluster.
        .target(
            name: "KH02Storage",
            dependencies: [
                "KH02Core",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The application's use cases and their state: uploading, scoring at an instant with caches, the demo, one
        // settings value. Storage comes in through Core's store protocols.
        .target(
            name: "KH02App",
            dependencies: [
                "KH02Core",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Excel workbooks: .xlsx read into the rows an upload validates (streaming the sheet) and templates
        // written as .xlsx. Core, ZIPFoundation and Foundation's XML parser.
        .target(
            name: "KH02Spreadsheet",
            dependencies: [
                "KH02Core",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP API and static dashboard serving: routes, DTOs, middleware, error statuses. Sees Core's protocols only.
        .target(
            name: "KH02HTTP",
            dependencies: [
                "KH02Core",
                "KH02App",
                "KH02Spreadsheet",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `kh02` command: parsing and wiring only.
        .executableTarget(
            name: "kh02",
            dependencies: [
                "KH02Core",
                "KH02App",
                "KH02Storage",
                "KH02HTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // In-memory stores, fixtures, a quiet logger and a `kh02` process runner: no database code.
        .target(
            name: "KH02TestSupport",
            dependencies: [
                "KH02Core",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The per-test PostgreSQL database (a template cloned per test) for storage and server tests.
        .target(
            name: "KH02PostgresTestSupport",
            dependencies: [
                "KH02Storage",
                "KH02TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KH02CoreTests",
            dependencies: [
                "KH02Core",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KH02SpreadsheetTests",
            dependencies: [
                "KH02Core",
                "KH02Spreadsheet",
                "KH02TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KH02HTTPTests",
            dependencies: [
                "KH02Core",
                "KH02App",
                "KH02HTTP",
                "KH02TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KH02StorageTests",
            dependencies: [
                "KH02Core",
                "KH02Storage",
                "KH02TestSupport",
                "KH02PostgresTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KH02ServerTests",
            dependencies: [
                "KH02Core",
                "KH02App",
                "KH02Storage",
                "KH02HTTP",
                "KH02TestSupport",
                "KH02PostgresTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
