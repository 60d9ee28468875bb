// swift-tools-version:6.2
// Runs swift-openapi-generator on the contract, outside the main package, so that building Keyway never
// builds the generator: `bash scripts/openapi-generate.sh` regenerates Sources/KeywayAPI, and
// `bash scripts/openapi-generate.sh --check` (run by CI) fails when the committed output is stale.
import PackageDescription

let package = Package(
    name: "openapi-generator-runner",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "1.14.3"),
    ]
)
