// swift-tools-version: 6.0
// The benchmark's peer: a minimal Hummingbird 2 app that serves one file's
// bytes at GET /departures. Built only by `make bench`, never by `make test`.
import PackageDescription

let package = Package(
    name: "HummingbirdPeer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1")
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        )
    ]
)
