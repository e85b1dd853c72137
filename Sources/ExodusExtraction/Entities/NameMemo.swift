import ExodusCore

/// What a run has worked out of each distinct name it met: its key, its content words and its
/// cross-language form (see `ExtractionRun.key`, `contentWords` and `crossLanguageForm`). A name is found by a `WordTable`, which hashes its
/// bytes, rather than by a `[String: _]`, which hashes it with SipHash and checks its
/// normalisation at every look-up; both tell names apart by `==` alike.
struct NameMemo {
    private var names = WordTable()
    private var keys: [NameKey?] = []
    private var contentWords: [ContentWords?] = []
    private var forms: [String??] = []

    /// The number of `name`, numbering it if it is new.
    mutating func slot(_ name: String) -> Int {
        let id = Int(names.insert(name))
        if id == keys.count {
            keys.append(nil)
            contentWords.append(nil)
            forms.append(nil)
        }
        return id
    }

    func key(at slot: Int) -> NameKey? { keys[slot] }
    mutating func setKey(_ key: NameKey, at slot: Int) { keys[slot] = key }

    func contentWords(at slot: Int) -> ContentWords? { contentWords[slot] }
    mutating func setContentWords(_ words: ContentWords, at slot: Int) { contentWords[slot] = words }

    func form(at slot: Int) -> String?? { forms[slot] }
    mutating func setForm(_ form: String?, at slot: Int) { forms[slot] = .some(form) }
}
