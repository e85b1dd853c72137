import ExodusJSONInput
import Configuration
import ExodusCore
#if canImport(Glibc)
    import Glibc
#endif

/// How a setting is typed, for the file's checks and the messages.
enum SettingKind: Sendable {
    case string, int(ClosedRange<Int>), seconds, stringArray, secret, bool

    var isSecret: Bool { if case .secret = self { return true } else { return false } }
}

/// Builds `Settings` from defaults, a JSON config file, `EXODUS_*` environment
/// variables and command-line overrides, with swift-configuration doing the
/// layering. Every problem is an error naming the file and line, or the
/// environment variable, never a silent fallback to a default. The keys and their
/// defaults come from the sections of `Settings`, each declaring its own.
package struct SettingsLoader {
    /// Values given on the command line, keyed like the file (`port`, `limits.maxConnections`).
    package var overrides: [String: ConfigContent] = [:]
    package var environment: [String: String]

    package init(environment: [String: String]) {
        self.environment = environment
    }

    package struct Failure: Error, CustomStringConvertible {
        package let problems: [String]
        package var description: String { problems.joined(separator: "\n") }
    }

    /// One scalar setting of a section (`Root`): where it lives in the file, how it is
    /// typed, how it is read into the section, and its value there (for the defaults).
    struct Spec<Root>: Sendable {
        let path: [String]
        let type: Kind
        let current: @Sendable (Root) -> ConfigContent?
        let apply: @Sendable (inout Root, ConfigReader, ConfigKey) throws -> Void

        init(
            path: [String], type: Kind, current: @escaping @Sendable (Root) -> ConfigContent?,
            apply: @escaping @Sendable (inout Root, ConfigReader, ConfigKey) throws -> Void
        ) {
            self.path = path
            self.type = type
            self.current = current
            self.apply = apply
        }

        typealias Kind = SettingKind

        var dotted: String { path.joined(separator: ".") }

        /// The same key, reading into the section at `section` of a larger value.
        func lifted<Outer>(_ section: WritableKeyPath<Outer, Root> & Sendable) -> Spec<Outer> {
            let apply = self.apply
            let current = self.current
            return SettingsLoader.Spec<Outer>(path: path, type: type, current: { current($0[keyPath: section]) }) { outer, reader, key in
                try apply(&outer[keyPath: section], reader, key)
            }
        }

        static func string(_ path: [String], _ kp: WritableKeyPath<Root, String> & Sendable) -> Spec {
            Spec(path: path, type: .string, current: { .string($0[keyPath: kp]) }) { s, r, k in
                s[keyPath: kp] = try r.requiredString(forKey: k)
            }
        }

        static func bool(_ path: [String], _ kp: WritableKeyPath<Root, Bool> & Sendable) -> Spec {
            Spec(path: path, type: .bool, current: { .bool($0[keyPath: kp]) }) { s, r, k in
                s[keyPath: kp] = try r.requiredBool(forKey: k)
            }
        }

        static func int(_ path: [String], _ range: ClosedRange<Int>, _ kp: WritableKeyPath<Root, Int> & Sendable) -> Spec {
            Spec(path: path, type: .int(range), current: { .int($0[keyPath: kp]) }) { s, r, k in
                let v = try r.requiredInt(forKey: k)
                guard range.contains(v) else { throw RangeError(key: path.joined(separator: "."), range: range, value: v) }
                s[keyPath: kp] = v
            }
        }

        static func seconds(_ path: [String], _ kp: WritableKeyPath<Root, Double> & Sendable) -> Spec {
            Spec(path: path, type: .seconds, current: { .double($0[keyPath: kp]) }) { s, r, k in
                let v = try r.requiredDouble(forKey: k)
                // Checked before any conversion: Int(v) traps on NaN, infinity and 1e300, which
                // an environment variable or a flag can spell.
                guard v.isFinite, v >= 0.001, v <= 3600 else {
                    throw ValueError("\(path.joined(separator: ".")) must be a number of seconds from 0.001 to 3600, not \(v)")
                }
                s[keyPath: kp] = v
            }
        }
    }

    struct RangeError: Error, CustomStringConvertible {
        let key: String
        let range: ClosedRange<Int>
        let value: Int
        var description: String { "\(key) must be between \(range.lowerBound) and \(range.upperBound), not \(value)" }
    }

    /// The order in which keys are read and their problems reported (the file's order).
    private static let reportingOrder = [
        "host", "port", "seeds", "logLevel", "adminToken",
        "limits", "timeouts", "http", "sources", "snapshot",
    ]

    /// Every key of every section (`Settings.specs`): root keys first, then each group.
    static let specs: [Spec<Settings>] = Settings.specs.enumerated().sorted { a, b in
        func rank(_ spec: Spec<Settings>) -> Int { reportingOrder.firstIndex(of: spec.path[0]) ?? reportingOrder.count }
        return (rank(a.element), a.offset) < (rank(b.element), b.offset)
    }.map(\.element)

    struct ValueError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// The environment variable that sets a key: `limits.maxConnections` → `EXODUS_LIMITS_MAX_CONNECTIONS`.
    static func environmentName(_ path: [String]) -> String {
        var out = "EXODUS"
        for component in path {
            out += "_"
            for ch in component {
                if ch.isUppercase { out += "_" }
                out += ch.uppercased()
            }
        }
        return out
    }

    /// Every key the file and environment accept, for help texts and the README.
    static var knownKeys: [String] { specs.map(\.dotted) + ["sources.urls"] }

    /// The variables among `environment` that Kubernetes injects into a pod for each Service
    /// of its namespace (unless the pod sets `enableServiceLinks: false`), for Services whose
    /// name starts with "exodus". For a Service `exodus-ingest` (prefix `EXODUS_INGEST`) with
    /// port 80 named `http`: `_SERVICE_HOST=10.0.0.11`, `_SERVICE_PORT=80`,
    /// `_SERVICE_PORT_HTTP=80`, `_PORT=tcp://10.0.0.11:80`, `_PORT_80_TCP=tcp://10.0.0.11:80`,
    /// `_PORT_80_TCP_PROTO=tcp`, `_PORT_80_TCP_PORT=80`, `_PORT_80_TCP_ADDR=10.0.0.11`.
    /// Both the name and the value must have that shape, so a typo of a setting is never taken
    /// for one (`EXODUS_PORT=8080` is the port setting, `EXODUS_PORT=tcp://…` a link).
    static func serviceLinkNames(_ environment: [String: String]) -> Set<String> {
        var out: Set<String> = []
        for (name, value) in environment where name.hasPrefix("EXODUS") && isServiceLink(name: name, value: value) {
            out.insert(name)
        }
        return out
    }

    private static func isServiceLink(name: String, value: String) -> Bool {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "EXODUS", parts.allSatisfy({ !$0.isEmpty }) else { return false }
        func isPort(_ s: String) -> Bool {
            !s.isEmpty && s.count <= 5 && s.allSatisfy { ("0"..."9").contains($0) } && Int(s).map { (1...65535).contains($0) } == true
        }
        func isProtocol(_ s: String) -> Bool { ["TCP", "UDP", "SCTP"].contains(s) }
        func isAddress(_ s: String) -> Bool {
            !s.isEmpty && s.count <= 45 && s.allSatisfy { ($0.isASCII && $0.isHexDigit) || $0 == "." || $0 == ":" } && (s.contains(".") || s.contains(":"))
        }
        /// `tcp://ADDRESS:PORT`, with the protocol and, when given, the port expected.
        func isURL(_ s: String, proto: String? = nil, port: String? = nil) -> Bool {
            guard let scheme = s.firstRange(of: "://") else { return false }
            let p = String(s[..<scheme.lowerBound])
            guard isProtocol(p.uppercased()), p == p.lowercased(), proto.map({ $0 == p.uppercased() }) ?? true else { return false }
            let rest = s[scheme.upperBound...]
            guard let colon = rest.lastIndex(of: ":") else { return false }
            var host = String(rest[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let portText = String(rest[rest.index(after: colon)...])
            return isAddress(host) && isPort(portText) && (port.map { $0 == portText } ?? true)
        }
        // Walk from the end: the Service's own name may hold any number of parts.
        let n = parts.count
        if n >= 3, parts[n - 2] == "SERVICE", parts[n - 1] == "HOST" { return isAddress(value) }  // _SERVICE_HOST
        if n >= 3, parts[n - 2] == "SERVICE", parts[n - 1] == "PORT" { return isPort(value) }  // _SERVICE_PORT
        if n >= 4, let i = parts.lastIndex(of: "SERVICE"), i >= 1, i + 2 < n, parts[i + 1] == "PORT" {  // _SERVICE_PORT_<NAME>
            return isPort(value)
        }
        if n >= 4, parts[n - 3] == "PORT", isPort(parts[n - 2]), isProtocol(parts[n - 1]) {  // _PORT_80_TCP
            return isURL(value, proto: parts[n - 1], port: parts[n - 2])
        }
        if n >= 5, parts[n - 4] == "PORT", isPort(parts[n - 3]), isProtocol(parts[n - 2]) {  // _PORT_80_TCP_*
            switch parts[n - 1] {
            case "PROTO": return value == parts[n - 2].lowercased()
            case "PORT": return value == parts[n - 3]
            case "ADDR": return isAddress(value)
            default: return false
            }
        }
        if parts[n - 1] == "PORT", n >= 2 { return isURL(value) }  // _PORT=tcp://…
        return false
    }

    /// Loads settings. `configPath` nil means "no file"; a missing explicit file is an error.
    package func load(configPath: String?) throws(Failure) -> Settings {
        var problems: [String] = []
        var settings = Settings()
        var fileValues: [AbsoluteConfigKey: ConfigValue] = [:]

        if let configPath {
            var fileProblems: [FileProblem] = []
            guard var fields = JSONFields.read(configPath, problems: &fileProblems) else {
                throw Failure(problems: fileProblems.map(\.description))
            }
            collect(&fields, prefix: [], into: &fileValues, settings: &settings)
            fields.finish()
            problems += fields.problems.map(\.description)
        }

        // Environment variables that look like ours but set nothing are typos, except the
        // ones Kubernetes injects for a Service whose name starts with "exodus".
        let knownEnv = Set(Self.specs.map { Self.environmentName($0.path) })
        let links = Self.serviceLinkNames(environment)
        for name in environment.keys.sorted() where name.hasPrefix("EXODUS_") && !knownEnv.contains(name) && !links.contains(name) {
            problems.append("environment: unknown variable \(name) (known: \(knownEnv.sorted().joined(separator: ", ")))")
        }
        settings.ignoredServiceLinks = links.sorted()

        var overrideValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, content) in overrides {
            overrideValues[AbsoluteConfigKey(["exodus"] + key.split(separator: ".").map(String.init))] = ConfigValue(content, isSecret: false)
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: overrideValues),
            EnvironmentVariablesProvider(
                environmentVariables: environment.filter { $0.key.hasPrefix("EXODUS_") && !links.contains($0.key) },
                secretsSpecifier: .specific(["EXODUS_ADMIN_TOKEN"]),
                arraySeparator: ","),
            InMemoryProvider(name: configPath ?? "no file", values: fileValues),
            InMemoryProvider(name: "defaults", values: Self.defaults()),
        ]).scoped(to: "exodus")

        for spec in Self.specs {
            do {
                try spec.apply(&settings, reader, ConfigKey(spec.path))
            } catch let e as RangeError {
                problems.append("\(origin(of: spec)): \(e)")
            } catch let e as ValueError {
                problems.append("\(origin(of: spec)): \(e)")
            } catch {
                problems.append("\(origin(of: spec)): \(spec.dotted) has the wrong type (\(expected(spec.type)))")
            }
        }
        if !problems.isEmpty { throw Failure(problems: problems) }
        return settings
    }

    private func origin(of spec: Spec<Settings>) -> String {
        let key = spec.dotted
        if overrides[key] != nil { return "command line" }
        let env = Self.environmentName(spec.path)
        if environment[env] != nil { return "environment \(env)" }
        return "configuration"
    }

    private func expected(_ kind: Spec<Settings>.Kind) -> String {
        switch kind {
        case .string, .secret: return "expected a string"
        case .int: return "expected a whole number"
        case .seconds: return "expected a number of seconds"
        case .stringArray: return "expected a comma-separated list"
        case .bool: return "expected true or false"
        }
    }

    /// Each key's default, as its section sets it (`Settings()`); unset keys are absent.
    static var defaultValues: [String: ConfigContent] {
        let d = Settings()
        var out: [String: ConfigContent] = [:]
        for spec in specs { if let value = spec.current(d) { out[spec.dotted] = value } }
        return out
    }

    private static func defaults() -> [AbsoluteConfigKey: ConfigValue] {
        var out: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in defaultValues {
            out[AbsoluteConfigKey(["exodus"] + key.split(separator: ".").map(String.init))] = ConfigValue(value, isSecret: false)
        }
        return out
    }

    /// Walks the file's objects, type-checking scalars against the spec table.
    private func collect(
        _ fields: inout JSONFields, prefix: [String], into values: inout [AbsoluteConfigKey: ConfigValue],
        settings: inout Settings
    ) {
        let here = Self.specs.filter { Array($0.path.dropLast()) == prefix }
        for spec in here {
            let name = spec.path.last!
            let key = AbsoluteConfigKey(["exodus"] + spec.path)
            switch spec.type {
            case .string, .secret:
                if let s = fields.string(name) { values[key] = ConfigValue(.string(s), isSecret: spec.type.isSecret) }
            case .int(let range):
                if let i = fields.int(name, in: range) { values[key] = ConfigValue(.int(i), isSecret: false) }
            case .seconds:
                if let d = fields.double(name, in: 0.001...3600) { values[key] = ConfigValue(.double(d), isSecret: false) }
            case .stringArray:
                if let a = fields.strings(name) { values[key] = ConfigValue(.stringArray(a), isSecret: false) }
            case .bool:
                if let b = fields.bool(name) { values[key] = ConfigValue(.bool(b), isSecret: false) }
            }
        }
        // Nested groups named by the specs.
        let groups = Set(
            Self.specs.compactMap { $0.path.count > prefix.count + 1 && Array($0.path.prefix(prefix.count)) == prefix ? $0.path[prefix.count] : nil })
        for group in groups.sorted() {
            _ = fields.object(group) { nested in
                self.collect(&nested, prefix: prefix + [group], into: &values, settings: &settings)
                if prefix.isEmpty && group == "sources" {
                    settings.corpus.sources =
                        nested.objects("urls") { source -> SourceSetting? in
                            guard let url = source.string("url"), !url.isEmpty else {
                                source.report("url", "is required and must be a non-empty string")
                                return nil
                            }
                            var s = SourceSetting(url: url)
                            s.publisher = source.string("publisher")
                            s.published = source.string("published")
                            if let p = s.published, PartialDate(iso: p) == nil {
                                source.report("published", "must be YYYY-MM or YYYY-MM-DD, not \"\(p)\"")
                            }
                            s.title = source.string("title")
                            s.language = source.string("language")
                            return s
                        } ?? []
                }
            }
        }
    }

    static func readFile(_ path: String) -> Result<[UInt8], FileProblem> {
        guard let file = fopen(path, "rb") else {
            return .failure(FileProblem(path: path, line: nil, "cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { fclose(file) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n > 0 { out.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count {
                if ferror(file) != 0 {
                    return .failure(FileProblem(path: path, line: nil, "cannot read: \(String(cString: strerror(errno)))"))
                }
                break
            }
            if out.count > 64 * 1024 * 1024 {
                return .failure(FileProblem(path: path, line: nil, "larger than 64 MiB"))
            }
        }
        return .success(out)
    }
}
