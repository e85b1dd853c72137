import ExodusHTTPTestKit
import Foundation
import Testing

/// Runs the built `exodus` binary with arguments; returns its status, stdout and stderr (bounded).
func runExodus(
    _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
    seconds: Double = 30
) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ServeProcess.binary)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EXODUS_") }
    env.merge(environment) { _, new in new }
    p.environment = env
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let deadline = Date().addingTimeInterval(seconds)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    if p.isRunning { p.terminate(); p.waitUntilExit() }
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (p.terminationStatus, stdout, stderr)
}

@Suite struct CommandTests {
    @Test func extractGivenTheSameFileTwiceReadsItOnce() throws {
        let f = TemporaryFolder()
        let a = f.write("a.txt", "Acme Trust quit X on Monday. Beta Fund left X on Tuesday.")
        let r = try runExodus(["extract", "--format", "json", "--min-confidence", "0", a, a, f.path + "/./a.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.map { $0["id"] as? String } == ["acme-trust", "beta-fund"])
        #expect(r.stderr.contains("listed more than once"))
    }

    @Test func extractKeepsTwoFilesWithOneNameApart() throws {
        let one = TemporaryFolder(), two = TemporaryFolder()
        let a = one.write("a.txt", "Acme Trust quit X on Monday.")
        let b = two.write("a.txt", "Beta Fund left X on Tuesday.")
        let r = try runExodus(["extract", "--format", "json", "--min-confidence", "0", a, b])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(Set(rows.compactMap { $0["id"] as? String }) == ["acme-trust", "beta-fund"])
    }
}
