import ExodusCore

private let nameStopWords: Set<String> = ["of", "the", "and", "de", "des", "du", "la", "le", "l", "d", "for"]
/// The same words as bytes, for ASCII text.
private let nameStopWordBytes: [[UInt8]] = nameStopWords.map { Array($0.utf8) }

/// Whether an ASCII word, lower-cased, is one of `nameStopWords`.
private func isNameStopWord(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
    nameStopWordBytes.contains { s in
        s.count == w.count && zip(s, w).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 + 32 : $1) }
    }
}

/// Comparing names: name keys and content words (both memoised per run), acronyms and
/// initials, and the test that tells two overlapping names of different bodies apart.
extension ExtractionRun {
    /// The name key of a name (see `nameMemo`).
    mutating func key(_ name: String) -> NameKey {
        let slot = nameMemo.slot(name)
        if let k = nameMemo.key(at: slot) { return k }
        let k = NameKey(name)
        nameMemo.setKey(k, at: slot)
        return k
    }

    /// The words of a name's key, less the connectors that `nameStopWords` lists.
    mutating func contentWords(_ name: String) -> ContentWords {
        let slot = nameMemo.slot(name)
        if let w = nameMemo.contentWords(at: slot) { return w }
        var k = key(name).rawValue
        // An ASCII key (nearly all) is split at its spaces and filtered on its bytes.
        let ascii: ContentWords? = k.withUTF8 { b in
            var spaces = 0
            for x in b {
                if x >= 0x80 { return nil }
                if x == 0x20 { spaces += 1 }
            }
            var out = ContentWords(capacity: spaces + 1)
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                defer { start = i + 1 }
                let word = UnsafeBufferPointer(rebasing: b[start..<i])
                if start < i, !isNameStopWord(word) { out.insert(String(decoding: word, as: UTF8.self)) }
            }
            return out
        }
        let w =
            ascii
            ?? key(name).words.map(String.init).filter { !nameStopWords.contains($0) }.reduce(into: ContentWords()) { $0.insert($1) }
        nameMemo.setContentWords(w, at: slot)
        return w
    }

    /// The name's `crossLanguageForm` (see `nameMemo`).
    mutating func crossLanguageForm(_ name: String) -> String? {
        let slot = nameMemo.slot(name)
        if let f = nameMemo.form(at: slot) { return f }
        let f = ExodusExtraction.crossLanguageForm(name)
        nameMemo.setForm(f, at: slot)
        return f
    }

    /// A name written as one all-capital word of two to six letters ("KANM", "FPR").
    /// `mutating` only so that `register` passes the run by reference (see `isBarePerson`).
    mutating func isAcronymName(_ name: String) -> Bool {
        // ASCII (nearly every name, and it is asked for every entity at every mention): bytes.
        var bytes = name
        let ascii: Bool? = bytes.withUTF8 { b in
            for x in b where x >= 0x80 { return nil }
            return (2...6).contains(b.count) && b.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        }
        if let ascii { return ascii }
        return (2...6).contains(name.count) && name.unicodeScalars.allSatisfy { $0.properties.isUppercase }
    }

    /// The initials of a name of three or more capitalised words, hyphenated parts counted apart
    /// ("Kenya Association of Nurse-Midwives" is "KANM") and short lower-case connectors skipped;
    /// nil for shorter names.
    func initials(_ name: String) -> String? {
        if let ascii = asciiInitials(name) { return ascii }
        let parts = name.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard parts.count >= 3 else { return nil }
        var out = ""
        for w in parts {
            if nameStopWords.contains(w.lowercased()) { continue }
            // A short lower-case connector of any language ("et", "und", "für") has no letter in
            // the short form: "Observatoire des Sols et des Eaux de Montagne" is "OSEM".
            if w.count <= 4, w.allSatisfy(\.isLowercase) { continue }
            guard let f = w.first, f.isUppercase else { return nil }
            out.append(f)
        }
        return out.count >= 3 ? out : nil
    }

    /// `initials(_:)` of an ASCII name, worked out on its bytes in one pass (there a Character
    /// is a byte, and only A-Z are upper case); nil (outer) when the name is not ASCII.
    private func asciiInitials(_ name: String) -> String?? {
        var name = name
        return name.withUTF8 { b -> String?? in
            for x in b where x >= 0x80 { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count + 1) { out -> String?? in
                var parts = 0, letters = 0
                var failed = false
                var start = 0
                for i in 0...b.count where i == b.count || b[i] == 0x20 || b[i] == 0x2D {
                    defer { start = i + 1 }
                    guard start < i else { continue }
                    parts += 1
                    if isNameStopWord(UnsafeBufferPointer(rebasing: b[start..<i])) { continue }
                    if i - start <= 4, b[start..<i].allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { continue }
                    let f = b[start]
                    if f >= 0x41 && f <= 0x5A { out[letters] = f; letters += 1 } else { failed = true }
                }
                guard parts >= 3, !failed, letters >= 3 else { return .some(nil) }
                return .some(String(decoding: UnsafeBufferPointer(rebasing: out[0..<letters]), as: UTF8.self))
            }
        }
    }

    /// The kind words ("council", "department", "university") of some names.
    mutating func kindWords(_ names: [String]) -> Set<String> {
        var out = Set<String>()
        for n in names { for w in key(n).words where lexicon.kinds.contains([String(w)]) { out.insert(String(w)) } }
        return out
    }

    /// Two names whose words overlap but that name different bodies: "University of Vienna" and
    /// "Vienna University of Economics and Business" (different words after "of"), "University of
    /// Leeds" and "Leeds Beckett University" (a distinguishing word before the kind word).
    mutating func distinctNames(_ a: String, _ b: String) -> Bool {
        let wa = key(a).words.map(String.init), wb = key(b).words.map(String.init)
        func afterOf(_ w: [String]) -> Set<String>? {
            guard let i = w.firstIndex(of: "of") else { return nil }
            return Set(w[(i + 1)...].filter { !nameStopWords.contains($0) })
        }
        if let x = afterOf(wa), let y = afterOf(wb), x != y { return true }
        let (short, long) = wa.count <= wb.count ? (wa, wb) : (wb, wa)
        // The closure captures the table, not `self`: a run cannot be copied into a closure.
        let kinds = lexicon.kinds
        let isKind: (String) -> Bool = { kinds.contains([$0]) }
        guard short.filter({ !nameStopWords.contains($0) }).count >= 2, short.contains(where: isKind), let firstKind = long.firstIndex(where: isKind) else {
            return false
        }
        let shortSet = Set(short)
        return long[..<firstKind].contains { !shortSet.contains($0) && !nameStopWords.contains($0) }
    }
}
