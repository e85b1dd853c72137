// Trimming by Unicode scalar, the two sets this module and ExodusFetch need (shared with
// `package` access). Foundation's `trimmingCharacters(in:)` would do, but it lives in full
// Foundation on Linux (not in FoundationEssentials), and full Foundation costs every process
// about 6 MiB of resident memory (it maps ICU); see ExodusFetch's FetchTypes.swift.

extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespaces`: space separators and tab.
    package var isSpaceOrTab: Bool {
        self == "\t" || properties.generalCategory == .spaceSeparator
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`, which is Unicode's White_Space.
    package var isSpaceOrNewline: Bool { properties.isWhitespace }
}

extension StringProtocol {
    /// The text without the leading and trailing scalars that `unwanted` matches.
    package func trimming(_ unwanted: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !unwanted($0) }),
            let last = scalars.lastIndex(where: { !unwanted($0) })
        else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}
