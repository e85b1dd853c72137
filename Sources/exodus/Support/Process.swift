// Process-level helpers of the command line: paths, the environment, stdout and stderr.
import ExodusCorpus
#if canImport(Glibc)
    import Glibc
#endif

/// The path with links, `.` and `..` resolved, or the path itself when it cannot be resolved.
func canonicalPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The working directory, for messages about relative paths.
func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    // The bytes up to the terminating zero (`String(cString:)` on an array is deprecated).
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func currentEnvironment() -> [String: String] {
    var out: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") {
            out[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
        p += 1
    }
    return out
}

/// Writes text to stderr in one call, ending it with a newline.
func printError(_ text: String) {
    writeAll(2, Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes bytes to stdout in full.
func writeStdout(_ bytes: [UInt8]) { writeAll(1, bytes) }

var stdoutIsTerminal: Bool { isatty(1) == 1 }

/// Flushes Swift's buffered stdout so a supervisor reading the pipe sees the line now.
func fflushStdout() { fflush(nil) }
