import ExodusHTTPTestKit
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The `exodus` binary of this build, started as a child process on port 0.
/// Every wait is bounded, and the process is killed if a test forgets it.
final class ServeProcess {
    let process = Process()
    let stdout = Pipe()
    let stderr = Pipe()
    private(set) var port = 0
    private var stderrText = ""

    /// The built binary: beside the test bundle in the build folder.
    static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var dir = bundle
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("exodus").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return ".build/debug/exodus"
    }

    init(arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EXODUS_") }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read the "listening on" line (bounded).
        let deadline = Date().addingTimeInterval(15)
        var out = ""
        let fd = stdout.fileHandleForReading.fileDescriptor
        while Date() < deadline, !out.contains("\n") {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 200) > 0 {
                var buf = [UInt8](repeating: 0, count: 512)
                let n = read(fd, &buf, buf.count)
                if n <= 0 { break }
                out += String(decoding: buf[0..<n], as: UTF8.self)
            }
            if !process.isRunning { break }
        }
        guard let range = out.range(of: "listening on http://127.0.0.1:"),
            let p = Int(out[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw ServeError.didNotStart(out + errorOutput())
        }
        port = p
    }

    enum ServeError: Error { case didNotStart(String) }

    func get(_ target: String, headers: [String] = [], method: String = "GET") throws -> TestHTTPResponse {
        let c = try RawHTTPClient(port: port, timeout: .seconds(10))
        defer { c.close() }
        var raw = "\(method) \(target) HTTP/1.1\r\nHost: t\r\n"
        for h in headers { raw += h + "\r\n" }
        if method == "POST" { raw += "Content-Length: 0\r\n" }
        try c.send(raw + "\r\n")
        return try c.readResponse(head: method == "HEAD")
    }

    func json(_ target: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(get(target).body)) as? [String: Any] ?? [:]
    }

    /// Polls `/documents` until it lists `count` documents or `seconds` pass; returns the last total seen.
    func waitForDocuments(_ count: Int, seconds: Double = 6) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var total = 0
        repeat {
            total = try json("/documents")["total"] as? Int ?? 0
            if total == count { break }
            usleep(50_000)
        } while Date() < deadline
        return total
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the process to exit (bounded); returns its status, or nil on timeout.
    func waitForExit(seconds: Double = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func errorOutput() -> String {
        let fd = stderr.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buf, buf.count)
            if n <= 0 { break }
            stderrText += String(decoding: buf[0..<n], as: UTF8.self)
        }
        return stderrText
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
