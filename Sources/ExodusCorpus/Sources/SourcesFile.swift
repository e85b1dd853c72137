import ExodusJSONInput
import ExodusCore

/// URLs given on the command line or in a plain file of URLs, checked the same way.
package enum SourcesFile {
    package static func sources(urls: [String], file: String?) throws(FileProblem) -> [SourceSetting] {
        var out: [SourceSetting] = []
        for url in urls {
            guard isFetchable(url) else {
                throw FileProblem(path: "--source", line: nil, "\"\(url)\" is not an http, https or file URL")
            }
            out.append(SourceSetting(url: url))
        }
        guard let file else { return out }
        let bytes: [UInt8]
        switch SettingsLoader.readFile(file) {
        case .success(let b): bytes = b
        case .failure(let p): throw p
        }
        if let bad = SeedFolder.firstInvalidUTF8(bytes) {
            throw FileProblem(path: file, line: bad.line, "not valid UTF-8")
        }
        for (i, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let url = line.trimmingWhitespace()
            if url.isEmpty { continue }
            guard isFetchable(url), !url.contains(" ") else {
                throw FileProblem(path: file, line: i + 1, "\"\(url)\" is not an http, https or file URL")
            }
            out.append(SourceSetting(url: url))
        }
        return out
    }

    static func isFetchable(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file://")) && url.utf8.count <= 2048
    }
}
