// Small file and clock helpers the corpus code and the executable both use.
#if canImport(Glibc)
    import Glibc
#endif

/// Whether anything exists at `path`.
package func fileExists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0
}

/// Why `path` cannot be used as a folder, or nil when it is one.
package func folderProblem(_ path: String) -> String? {
    var st = stat()
    guard stat(path, &st) == 0 else { return String(cString: strerror(errno)) }
    return (st.st_mode & S_IFMT) == S_IFDIR ? nil : "not a folder"
}

/// Seconds since 1970 by the wall clock.
package func unixTime() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec)
}

/// Writes all of `bytes` to a file descriptor, retrying short writes and EINTR.
package func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { b in
        var off = 0
        while off < b.count {
            let n = write(fd, b.baseAddress! + off, b.count - off)
            if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
            off += n
        }
    }
}

/// Seconds by a clock that never goes back, for durations.
package func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
