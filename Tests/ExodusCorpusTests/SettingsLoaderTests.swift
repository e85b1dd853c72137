@testable import ExodusCorpus
import ExodusHTTPTestKit
import Testing

@Suite struct SettingsLoaderTests {
    func load(_ json: String?, env: [String: String] = [:], overrides: [String: Any] = [:]) -> Result<Settings, SettingsLoader.Failure> {
        let folder = TemporaryFolder()
        let path = json.map { folder.write("exodus.json", $0) }
        var loader = SettingsLoader(environment: env)
        for (k, v) in overrides {
            if let i = v as? Int { loader.overrides[k] = .int(i) }
            if let s = v as? String { loader.overrides[k] = .string(s) }
        }
        do { return .success(try loader.load(configPath: path)) } catch { return .failure(error) }
    }

    @Test func defaultsWithoutAnyFile() throws {
        let s = try load(nil).get()
        #expect(s.host == "127.0.0.1")
        #expect(s.port == 8080)
        #expect(s.maxConnections == 4096)
        #expect(s.adminToken == nil)
    }

    @Test func fileThenEnvironmentThenFlagsLaterWins() throws {
        let json = #"{"port": 9000, "host": "0.0.0.0", "logLevel": "debug", "limits": {"maxConnections": 10}}"#
        #expect(try load(json).get().port == 9000)
        #expect(try load(json, env: ["EXODUS_PORT": "9100"]).get().port == 9100)
        #expect(try load(json, env: ["EXODUS_PORT": "9100"], overrides: ["port": 9200]).get().port == 9200)
        let s = try load(json, env: ["EXODUS_LIMITS_MAX_CONNECTIONS": "20", "EXODUS_ADMIN_TOKEN": "s3cret"]).get()
        #expect(s.maxConnections == 20)
        #expect(s.adminToken == "s3cret")
        #expect(s.host == "0.0.0.0")
        #expect(s.logLevel == .debug)
    }

    func problems(_ r: Result<Settings, SettingsLoader.Failure>) -> [String] {
        if case .failure(let f) = r { return f.problems }
        return []
    }

    @Test func unknownKeyNamesFileLineAndKey() {
        let p = problems(load("{\n  \"port\": 1,\n  \"limits\": {\n    \"maxConection\": 3\n  }\n}"))
        #expect(p.count == 1)
        #expect(
            p.first?.hasSuffix(
                "exodus.json:4: unknown key \"limits.maxConection\" (known keys here: maxBodyBytes, maxConnections, maxHeaderBytes, maxHeaderCount, maxRequestLineBytes)"
            ) == true)
    }

    @Test func wrongTypeNamesTheKey() {
        let p = problems(load("{\n\"port\": \"eighty\"\n}"))
        #expect(p.first?.hasSuffix("exodus.json:2: port must be a number, not a string") == true)
        let q = problems(load("{\"port\": 70000}"))
        #expect(q.first?.contains("port must be between 0 and 65535, not 70000") == true)
    }

    @Test func syntaxErrorHasALine() {
        let p = problems(load("{\n  \"port\": 1,\n}"))
        #expect(p.first?.hasSuffix("exodus.json:3: expected a quoted key") == true)
    }

    @Test func badEnvironmentValueIsAnErrorNotADefault() {
        let p = problems(load(nil, env: ["EXODUS_PORT": "abc"]))
        #expect(p.first?.contains("EXODUS_PORT") == true)
        let typo = problems(load(nil, env: ["EXODUS_PROT": "80"]))
        #expect(typo.first?.contains("unknown variable EXODUS_PROT") == true)
        let level = problems(load(nil, env: ["EXODUS_LOG_LEVEL": "loud"]))
        #expect(level.first?.contains("logLevel must be one of") == true)
    }

    /// What Kubernetes injects into every pod for each Service of the namespace.
    static func serviceLinks(_ service: String, ip: String, port: Int, portName: String? = nil) -> [String: String] {
        let p = service.uppercased().replacingOccurrences(of: "-", with: "_")
        var env = [
            "\(p)_SERVICE_HOST": ip, "\(p)_SERVICE_PORT": "\(port)", "\(p)_PORT": "tcp://\(ip):\(port)",
            "\(p)_PORT_\(port)_TCP": "tcp://\(ip):\(port)", "\(p)_PORT_\(port)_TCP_PROTO": "tcp",
            "\(p)_PORT_\(port)_TCP_PORT": "\(port)", "\(p)_PORT_\(port)_TCP_ADDR": ip,
        ]
        if let portName { env["\(p)_SERVICE_PORT_\(portName.uppercased().replacingOccurrences(of: "-", with: "_"))"] = "\(port)" }
        return env
    }

    @Test func kubernetesServiceLinksAreIgnored() throws {
        var env = Self.serviceLinks("exodus", ip: "10.96.0.12", port: 8080, portName: "http")
        env.merge(Self.serviceLinks("exodus-ingest", ip: "10.96.0.13", port: 80, portName: "web-ui")) { a, _ in a }
        env.merge(Self.serviceLinks("exodus-v6", ip: "fd00::12", port: 443)) { a, _ in a }
        env["EXODUS_UDP_PORT_53_UDP"] = "udp://10.96.0.10:53"
        env["EXODUS_UDP_PORT_53_UDP_PROTO"] = "udp"
        let s = try load(nil, env: env).get()
        #expect(s.port == 8080, "EXODUS_PORT=tcp://... is a service link, not the port")
        var withPort = env
        withPort["EXODUS_LOG_LEVEL"] = "debug"
        #expect(try load(nil, env: withPort).get().logLevel == .debug)
        #expect(SettingsLoader.serviceLinkNames(env).sorted() == env.keys.sorted())
    }

    @Test func realTyposBesideServiceLinksAreStillErrors() {
        var env = Self.serviceLinks("exodus", ip: "10.96.0.12", port: 8080)
        for (name, value) in [
            ("EXODUS_PROT", "8080"), ("EXODUS_SERVICE_HOSTS", "10.0.0.1"), ("EXODUS_PORT_8080_TCP_ADDRESS", "10.0.0.1"),
            ("EXODUS_SERVICE_PORT", "http"), ("EXODUS_PORT_80_TCP", "8080"), ("EXODUS_SOURCES_PORT", "80"),
        ] {
            var bad = env
            bad[name] = value
            let p = problems(load(nil, env: bad))
            #expect(p.count == 1 && p.first?.contains(name) == true, "\(name)=\(value): \(p)")
        }
        env["EXODUS_PORT"] = "http://10.96.0.12:8080"
        #expect(problems(load(nil, env: env)).first?.contains("EXODUS_PORT") == true)
    }

    @Test func sourcesAreReadAndChecked() throws {
        let good = #"{"sources": {"urls": [{"url": "http://127.0.0.1:1/a", "published": "2025-01-16", "publisher": "P"}]}}"#
        let s = try load(good).get()
        #expect(s.sources == [SourceSetting(url: "http://127.0.0.1:1/a", publisher: "P", published: "2025-01-16")])
        let bad = "{\"sources\": {\"urls\": [\n{\"url\": \"http://x\", \"published\": \"Jan 2025\"},\n{\"publisher\": \"P\"}]}}"
        let p = problems(load(bad))
        #expect(p.contains { $0.hasSuffix(":2: sources.urls[0].published must be YYYY-MM or YYYY-MM-DD, not \"Jan 2025\"") })
        #expect(p.contains { $0.contains("sources.urls[1].url is required") })
    }

    @Test func missingExplicitFileIsAnError() {
        var loader = SettingsLoader(environment: [:])
        loader.overrides = [:]
        #expect(throws: SettingsLoader.Failure.self) { try loader.load(configPath: "/nonexistent/exodus.json") }
    }

    @Test func shippedConfigLoads() throws {
        // The repository's own default configuration must always be valid.
        var loader = SettingsLoader(environment: [:])
        loader.overrides = [:]
        let s = try loader.load(configPath: "Config/exodus.json")
        #expect(s.seeds == "Config/seeds")
    }

    /// Found by reading the loader for the fuzz work: a non-finite or huge number of seconds
    /// from the environment reached Int(v) and trapped, so `exodus check` crashed.
    @Test(arguments: ["1e300", "nan", "inf", "-inf", "0", "-5", "3601"])
    func secondsOutOfRangeFromTheEnvironmentIsAProblemNotACrash(_ value: String) {
        let p = problems(load(nil, env: ["EXODUS_TIMEOUTS_HEADER_SECONDS": value]))
        #expect(p.count == 1)
        #expect(p.first?.contains("EXODUS_TIMEOUTS_HEADER_SECONDS") == true)
        #expect(p.first?.contains("timeouts.headerSeconds must be a number of seconds") == true)
    }
}
