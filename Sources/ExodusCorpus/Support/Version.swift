/// The release of Exodus: `exodus --version`, `/healthz`, the fetcher's User-Agent, and part
/// of the extraction cache's key.
package enum ExodusVersion {
    package static let current = "0.1.0"
}

/// The `source` of this library's log lines: the process's name, as when this code lived in
/// the executable, so log queries keep matching (swift-log would use the module's name).
let logSource = "exodus"
