// swift-tools-version:6.1
// nofdb — a PostgreSQL data warehouse loader and query tool for NHS England's
// monthly performance statistics. Libraries do the work; the `nofdb` executable
// only parses arguments and prints.
import PackageDescription

let package = Package(
    name: "nofdb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nofdb", targets: ["nofdb"]),
        .library(name: "NOFPostgres", targets: ["NOFPostgres"]),
        .library(name: "NOFIngest", targets: ["NOFIngest"]),
        .library(name: "NOFWarehouse", targets: ["NOFWarehouse"]),
        .library(name: "NOFReports", targets: ["NOFReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries from Debian: libpq-dev and libfreexl-dev.
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(
            name: "CFreeXL", pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"]), .brew(["freexl"])]),
        // OpenSSL's libcrypto, which libpq-dev already brings (libssl-dev): SHA-256 only.
        .systemLibrary(
            name: "CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),

        // Thin, safe Swift layer over libpq.
        .target(name: "NOFPostgres", dependencies: ["CLibPQ"]),
        // Shared value types: months, quarters, SHA-256.
        .target(name: "NOFCore", dependencies: ["CLibCrypto"]),
        // The SQL/ tree (migrations, logic, views, reports, data tests), embedded at build time.
        // Sources/NOFSQL/SQL is a symlink to the top-level SQL/ folder (see the plugin).
        .target(
            name: "NOFSQL",
            dependencies: ["NOFCore"],
            plugins: ["EmbedSQL"]),
        // Schema runner (migrations, logic, views by checksum), data tests, embedded cluster.
        .target(
            name: "NOFWarehouse",
            dependencies: ["NOFPostgres", "NOFCore", "NOFSQL"]),
        // Readers, detector registry, normalisers, stager and merger.
        .target(
            name: "NOFIngest",
            dependencies: [
                "NOFPostgres", "NOFCore", "NOFWarehouse", "CFreeXL",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Report catalogue, parameters, table model and renderers.
        .target(
            name: "NOFReports",
            dependencies: ["NOFPostgres", "NOFCore", "NOFWarehouse", "NOFSQL", "NOFSpreadsheet"]),
        // XLSX and legacy XLS writers, for report workbooks and the sample generator's files.
        .target(
            name: "NOFSpreadsheet",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Publication discovery and downloads for `nofdb sync`.
        .target(
            name: "NOFSync",
            dependencies: [
                "NOFIngest", "NOFCore", "NOFPostgres", "NOFWarehouse",
            ]),
        // A static website made of the reports (`nofdb publish`).
        .target(
            name: "NOFPublish",
            dependencies: ["NOFReports", "NOFPostgres", "NOFCore", "NOFWarehouse", "NOFSpreadsheet", "CShims"]),
        // C functions Swift cannot call directly (renameat2 needs _GNU_SOURCE).
        .target(name: "CShims"),
        // Deterministic generator of sample files in the exact published formats.
        .target(
            name: "NOFSample",
            dependencies: [
                "NOFCore", "NOFSpreadsheet",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .executableTarget(
            name: "nofdb",
            dependencies: [
                "NOFPostgres", "NOFCore", "NOFWarehouse", "NOFIngest", "NOFReports",
                "NOFSync", "NOFSample", "NOFSQL", "NOFPublish",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Build-time tool: turns SQL/**/*.sql into Swift string literals so an
        // installed binary never needs the source tree.
        .executableTarget(name: "embed-sql"),
        .plugin(
            name: "EmbedSQL", capability: .buildTool(),
            dependencies: ["embed-sql"]),

        .target(
            name: "TestSupport",
            dependencies: ["NOFPostgres", "NOFWarehouse", "NOFCore", "NOFIngest", "NOFSQL"],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "NOFPostgresTests",
            dependencies: ["NOFPostgres", "TestSupport"]),
        .testTarget(
            name: "NOFWarehouseTests",
            dependencies: [
                "NOFWarehouse", "NOFPostgres", "NOFIngest", "NOFSQL", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "NOFIngestTests",
            dependencies: ["NOFIngest", "NOFPostgres", "NOFWarehouse", "NOFSample", "TestSupport"]),
        .testTarget(
            name: "NOFReportsTests",
            dependencies: ["NOFReports", "NOFIngest", "NOFSample", "NOFPostgres", "NOFCore", "TestSupport"],
            exclude: ["Snapshots"]),
        // Tests that need neither PostgreSQL nor ../shared: `swift test --filter UnitTests`.
        .testTarget(
            name: "UnitTests",
            dependencies: [
                "NOFPostgres", "NOFCore", "NOFIngest", "NOFReports", "NOFWarehouse", "NOFSQL", "NOFSample", "NOFSpreadsheet",
                "NOFPublish",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "TestSupport",
            ],
            exclude: ["README.md", "Fixtures"]),
        // The published site on the real files: links, pages, accessibility in Chromium, incremental runs.
        .testTarget(
            name: "NOFPublishTests",
            dependencies: ["NOFPublish", "NOFReports", "NOFIngest", "NOFPostgres", "NOFCore", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport", "NOFPostgres", "NOFSample", "NOFSync", "NOFIngest", "NOFCore", "NOFSpreadsheet",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]),
    ]
)
