import Testing

@testable import ExodusExtraction

/// WordTable numbers strings as a `[String: Int]` keyed by them would, however it hashes them
/// (texts past `WordTable.sampledLength` bytes are hashed on a few of their bytes).
@Suite struct WordTableTests {
    @Test func numbersLongTextsAsADictionaryWould() {
        let base = String(repeating: "abcdefgh", count: 8)
        // Same length, start, middle and end: they differ only in bytes the hash does not read.
        var texts = [base]
        for i in [17, 20, 41, 50] {
            var bytes = Array(base.utf8)
            bytes[i] = 0x5A
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        texts += [base + "x", "The union said on Tuesday that it would leave X.", "Caf\u{E9} " + base, "Cafe\u{301} " + base, "short"]
        var table = WordTable()
        var dictionary: [String: Int] = [:]
        for t in texts + texts.reversed() {
            let id = Int(table.insert(t))
            let expected = dictionary[t] ?? dictionary.count
            dictionary[t] = expected
            #expect(id == expected, "\(t)")
        }
        for t in texts { #expect(Int(table.find(t)) == dictionary[t]) }
        #expect(table.find(base + "y") == noWord)
    }

    /// The tokenizer hashes a word's bytes as it reads them; a word longer than the sampled
    /// length must still find its number.
    @Test func longTokenFindsItsNumber() {
        let long = String(repeating: "internationalisation", count: 2)
        #expect(long.utf8.count > WordTable.sampledLength)
        var words = WordIndex.basic
        let id = words.addLower(long)
        let raw = words.addRaw("Long" + long)
        let tokens = splitSentences("They said \(long) and Long\(long) twice.", words: words).flatMap(\.tokens)
        #expect(tokens.first { $0.lower == long }?.word == id)
        #expect(tokens.first { $0.raw == "Long" + long }?.rawWord == raw)
    }
}
