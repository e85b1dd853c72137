import ExodusCore

/// The language an organisation's own name is written in, as the last hint of its country when
/// nothing in the story places it: an English report that names "Fundación Ribera Viva" or "Le
/// Courrier du Tarn" and no place still tells its reader the body is Spanish or French.
///
/// For: "Museo Textil del Kelby" (Spanish: ES), "Librairie coopérative du Tarn" (French: FR),
/// "Institut für Kelbyforschung" (German: DE), "Stichting Tarnhuis" (Dutch: NL), "Kelby Fyr- og
/// Kystmuseum" (Danish or Norwegian: whichever the story names more, else DK).
/// Against: "Kelby Valley Museum" (English words only), "Café Tarn Trust" (one shared accent is
/// not a language), a name whose words point at two languages equally ("Casa del Libro und Tarn").
///
/// The candidates of a language are the countries that write it, most likely first; a candidate
/// the story names as a place wins over the first ("Fundación ..." in a story about Lima is PE).
/// The language only fills a country nothing else gave: it never overrules a place.
enum NameLanguage {
    enum Language: Int, CaseIterable {
        case spanish, portuguese, french, german, dutch, italian, danishOrNorwegian, swedish, finnish
        case irish, welsh, catalan, polish

        /// The countries that write the language, the most likely first.
        var countries: [String] {
            switch self {
            case .spanish: ["ES", "MX", "AR", "CO", "CL", "PE", "UY", "VE", "EC"]
            case .portuguese: ["PT", "BR"]
            case .french: ["FR", "BE", "CH", "CA", "LU"]
            case .german: ["DE", "AT", "CH"]
            case .dutch: ["NL", "BE"]
            case .italian: ["IT", "CH"]
            case .danishOrNorwegian: ["DK", "NO"]
            case .swedish: ["SE", "FI"]
            case .finnish: ["FI"]
            case .irish: ["IE"]
            case .welsh: ["GB"]
            case .catalan: ["ES", "AD"]
            case .polish: ["PL"]
            }
        }
    }

    /// Words of names, lower case, that mark a language: function words and the common head
    /// words of its organisations. A word shared by two languages votes for both.
    static let words: [String: [Language]] = {
        var table: [String: [Language]] = [:]
        func add(_ language: Language, _ list: String) {
            for w in list.split(separator: " ") { table[String(w), default: []].append(language) }
        }
        add(
            .spanish,
            "del los las y fundación fundacion asociación asociacion sindicato universidad ayuntamiento diario periódico periodico noticiero sociedad colegio escuela hermandad cofradía peña agrupación federación confederación junta patronato biblioteca museo centro deportivo deportiva amigos vecinos comunidad mancomunidad consorcio orquesta coro guías trabajadores cooperativa náutico teatro"
        )
        add(
            .portuguese,
            "do da dos das associação associacao fundação fundacao câmara camara clube jornal museu universidade escola sindicato amigos náutico desportivo desportiva esporte futebol correio cooperativa centro biblioteca teatro"
        )
        add(
            .french,
            "du des et le les aux fondation syndicat université musée société compagnie sportive sportif hospitalier lycée école bibliothèque librairie coopérative courrier écho jeunesse amis maison mairie commune conseil fédération comité escalade théâtre"
        )
        add(
            .german,
            "der die das für fuer und im am zu zur zum von vom verein stiftung gesellschaft verband haus zeitung rundschau kammerchor chor kreis landkreis stadt gemeinde hochschule klinikum krankenhaus freunde bund"
        )
        add(
            .dutch,
            "voor het en stichting vereniging omroep ziekenhuis gemeente coöperatie wooncoöperatie samenwerkingsverband lokaal krant vrienden"
        )
        add(
            .italian,
            "della dello degli delle di il gli associazione fondazione comune università ospedale società circolo gruppo giornale sindacato teatro museo biblioteca centro corale filarmonica amici"
        )
        add(
            .danishOrNorwegian,
            "og forening foreningen fagforening kunstforening museet kommune avis avisen havn klub idrettslag fylke stiftelse selskab selskap venner"
        )
        add(.swedish, "och för förening föreningen stiftelsen kommun högskolan tidning tidningen sällskap sällskapet vänner")
        add(.finnish, "ry yhdistys säätiö liitto yliopisto seura kaupunki sairaala")
        add(.irish, "cumann comhairle na raidió")
        add(.welsh, "cymdeithas cyngor prifysgol canolfan ysgol menter papur bro urdd clwb yr")
        add(.catalan, "associació fundació ajuntament universitat diari")
        add(.polish, "stowarzyszenie fundacja związek uniwersytet towarzystwo")
        return table
    }()

    /// English words of names. A name with as many English words as words of its best other
    /// language is read as English: "Della Ravenscroft School of Nursing" is named after a
    /// person, not written in Italian.
    static let englishWords: Set<String> = [
        "of", "the", "and", "for", "school", "society", "club", "association", "union", "trust", "council", "centre", "center",
        "college", "university", "hospital", "museum", "foundation", "institute", "company", "group", "network", "league", "team",
        "radio", "news", "press", "friends", "players", "band", "choir", "church", "library", "gallery", "festival", "partnership",
        "alliance", "project", "service", "services", "department", "nursing", "health", "community", "valley", "river", "city",
    ]

    /// Letters that only some languages write; each distinct one weighs half a word.
    static let letters: [Character: [Language]] = [
        "ñ": [.spanish], "ã": [.portuguese], "õ": [.portuguese], "ç": [.french, .portuguese],
        "è": [.french], "ù": [.french], "ë": [.french, .dutch], "î": [.french], "û": [.french],
        "ü": [.german], "ß": [.german], "ä": [.german, .swedish, .finnish], "ö": [.german, .swedish, .finnish],
        "ø": [.danishOrNorwegian], "æ": [.danishOrNorwegian], "å": [.danishOrNorwegian, .swedish],
        "ò": [.italian], "ì": [.italian], "ŵ": [.welsh], "ŷ": [.welsh],
        "ł": [.polish], "ą": [.polish], "ę": [.polish], "ż": [.polish], "ś": [.polish],
    ]

    /// `words` and `englishWords` in one `WordTable`, for the ASCII words of ASCII names: a
    /// word's number gives its languages (`asciiLanguages`), or marks it English. The table
    /// answers as the dictionary and the set would (an ASCII word can equal only an ASCII key),
    /// and is asked with the word's bytes, so no String is made for a word.
    private static let asciiTable: (table: WordTable, languages: [[Language]], english: [Bool]) = {
        var table = WordTable()
        var languages: [[Language]] = []
        var english: [Bool] = []
        for w in words.keys.sorted() where w.utf8.allSatisfy({ $0 < 0x80 }) {
            if Int(table.insert(w)) == languages.count {
                languages.append(words[w]!)
                english.append(false)
            }
        }
        for w in englishWords.sorted() where words[w] == nil {
            if Int(table.insert(w)) == languages.count {
                languages.append([])
                english.append(true)
            }
        }
        return (table, languages, english)
    }()

    private static let languageCount = Language.allCases.count

    /// The language the name is written in: the one with the most votes (a word two, a letter
    /// one), if it has a word's worth and no other language ties it.
    static func language(of name: String) -> Language? {
        var votes = filledArray(0, count: languageCount)
        var english = 0
        // An ASCII name is read on its bytes (no letter of `letters` is ASCII); others by characters.
        var bytes = name
        let asciiAnswer: Bool = bytes.withUTF8 { b in
            guard WordTable.isASCII(b) else { return false }
            let known = asciiTable
            // A word of up to 24 letters, lower-cased here; a longer one is not looked up.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { word in
                var n = 0
                func count() {
                    if n > 0, n <= 24 {
                        let w = UnsafeBufferPointer(rebasing: word[0..<n])
                        let id = known.table.find(ascii: w, hash: WordTable.hash(w))
                        if id != noWord {
                            if known.english[Int(id)] {
                                english += 2
                            } else {
                                for l in known.languages[Int(id)] { votes[l.rawValue] += 2 }
                            }
                        }
                    }
                    n = 0
                }
                for x in b {
                    switch x {
                    case 0x41...0x5A, 0x61...0x7A:
                        // Past 24 letters the word is only counted, to be passed over.
                        if n < 24 { word[n] = x | 0x20 }
                        n += 1
                    default: count()
                    }
                }
                count()
            }
            return true
        }
        if asciiAnswer { return winner(votes, english: english) }
        let lower = name.lowercased()
        var word = ""
        func count() {
            if let ls = words[word] {
                for l in ls { votes[l.rawValue] += 2 }
            } else if englishWords.contains(word) {
                english += 2
            }
            word = ""
        }
        for ch in lower {
            if ch.isLetter { word.append(ch) } else { count() }
        }
        count()
        var seen = Set<Character>()
        for ch in lower where !seen.contains(ch) {
            guard let ls = letters[ch] else { continue }
            seen.insert(ch)
            for l in ls { votes[l.rawValue] += 1 }
        }
        return winner(votes, english: english)
    }

    /// The language with the most votes, if it has a word's worth and neither another language
    /// nor English (`english`) ties it.
    private static func winner(_ votes: [Int], english: Int) -> Language? {
        guard let best = votes.indices.max(by: { votes[$0] < votes[$1] }), votes[best] >= 2, votes[best] > english else { return nil }
        if votes.indices.contains(where: { $0 != best && votes[$0] == votes[best] }) { return nil }
        return Language(rawValue: best)
    }
}

extension NameLanguage.Language {
    /// Of the countries that write the language, the one the story names most (`votes`), else the
    /// most likely.
    func country(votes: [CountryCode: Int]) -> CountryCode? {
        let candidates = countries.compactMap { CountryCode(rawValue: $0) }
        var best: CountryCode? = nil
        var bestVotes = 0
        for c in candidates where votes[c, default: 0] > bestVotes {
            best = c
            bestVotes = votes[c, default: 0]
        }
        return best ?? candidates.first
    }
}
