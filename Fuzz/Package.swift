// swift-tools-version:6.2
// libFuzzer targets for Keyway's parsers of hostile input. Build and run them with `scripts/fuzz.sh`, which
// builds this package with `--sanitize fuzzer` under its own scratch path (`.build-fuzz`).
//
// The targets compile Keyway's own source files, found through two symlinks (`Sources/KeywayCore` and
// `Sources/KeywayStore`, and `Sources/KeywayJSON` for the JSONValue KeywayCore re-exports), rather than depending on the root package: that would build the HTTP client, NIO,
// SQLite and PostgreSQL with coverage instrumentation, more than ten minutes on two cores. What is compiled
// is chosen by rule, not by a list of files, so new files join by themselves:
// - KeywayCore: every file except the `Keyway` actor (`Keyway.swift`, `Keyway+*.swift`) and files that import
//   the HTTP client, NIO or Logging;
// - KeywayStore: the `Sealing` folder, without files whose code names the SQL store.
// When a parser comes to need an excluded file, this package stops compiling: the build fails loudly, and
// the fix is to move the pure part into a file of its own (or to widen the rule here).
import Foundation
import PackageDescription

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let transportImports = ["AsyncHTTPClient", "NIO", "NIOCore", "NIOPosix", "NIOHTTP1", "NIOFoundationCompat", "Logging"]

/// The Swift files under `Sources/<target>` (relative paths) that `keep` rejects.
func excludedFiles(of target: String, keep: (_ path: String, _ text: String) -> Bool) -> [String] {
    let folder = here.appendingPathComponent("Sources/\(target)").resolvingSymlinksInPath()
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else {
        fatalError("Fuzz/Sources/\(target) does not lead to Keyway's sources")
    }
    var excluded: [String] = []
    while let path = walker.nextObject() as? String {
        guard path.hasSuffix(".swift") else { continue }
        let text = (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
        if !keep(path, text) { excluded.append(path) }
    }
    return excluded.sorted()
}

func imports(_ text: String, anyOf modules: [String]) -> Bool {
    text.split(separator: "\n").contains { line in
        let words = line.split(separator: " ")
        guard let keyword = words.firstIndex(where: { $0 == "import" }), keyword + 1 < words.count else { return false }
        return modules.contains(String(words[keyword + 1]))
    }
}

let coreExcluded = excludedFiles(of: "KeywayCore") { path, text in
    let name = (path as NSString).lastPathComponent
    let isKeywayActor = name == "Keyway.swift" || name.hasPrefix("Keyway+")
    return !isKeywayActor && !imports(text, anyOf: transportImports)
}
let storeExcluded = excludedFiles(of: "KeywayStore") { path, text in
    path.hasPrefix("Sealing/") && !mentionsInCode(text, anyOf: ["SQLStore", "SQLDatabase"])
}

/// Whether a line that is not a comment names one of `words` (an `extension SQLStore` in the Sealing folder).
func mentionsInCode(_ text: String, anyOf words: [String]) -> Bool {
    text.split(separator: "\n").contains { line in
        let code = line.drop { $0 == " " }
        return !code.hasPrefix("//") && words.contains { code.contains($0) }
    }
}

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

func fuzzTarget(_ name: String, dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Targets/\(name)", swiftSettings: swiftSettings)
}

let package = Package(
    name: "keyway-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package's range, so that the fuzzers open blobs with the same AES-GCM.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0")
    ],
    targets: [
        .target(name: "KeywayJSON", swiftSettings: swiftSettings),
        .target(
            name: "KeywayCore",
            dependencies: ["KeywayJSON", .product(name: "Crypto", package: "swift-crypto")],
            exclude: coreExcluded,
            resources: [.copy("Resources/providers.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KeywayStore",
            dependencies: ["KeywayCore", .product(name: "Crypto", package: "swift-crypto")],
            exclude: storeExcluded,
            swiftSettings: swiftSettings
        ),
        .target(name: "FuzzSupport", path: "Targets/FuzzSupport", swiftSettings: swiftSettings),
        fuzzTarget("FuzzTokenResponse", dependencies: ["KeywayCore"]),
        fuzzTarget("FuzzCallbackQuery", dependencies: ["KeywayCore"]),
        fuzzTarget("FuzzProxyPath", dependencies: ["KeywayCore"]),
        fuzzTarget("FuzzTags", dependencies: ["KeywayCore"]),
        fuzzTarget("FuzzSealedBlob", dependencies: ["KeywayCore", "KeywayStore"]),
    ]
)
