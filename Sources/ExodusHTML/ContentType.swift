// The Content-Type header value, split into the two parts the fetcher and the HTML reader
// look at. Shared with ExodusFetch through `package` access.

/// The parts of a `Content-Type` header value we use.
package struct ContentType {
    /// `type/subtype`, lower case.
    package var mediaType: String?
    /// The `charset` parameter, lower case, quotes removed.
    package var charset: String?

    package init(_ header: String?) {
        guard let header else { return }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let media = parts.first.map { $0.trimming(\.isSpaceOrTab).lowercased() } ?? ""
        mediaType = media.isEmpty ? nil : media
        for parameter in parts.dropFirst() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let name = parameter[..<equals].trimming(\.isSpaceOrTab).lowercased()
            guard name == "charset" else { continue }
            var value = parameter[parameter.index(after: equals)...].trimming(\.isSpaceOrTab)
            value = value.trimming { $0 == "\"" || $0 == "'" }
            charset = value.isEmpty ? nil : value.lowercased()
        }
    }
}
