/// The form of a name used to compare and search: case-folded, diacritics
/// stripped, apostrophes removed, other punctuation turned into single spaces,
/// a leading "the" dropped. "The Emmaüs-France" and "emmaus france" share a key.
public struct NameKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ name: some StringProtocol) {
        if let ascii = NameKey.asciiKey(name) {
            rawValue = ascii
            return
        }
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
        rawValue = key
    }

    /// The same folding for pure ASCII input, byte by byte; nil when the
    /// name has any non-ASCII byte (then the Unicode path runs).
    private static func asciiKey(_ name: some StringProtocol) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for b in name.utf8 {
            switch b {
            case 0x80...: return nil
            case 0x27, 0x60: continue  // apostrophes are dropped, not separators
            case 0x41...0x5A:
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b + 32)
            case 0x61...0x7A, 0x30...0x39:
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            default:
                pendingSpace = !out.isEmpty
            }
        }
        if out.starts(with: Array("the ".utf8)) { out.removeFirst(4) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words of the key.
    public var words: [Substring] { rawValue.split(separator: " ") }

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
    let key = NameKey(name).rawValue
    var out = ""
    for scalar in key.unicodeScalars {
        if (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value) {
            out.unicodeScalars.append(scalar)
        } else if scalar == " ", !out.isEmpty, out.last != "-" {
            out.append("-")
        }
    }
    while out.last == "-" { out.removeLast() }
    return out.isEmpty ? "organisation" : String(out.prefix(80))
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
