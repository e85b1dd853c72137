/// The text form shared by the trained models (`Model/row-model.txt`, `Model/clause-model.txt`):
/// a magic line, then `key value...` header lines, then one `bucket weight` line per non-zero
/// weight; `#` lines are comments. Each model names the keys it needs; this type reads and
/// writes the rest the same way for both.
public struct WeightsFile: Sendable {
    public struct FormatError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let problem: String
        public var description: String { "\(file) line \(line): \(problem)" }
    }

    public var weights: [Float]
    /// Header lines by key, each with its values (`platt 0.2 0.3` → ["0.2", "0.3"]).
    public var header: [String: [Substring]]

    /// Reads `text`, which must open with `magic`, declare `templates` equal to `templates`
    /// and `bits` equal to `RowFeatures.bits`, and hold every key of `required`.
    public init(text: String, file: String, magic: String, templates: String, required: [String]) throws {
        var weights = [Float](repeating: 0, count: RowFeatures.bucketCount)
        var header: [String: [Substring]] = [:]
        var sawMagic = false
        for (n, line) in WeightsFile.lines(text).enumerated() {
            // Nearly every line is a weight: read on its bytes, with no fields cut out of it.
            if sawMagic, let (i, w) = WeightsFile.bucketWeight(line) {
                weights[i] = w
                continue
            }
            let lineNumber = n + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !sawMagic {
                guard line == magic else { throw FormatError(file: file, line: lineNumber, problem: "expected '\(magic)'") }
                sawMagic = true
                continue
            }
            let parts = WeightsFile.fields(line)
            if let i = Int(parts[0]) {
                guard parts.count == 2, (0..<RowFeatures.bucketCount).contains(i), let w = Float(parts[1]), w.isFinite else {
                    throw FormatError(file: file, line: lineNumber, problem: "expected 'bucket weight'")
                }
                weights[i] = w
                continue
            }
            let key = String(parts[0])
            switch key {
            case "templates":
                guard parts.count == 2, parts[1] == templates else {
                    throw FormatError(file: file, line: lineNumber, problem: "trained on other feature templates than \(templates): run make train")
                }
            case "bits":
                guard parts.count == 2, Int(parts[1]) == RowFeatures.bits else {
                    throw FormatError(file: file, line: lineNumber, problem: "bucket bits differ from \(RowFeatures.bits)")
                }
            default:
                guard required.contains(key) else { throw FormatError(file: file, line: lineNumber, problem: "unknown key '\(key)'") }
            }
            header[key] = Array(parts.dropFirst())
        }
        let missing = (["templates", "bits"] + required).filter { header[$0] == nil }
        guard sawMagic, missing.isEmpty else {
            throw FormatError(file: file, line: 0, problem: "header incomplete (magic, \((["templates", "bits"] + required).joined(separator: ", ")))")
        }
        self.weights = weights
        self.header = header
    }

    /// The lines of `text`, as `split(separator: "\n", omittingEmptySubsequences: false)` gives
    /// them, found on the bytes: a line feed is a Character of its own except right after a
    /// carriage return ("\r\n" is one Character, which that split does not cut). Splitting by
    /// Characters cost most of the start-up of a process that extracts.
    static func lines(_ text: String) -> [Substring] {
        let u = text.utf8
        let ends: [Int] = withUTF8Bytes(text) { b in
            var ends: [Int] = []
            for i in b.indices where b[i] == 0x0A && (i == 0 || b[i - 1] != 0x0D) { ends.append(i) }
            return ends
        }
        var out: [Substring] = []
        out.reserveCapacity(ends.count + 1)
        var start = 0
        for end in ends + [u.count] {
            out.append(text[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)])
            start = end + 1
        }
        return out
    }

    /// The bucket and weight of a line that is only digits, one space and a finite number within
    /// 15 ASCII bytes, read as the loop in `init` reads a weight line; nil for any other line, which
    /// that loop then reads itself (and accepts or refuses as before). Such a line is one
    /// Character a byte, so its fields are the bytes around the space; a number that short is a
    /// String with no storage of its own, parsed as the field would be.
    static func bucketWeight(_ line: Substring) -> (Int, Float)? {
        let read: (Int, Float)?? = line.utf8.withContiguousStorageIfAvailable { b in
            var bucket = 0
            var i = 0
            while i < b.count, i < 6, b[i] >= 0x30, b[i] <= 0x39 {
                bucket = bucket * 10 + Int(b[i] &- 0x30)
                i += 1
            }
            guard i > 0, i < b.count, b[i] == 0x20, bucket < RowFeatures.bucketCount else { return nil }
            let number = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            guard !number.isEmpty, number.count <= 15, number.allSatisfy({ $0 > 0x20 && $0 < 0x80 }) else { return nil }
            guard let w = Float(String(decoding: number, as: UTF8.self)), w.isFinite else { return nil }
            return (bucket, w)
        }
        return read ?? nil
    }

    /// The words of a line between spaces, as `split(separator: " ")` gives them. An ASCII line
    /// is cut on its bytes, where every Character is one byte; any other by Characters (a space
    /// before a combining mark is no space Character).
    static func fields(_ line: Substring) -> [Substring] {
        let u = line.utf8
        let cuts: [(Int, Int)]? = withUTF8Bytes(line) { b in
            var cuts: [(Int, Int)] = []
            var start = 0
            for i in b.indices {
                if b[i] >= 0x80 { return nil }
                if b[i] == 0x20 {
                    if start < i { cuts.append((start, i)) }
                    start = i + 1
                }
            }
            if start < b.count { cuts.append((start, b.count)) }
            return cuts
        }
        guard let cuts else { return line.split(separator: " ") }
        return cuts.map { line[u.index(u.startIndex, offsetBy: $0.0)..<u.index(u.startIndex, offsetBy: $0.1)] }
    }

    /// The numbers of a header line, checked: `count` finite values, each passing `valid`.
    public func numbers(_ key: String, count: Int, file: String, valid: (Double) -> Bool = { _ in true }) throws -> [Double] {
        let values = (header[key] ?? []).compactMap { Double($0) }
        guard values.count == count, values.count == header[key]?.count, values.allSatisfy({ $0.isFinite && valid($0) }) else {
            throw FormatError(file: file, line: 0, problem: "'\(key)' needs \(count) valid number\(count == 1 ? "" : "s")")
        }
        return values
    }
}
