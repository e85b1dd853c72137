// swift-tools-version: 6.2
//
// Exodus: which organisations left X, when, and where they went.
// One package; each module has one job and imports only the modules listed for it
// below. The map, leaves first:
//   ExodusCore, ExodusLock, ExodusHTML           depend on nothing
//   ExodusExtraction   <- ExodusCore (+ its embedded data, ExodusLexiconData)
//   ExodusJSONInput    <- ExodusCore
//   ExodusHTTP         <- ExodusLock
//   ExodusFetch        <- ExodusHTML, ExodusLock, CCurl (libcurl, opened on first use)
//   ExodusAPI          <- ExodusCore, ExodusHTTP, ExodusLock (+ ExodusAPIAssets)
//   ExodusCorpus       <- all of the above: seeds, sources, pipeline, reloads, settings
//   exodus (executable) <- ExodusCorpus: commands, logging, signals, the server start

import PackageDescription

// How the shipped binary is linked (`swift build -c release --static-swift-stdlib`, which
// `make release` and the Dockerfile run), to keep its resident memory low; see "Memory" in
// the README for what each one saves:
// - lld, for the next two options.
// - DT_RELR packed relocations: the ~1 MB of relative relocations of a position-independent
//   executable, which the loader reads at every start, shrink to ~8 KB (glibc 2.36+).
// - No dynamic export of our modules' symbols (the static-stdlib link adds -export-dynamic;
//   nothing looks them up, and backtraces read the full symbol table).
// - libstdc++ and libgcc linked statically (Linker/libstdc++.so says how).
let releaseLinkerFlags = [
    "-use-ld=lld",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    "-Xlinker", "--no-export-dynamic",
    "-L", Context.packageDirectory + "/Linker",
    "-Xclang-linker", "-static-libgcc",
]

let package = Package(
    name: "Exodus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "exodus", targets: ["exodus"])
    ],
    // Exact versions: the ones tested. Package.resolved is not committed because these machines
    // build from a local copy of each package whose commit ids are not upstream's, so a resolved
    // file written here would not resolve elsewhere (and one from elsewhere not here); pinning
    // the version in the manifest gives the Docker image and CI the tested versions either way.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // No traits: the default `JSON` trait parses config files with full Foundation's
        // JSONSerialization, and Exodus reads its config with its own strict reader
        // (ExodusJSONInput). Full Foundation (with ICU) would add ~6 MiB to resident memory.
        .package(url: "https://github.com/apple/swift-configuration", exact: "1.4.0", traits: []),
    ],
    targets: [
        // The domain model and the immutable snapshot with its queries. No I/O.
        .target(name: "ExodusCore"),

        // Text -> departures: sentences, dates, platforms, organisations, status.
        // The word lists in Lexicon/*.txt are compiled in by ExodusLexiconData.
        .target(
            name: "ExodusExtraction",
            dependencies: ["ExodusCore", "ExodusLexiconData"],
            exclude: ["Lexicon", "Model", "Data"]
        ),

        // ExodusExtraction's Lexicon/*.txt and Data/*.tsv (gazetteers) as read-only data in the binary (C23 #embed),
        // so that no Foundation `Bundle` is needed to find them at run time.
        .target(name: "ExodusLexiconData"),

        // A pthread mutex around a value, which ThreadSanitizer can see (Synchronization.Mutex
        // on Linux it cannot). Shared by the modules below; depends on nothing.
        .target(name: "ExodusLock"),

        // A general HTTP/1.1 server on POSIX sockets and Dispatch. Knows nothing of departures.
        .target(name: "ExodusHTTP", dependencies: ["ExodusLock"]),

        // Helpers for tests: a real server on 127.0.0.1, port 0, and temporary folders of files.
        .target(name: "ExodusHTTPTestKit", dependencies: ["ExodusHTTP"]),

        // libcurl's header (Debian: libcurl4-openssl-dev) and the library itself opened with
        // dlopen on the first fetch (Debian: libcurl4), not linked: a process that fetches
        // nothing never maps libcurl and its TLS stack (see Sources/CCurl/CCurl.c).
        .target(name: "CCurl"),

        // Strict JSON with line numbers, the field reader for config and seed files, and the
        // sidecar schema: pure functions over bytes, so the fuzz targets can reach them.
        .target(name: "ExodusJSONInput", dependencies: ["ExodusCore"]),

        // HTML bytes -> readable text and the page's own metadata: charset detection,
        // a tokenizer, entities. Pure functions with no dependencies, so the fuzz targets
        // reach it without libcurl.
        .target(name: "ExodusHTML"),

        // Outbound fetching of documents through libcurl; a fetched page is read with ExodusHTML.
        .target(name: "ExodusFetch", dependencies: ["CCurl", "ExodusLock", "ExodusHTML"]),

        // Routes, response policies, JSON encoding, the OpenAPI document, the dashboard.
        // Its static files are Sources/ExodusAPI/Assets/*, compiled in by ExodusAPIAssets.
        .target(
            name: "ExodusAPI",
            dependencies: ["ExodusCore", "ExodusHTTP", "ExodusLock", "ExodusAPIAssets"],
            exclude: ["Assets"]
        ),

        // ExodusAPI's Assets/ (dashboard HTML, CSS, JavaScript; openapi.json) as read-only
        // data in the binary (C23 #embed), like ExodusLexiconData.
        .target(name: "ExodusAPIAssets"),

        // The corpus and everything that keeps it current: the seed folder with its sidecars
        // and corrections, URL sources and their cache, the extraction cache, the pipeline
        // from documents to a snapshot, reloads and snapshot followers, and the settings
        // that steer them. No command-line parsing and no process setup, so tests call it
        // directly.
        .target(
            name: "ExodusCorpus",
            dependencies: [
                "ExodusCore", "ExodusExtraction", "ExodusHTTP", "ExodusFetch", "ExodusHTML", "ExodusAPI", "ExodusJSONInput", "ExodusLock",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),

        // The executable, kept thin: the commands and their flags, logging, signals, and
        // starting the HTTP server on what ExodusCorpus loads.
        .executableTarget(
            name: "exodus",
            dependencies: [
                "ExodusCorpus", "ExodusCore", "ExodusHTTP", "ExodusAPI", "ExodusJSONInput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            linkerSettings: [.unsafeFlags(releaseLinkerFlags, .when(platforms: [.linux], configuration: .release))]
        ),

        // Training and evaluation of the row confidence model: corpus files, the dev set's
        // scorer, out-of-fold calibration (`make train`, and the tests that check the model).
        .target(name: "ExodusTraining", dependencies: ["ExodusCore", "ExodusExtraction"]),
        .executableTarget(name: "ExodusTrain", dependencies: ["ExodusExtraction", "ExodusTraining"]),

        // Micro and scale benchmarks over generated data (`make bench-scale`).
        .executableTarget(
            name: "ExodusBench",
            dependencies: ["ExodusCore", "ExodusExtraction", "ExodusAPI", "ExodusHTTP"]
        ),

        .testTarget(name: "ExodusCoreTests", dependencies: ["ExodusCore"]),
        .testTarget(
            name: "ExodusExtractionTests",
            dependencies: ["ExodusExtraction", "ExodusCore", "ExodusTraining"],
            resources: [.copy("Gold")]
        ),
        .testTarget(name: "ExodusHTTPTests", dependencies: ["ExodusHTTP", "ExodusHTTPTestKit", "ExodusLock"]),
        .testTarget(name: "ExodusFetchTests", dependencies: ["ExodusFetch", "ExodusHTML", "ExodusHTTP", "ExodusHTTPTestKit", "ExodusLock"]),
        .testTarget(name: "ExodusHTMLTests", dependencies: ["ExodusHTML"]),
        .testTarget(
            name: "ExodusCorpusTests",
            dependencies: [
                "ExodusCorpus", "ExodusCore", "ExodusAPI", "ExodusFetch", "ExodusJSONInput", "ExodusHTTP", "ExodusHTTPTestKit", "ExodusLock",
                .product(name: "Logging", package: "swift-log"), .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .testTarget(name: "exodusTests", dependencies: ["exodus", "ExodusJSONInput", "ExodusHTTP", "ExodusHTTPTestKit", "ExodusLock"]),
        .testTarget(name: "ExodusAPITests", dependencies: ["ExodusAPI", "ExodusCore", "ExodusHTTP", "ExodusHTTPTestKit"]),
    ]
)

// libFuzzer targets (Fuzz/, `make fuzz`). They exist only when EXODUS_FUZZ=1, because they
// must be built with `--sanitize=fuzzer`, and a plain `swift build` would fail to link them
// (libFuzzer supplies their `main`). Build them in their own scratch path:
//   EXODUS_FUZZ=1 swift build --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address --product FuzzHTTPFramer
if Context.environment["EXODUS_FUZZ"] == "1" {
    let fuzzTargets: [(String, [Target.Dependency])] = [
        ("FuzzHTTPFramer", ["ExodusHTTP"]),
        ("FuzzQuery", ["ExodusAPI", "ExodusCore"]),
        ("FuzzExtraction", ["ExodusExtraction", "ExodusHTML", "ExodusCore"]),
        ("FuzzHTML", ["ExodusHTML"]),
        ("FuzzConfig", ["ExodusJSONInput", "ExodusCore"]),
        ("FuzzAPIServer", ["ExodusAPI", "ExodusCore", "ExodusHTTP"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies, path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
