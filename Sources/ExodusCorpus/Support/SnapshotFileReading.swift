import ExodusJSONInput
#if canImport(Glibc)
    import Glibc
#endif

/// Reads a snapshot file whole: sized first, then read into one buffer of that size (a file of
/// hundreds of megabytes is not grown piece by piece), refused above `maxBytes`
/// (`snapshot.maxBytes`, the same cap as a fetched snapshot).
enum SnapshotFileReading {
    static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], FileProblem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(FileProblem(path: path, line: nil, "cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            return .failure(FileProblem(path: path, line: nil, "cannot stat: \(String(cString: strerror(errno)))"))
        }
        let size = Int(st.st_size)
        guard size <= maxBytes else {
            return .failure(FileProblem(path: path, line: nil, "larger than snapshot.maxBytes (\(size) > \(maxBytes) bytes)"))
        }
        var failure: String? = nil
        // One byte more than the size, to notice a file that grew while it was read.
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            var done = 0
            while done < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot read: \(String(cString: strerror(errno)))"
                    break
                }
                if n == 0 { break }
                done += n
            }
            initialized = done
        }
        if let failure { return .failure(FileProblem(path: path, line: nil, failure)) }
        guard bytes.count <= size else {
            return .failure(FileProblem(path: path, line: nil, "changed while it was read"))
        }
        return .success(bytes)
    }
}
