// The shipped Config/exodus.json and the README's configuration table against the defaults
// the settings sections take from their components, so neither can drift from the code.

import Configuration
@testable import ExodusCorpus
import ExodusHTTP
import ExodusJSONInput
import Testing
#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ConfigDefaultsTests {
    /// Every leaf of a JSON object, by dotted key (`limits.maxConnections`), arrays whole.
    static func leaves(_ value: LocatedJSON, prefix: String = "") -> [(key: String, value: LocatedJSON)] {
        guard case .object(let members, _) = value else { return [(prefix, value)] }
        var out: [(key: String, value: LocatedJSON)] = []
        for m in members {
            let key = prefix.isEmpty ? m.key : prefix + "." + m.key
            if case .object = m.value { out += leaves(m.value, prefix: key) } else { out.append((key, m.value)) }
        }
        return out
    }

    /// Whether a value in the file is the same as a section's default (nil: no default).
    static func same(_ file: LocatedJSON, _ content: ConfigContent?) -> Bool {
        switch (file, content) {
        case (.null, nil): return true
        case (.string(let s, _), .string(let d)?): return s == d
        case (.bool(let b, _), .bool(let d)?): return b == d
        case (.number(let n, _, _), .int(let d)?): return n == Double(d)
        case (.number(let n, _, _), .double(let d)?): return n == d
        case (.array(let items, _), .stringArray(let d)?):
            return items.count == d.count && zip(items, d).allSatisfy { if case .string(let s, _) = $0 { s == $1 } else { false } }
        default: return false
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        try SettingsLoader.readFile(path).get()
    }

    @Test func shippedConfigRepeatsTheComponentsDefaults() throws {
        let file = try LocatedJSON.parse(Self.read("Config/exodus.json"))
        let defaults = SettingsLoader.defaultValues
        let known = Set(SettingsLoader.knownKeys)
        let leaves = Self.leaves(file)
        #expect(!leaves.isEmpty)
        for (key, value) in leaves {
            #expect(known.contains(key), "Config/exodus.json:\(value.line): \(key) is not a setting")
            if key == "sources.urls" {
                if case .array(let items, _) = value { #expect(items.isEmpty == CorpusSettings().sources.isEmpty) }
                continue
            }
            #expect(Self.same(value, defaults[key]), "Config/exodus.json:\(value.line): \(key) differs from its default \(String(describing: defaults[key]))")
        }
    }

    /// The README's table lists every key once, with its variable, and nothing else.
    @Test func readmeDocumentsEveryKey() throws {
        let readme = String(decoding: try Self.read("README.md"), as: UTF8.self)
        var documented: [String: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: " ") }
            guard cells.count >= 3 else { continue }
            let key = cells[0].trimmingCharacters(in: "`")
            // Only the configuration table has an environment column of EXODUS_ names or —.
            guard cells[1].hasPrefix("`EXODUS_") || cells[1] == "—" else { continue }
            documented[key] = cells[1].trimmingCharacters(in: "`")
        }
        #expect(Set(documented.keys) == Set(SettingsLoader.knownKeys))
        for key in SettingsLoader.knownKeys where key != "sources.urls" {
            let path = key.split(separator: ".").map(String.init)
            #expect(documented[key] == SettingsLoader.environmentName(path), "\(key)")
        }
    }

    /// The server section's defaults are the server's, and turn back into them unchanged.
    @Test func serverDefaultsAreTheServersOwn() {
        let server = HTTPServerConfiguration()
        let settings = ServerSettings()
        #expect(settings.host == server.host && settings.port == server.port)
        let back = settings.configuration
        #expect(back.maxConnections == server.maxConnections)
        #expect(back.maxRequestLineLength == server.maxRequestLineLength)
        #expect(back.maxHeaderBytes == server.maxHeaderBytes)
        #expect(back.maxHeaderCount == server.maxHeaderCount)
        #expect(back.maxBodyBytes == server.maxBodyBytes)
        #expect(back.idleTimeout == server.idleTimeout)
        #expect(back.headerTimeout == server.headerTimeout)
        #expect(back.bodyTimeout == server.bodyTimeout)
        #expect(back.writeTimeout == server.writeTimeout)
        #expect(back.shutdownDeadline == server.shutdownDeadline)
    }

    /// Loading with no file, variable or flag gives exactly the sections' defaults.
    @Test func loadingNothingGivesTheDefaults() throws {
        let loaded = try SettingsLoader(environment: [:]).load(configPath: nil)
        let d = Settings()
        for spec in SettingsLoader.specs {
            #expect(spec.current(loaded) == spec.current(d), "\(spec.dotted)")
        }
        #expect(SettingsLoader.defaultValues["snapshot.maxBytes"] == .int(SnapshotFollower.defaultMaxBytes))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String { Substring(self).trimmingCharacters(in: set) }
}
