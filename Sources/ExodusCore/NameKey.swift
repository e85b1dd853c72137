/// The form of a name used to compare and search: case-folded, diacritics
/// stripped, apostrophes removed, other punctuation turned into single spaces,
/// a leading "the" dropped. "The Emmaüs-France" and "emmaus france" share a key.
public struct NameKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ name: some StringProtocol) {
        rawValue = NameKey.asciiKey(name) ?? NameKey.unicodeKey(name)
    }

    /// The same key for a `String`, the usual argument: called from another module, the generic
    /// initialiser above runs unspecialised (every byte access through a witness table), which
    /// cost more than building the key. This one reads the string's bytes directly.
    public init(_ name: String) {
        var bytes = name
        rawValue = bytes.withUTF8 { NameKey.asciiKey(bytes: $0) } ?? NameKey.unicodeKey(name)
    }

    /// The key of any name, scalar by scalar (`asciiKey` is the same for ASCII names).
    private static func unicodeKey(_ name: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if NameKey.apostrophes.contains(scalar.value) { continue }
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let folded = NameKey.fold(scalar)
            if folded.isEmpty {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(contentsOf: folded)
        }
        var key = String(out)
        if key.hasPrefix("the ") { key.removeFirst(4) }
        return key
    }

    /// The same folding for pure ASCII input, byte by byte, written straight into the
    /// result's storage; nil when the name has any non-ASCII byte (then the Unicode path runs).
    private static func asciiKey(_ name: some StringProtocol) -> String? {
        if let done = name.utf8.withContiguousStorageIfAvailable({ asciiKey(bytes: $0) }) { return done }
        return Array(name.utf8).withUnsafeBufferPointer { asciiKey(bytes: $0) }
    }

    private static func asciiKey(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        // The key is never longer than the name: every byte gives at most one, and a
        // separator's space is written only in place of the separator before a letter.
        let key = String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var pendingSpace = false
            for b in bytes {
                switch b {
                case 0x80...: ascii = false; return 0
                case 0x27, 0x60: continue  // apostrophes are dropped, not separators
                case 0x41...0x5A, 0x61...0x7A, 0x30...0x39:
                    if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                    out[n] = b >= 0x41 && b <= 0x5A ? b + 32 : b
                    n += 1
                default:
                    pendingSpace = n > 0
                }
            }
            // A leading "the ".
            if n >= 4, out[0] == 0x74, out[1] == 0x68, out[2] == 0x65, out[3] == 0x20 {
                for i in 4..<n { out[i - 4] = out[i] }
                n -= 4
            }
            return n
        }
        return ascii ? key : nil
    }

    /// The words of the key.
    public var words: [Substring] {
        // An ASCII key (the usual case) splits at its space bytes; other keys split by
        // Characters, where a space followed by a combining mark is no separator.
        let u = rawValue.utf8
        var out: [Substring] = []
        var start = u.startIndex
        var i = start
        while i < u.endIndex {
            let b = u[i]
            if b >= 0x80 { return rawValue.split(separator: " ") }
            if b == 0x20 {
                if start < i { out.append(rawValue[start..<i]) }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if start < u.endIndex { out.append(rawValue[start..<u.endIndex]) }
        return out
    }

    /// True when the words of one key occur contiguously in the other.
    public func containsWords(of other: NameKey) -> Bool {
        let a = words, b = other.words
        guard !a.isEmpty, !b.isEmpty, b.count <= a.count else { return false }
        for start in 0...(a.count - b.count) where a[start..<(start + b.count)].elementsEqual(b) {
            return true
        }
        return false
    }

    public var description: String { rawValue }
    public static func < (a: NameKey, b: NameKey) -> Bool { a.rawValue < b.rawValue }

    private static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x2018, 0x2BC, 0x60, 0xB4]

    /// Lower-cases a letter or digit and strips its accent; returns an empty
    /// view for anything that separates words.
    private static func fold(_ s: Unicode.Scalar) -> String.UnicodeScalarView {
        let v = s.value
        if (0x41...0x5A).contains(v) { return String.UnicodeScalarView([Unicode.Scalar(v + 32)!]) }
        if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) { return String.UnicodeScalarView([s]) }
        if v < 0x80 { return String.UnicodeScalarView() }
        if let base = latinBase[v] { return base.unicodeScalars }
        let props = s.properties
        if props.isAlphabetic || props.numericType != nil {
            return String.UnicodeScalarView(s.properties.lowercaseMapping.unicodeScalars)
        }
        return String.UnicodeScalarView()
    }

    /// Accented Latin letters (Latin-1 Supplement and Latin Extended-A) to their base letters.
    private static let latinBase: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄą"), ("ae", "Ææ"), ("c", "ÇçĆćĈĉĊċČč"), ("d", "ĎďĐðđÐ"),
            ("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě"), ("g", "ĜĝĞğĠġĢģ"), ("h", "ĤĥĦħ"), ("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı"),
            ("j", "Ĵĵ"), ("k", "Ķķ"), ("l", "ĹĺĻļĽľĿŀŁł"), ("n", "ÑñŃńŅņŇň"), ("o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐő"),
            ("oe", "Œœ"), ("r", "ŔŕŖŗŘř"), ("s", "ŚśŜŝŞşŠš"), ("ss", "ß"), ("t", "ŢţŤťŦŧ"), ("th", "Þþ"),
            ("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų"), ("w", "Ŵŵ"), ("y", "ÝýÿŶŷŸ"), ("z", "ŹźŻżŽž"),
        ]
        for (base, letters) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = base }
        }
        return table
    }()
}

/// A URL- and filename-safe identifier made from a name: "Emmaüs France" → `emmaus-france`.
public func slug(_ name: some StringProtocol) -> String {
    // On the key's bytes: a-z and 0-9 are kept, a space becomes one "-", anything else
    // (including every byte of a non-ASCII letter) is dropped; at most 80 bytes.
    var key = NameKey(name).rawValue
    let out = key.withUTF8 { bytes in
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            for b in bytes {
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    out[n] = b; n += 1
                } else if b == 0x20, n > 0, out[n - 1] != 0x2D {
                    out[n] = 0x2D; n += 1
                }
            }
            while n > 0, out[n - 1] == 0x2D { n -= 1 }
            return min(n, 80)
        }
    }
    return out.isEmpty ? "organisation" : out
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, newlines).
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
