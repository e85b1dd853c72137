/// The release of Exodus: `exodus --version`, `/healthz`, the fetcher's User-Agent, and part
/// of the extraction cache's key.
package enum ExodusVersion {
    package static let current = "0.1.0"
}
