// libFuzzer target: the strict JSON reader used for the configuration file, sidecars and
// corrections (LocatedJSON), the field reader on top of it (JSONFields, walked the way
// SettingsLoader walks exodus.json), and the sidecar schema. Nothing is spawned or read
// from disk. Checked: every problem names a line that exists in the input.
import ExodusCore
import ExodusJSONInput

private func readSettingsShape(_ f: inout JSONFields) {
    _ = f.string("host")
    _ = f.int("port", in: 0...65535)
    _ = f.string("seeds")
    _ = f.string("logLevel")
    _ = f.string("adminToken")
    _ = f.object("limits") { l in
        _ = l.int("maxConnections", in: 1...1_000_000)
        _ = l.int("maxBodyBytes", in: 0...67_108_864)
    }
    _ = f.object("timeouts") { t in
        _ = t.double("headerSeconds", in: 0.001...3600)
        _ = t.double("shutdownSeconds", in: 0.001...3600)
    }
    _ = f.object("http") { h in
        _ = h.int("cacheMaxAgeSeconds", in: 0...31_536_000)
        _ = h.strings("corsOrigins")
        _ = h.bool("strict")
    }
    _ = f.object("sources") { s in
        _ = s.int("refreshSeconds", in: 0...604_800)
        _ = s.string("cacheDirectory")
        _ = s.objects("urls") { u -> String? in
            guard let url = u.string("url"), !url.isEmpty else { u.report("url", "is required"); return nil }
            if let p = u.string("published"), PartialDate(iso: p) == nil { u.report("published", "is not a date") }
            _ = u.string("publisher"); _ = u.string("title"); _ = u.string("language")
            return url
        }
    }
    f.finish()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    func checkLines(_ problems: [FileProblem]) {
        for p in problems {
            precondition(p.path == "fuzz.json", "problem names another file")
            if let l = p.line { precondition((1...lines).contains(l), "problem on line \(l) of \(lines)") }
        }
    }
    var problems: [FileProblem] = []
    if var fields = JSONFields.parse(bytes, path: "fuzz.json", problems: &problems) {
        readSettingsShape(&fields)
        checkLines(fields.problems)
    }
    checkLines(problems)
    problems = []
    if var fields = JSONFields.parse(bytes, path: "fuzz.json", problems: &problems) {
        if let sidecar = SidecarFields.decode(&fields) {
            if let url = sidecar.url { precondition(url.hasPrefix("http://") || url.hasPrefix("https://"), "sidecar url not checked") }
        } else {
            precondition(!fields.problems.isEmpty, "a refused sidecar must say why")
        }
        checkLines(fields.problems)
    }
    checkLines(problems)
    return 0
}
