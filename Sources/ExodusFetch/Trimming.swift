// Trimming by Unicode scalar, the two sets this module needs. Foundation's
// `trimmingCharacters(in:)` would do, but it lives in full Foundation on Linux (not in
// FoundationEssentials), and full Foundation costs every process about 6 MiB of resident
// memory (it maps ICU); see FetchTypes.swift.

extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespaces`: space separators and tab.
    var isSpaceOrTab: Bool {
        self == "\t" || properties.generalCategory == .spaceSeparator
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`, which is Unicode's White_Space.
    var isSpaceOrNewline: Bool { properties.isWhitespace }
}

extension StringProtocol {
    /// The text without the leading and trailing scalars that `unwanted` matches.
    func trimming(_ unwanted: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !unwanted($0) }),
              let last = scalars.lastIndex(where: { !unwanted($0) }) else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}
