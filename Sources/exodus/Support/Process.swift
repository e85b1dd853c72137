#if canImport(Glibc)
import Glibc
#endif

/// Small process-level helpers kept in one place.
func fileExists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0
}

/// Why `path` cannot be used as a folder, or nil when it is one.
func folderProblem(_ path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return String(cString: strerror(errno)) }
    return (st.st_mode & S_IFMT) == S_IFDIR ? nil : "not a folder"
}

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
    return String(cString: buffer)
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

func unixTime() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec)
}

/// Writes all of `bytes` to a file descriptor, retrying short writes and EINTR.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { b in
        var off = 0
        while off < b.count {
            let n = write(fd, b.baseAddress! + off, b.count - off)
            if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
            off += n
        }
    }
}

/// Writes text to stderr in one call, ending it with a newline.
func printError(_ text: String) {
    writeAll(2, Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes bytes to stdout in full.
func writeStdout(_ bytes: [UInt8]) { writeAll(1, bytes) }

var stdoutIsTerminal: Bool { isatty(1) == 1 }

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Flushes Swift's buffered stdout so a supervisor reading the pipe sees the line now.
func fflushStdout() { fflush(nil) }
