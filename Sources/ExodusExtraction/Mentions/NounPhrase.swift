import ExodusCore

/// A noun phrase that may name or describe an organisation (or a pronoun, a
/// person, a place), found by scanning a sentence's tokens.
struct NounPhrase: Sendable {
    var start: Int
    var end: Int
    var name: String = ""
    var aliases: [String] = []
    /// Carries a proper name ("North Wales Police"), not only a description ("the ministry").
    var named = false
    var kind: OrganisationKind?
    /// Singular head word of a description or of a kind word in the name.
    var head: String?
    var plural = false
    var count: Int?
    /// A vague quantifier: "several businesses", "other institutions".
    var frame = false
    var indefinite = false
    var definite = false
    var pronoun: String?
    var person = false
    var place = false
    var platform = false
    var country: CountryCode?
    /// A description with something that pins it down: a country, a place, a named modifier, a count.
    var specific = false
    /// The possessed thing is the organisation's account ("Falmouth University's account").
    var viaAccount = false
    /// Introduced by a plural description ("US broadcasters NPR and PBS"): its kind and country carry over the list.
    var sharedDescriptor = false

    var isOrganisation: Bool { pronoun == nil && !person && !place && !platform && (named || kind != nil) }
}

let pronouns: Set<String> = ["it", "they", "we", "she", "he"]
let determiners: Set<String> = ["the", "a", "an", "this", "these", "those", "its", "their", "our"]
/// Connectors allowed inside a proper name.
/// Besides English, the articles and conjunctions of the languages whose names news in English
/// quotes whole: Catalan ("Fundació Horta Nord per la Cooperació i el Desenvolupament"), Spanish,
/// Portuguese, Italian, Dutch ("Stichting Friese Kunst en Ambacht"), German ("Verein für
/// Socialpolitik"), the Scandinavian languages and Irish ("Cumann Staire agus Oidhreachta"). A connector stays inside a name only when a
/// capitalised word follows it, so "en route" or "i.e." ends nothing.
let nameConnectors: Set<String> = [
    "of", "de", "des", "du", "la", "le", "les", "del", "della", "der", "den", "van", "von", "y", "&", "for", "and", "the", "di", "da",
    "per", "i", "el", "els", "dels", "e", "das", "dei", "degli", "delle", "voor", "en", "het", "für", "und", "zur", "zum", "och", "og",
    "pour", "et", "agus", "los", "las", "dos", "do", "för", "av", "på", "ja", "o", "v", "ve", "w", "na", "z", "ze", "os",
    "para", "pela", "pelo",
]
/// Words that end the name of a body without saying its kind ("Advice Centre", "Housing Trust").
let organisationHeads: Set<String> = [
    "centre", "center", "centres", "trust", "partnership", "guild", "alliance", "collective", "cooperative", "co-operative",
    "committee", "board", "fund", "project", "initiative", "forum", "services", "larder", "bank", "council", "association",
    "network", "ambulance",
]
let foreignConnectors: Set<String> = [
    "de", "des", "du", "del", "della", "der", "di", "da", "per", "els", "dels", "das", "dei", "degli", "delle", "voor", "für", "pour",
    "för", "av", "på", "para", "pela", "pelo",
]
/// Capitalised words that start sentences but do not start names.
let capitalisedFunctionWords: Set<String> = [
    "the", "a", "an", "in", "on", "at", "last", "this", "that", "these", "those", "it", "its", "they", "their", "we",
    "he", "she", "his", "her", "but", "and", "or", "however", "among", "after", "before", "since", "while",
    "when", "by", "for", "from", "with", "as", "now", "elsewhere", "there", "what", "why", "how", "who",
    "according", "following", "meanwhile", "also", "if", "although", "despite", "our", "my", "one", "such",
    "formerly", "credit", "image", "photo", "published", "read", "more", "most", "all", "both", "each",
    "i", "you", "yes", "no", "not", "so", "then", "than", "because", "even", "still", "just", "only",
    "yesterday",
    // Auxiliaries that open a question ("Did the Murray River Fire and Rescue Service quit X?").
    "did", "does", "do", "has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "should",
    "which", "where",
    // Quantifiers and people who comment, which open sentences but are no organisation's name
    // ("None of the companies said ...", "Analysts said ...", "Outside the UK, ...").
    "none", "outside", "inside", "some", "many", "several", "few", "others", "analysts", "critics", "experts",
    "officials", "observers",
    // Prepositions that open a sentence before a place ("Beyond Groningen, SURF ...").
    "beyond", "across", "around", "throughout", "along", "within", "besides", "unlike", "during", "until", "like",
    // Prepositions of a title-case headline ("Charities Sign Pledge To Stop Using X").
    "to", "into", "onto", "about", "against", "via", "toward", "towards",
    // Greetings that open a headline ("Goodbye, X: why ...").
    "goodbye", "farewell",
]
/// Labels that open a headline before a colon ("Live: Who is leaving X?", "Q&A: ..."), not
/// names; a label of several tokens is spelled without its spaces ("q&a").
let headlineLabels: Set<String> = [
    "live", "watch", "analysis", "explainer", "opinion", "breaking", "exclusive", "update", "updates", "comment", "listen",
    "interview", "q&a", "faq", "video", "podcast", "editorial", "poll", "gallery", "factcheck",
]
/// Lower-case words that cannot be part of a description.
let functionWords: Set<String> = [
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "is", "are", "was", "were", "be", "been", "being",
    "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "do", "does", "did",
    "said", "says", "that", "which", "who", "whom", "whose", "with", "for", "from", "by", "as", "it", "its",
    "their", "they", "them", "we", "our", "also", "not", "no", "than", "then", "this", "these", "those", "there",
    "after", "before", "since", "while", "when", "where", "because", "but", "so", "if", "into", "over", "under",
    "about", "between", "through", "against", "up", "out", "off", "all", "any", "each", "more", "most", "such",
    "own", "other", "others", "both", "he", "she", "his", "her", "him", "what", "whether", "including", "now",
    "via", "like", "just", "only", "even", "still", "yet", "too", "very", "said", "told", "announced", "stated",
    "one", "ago", "across", "within", "without", "among", "amid", "amidst", "per", "how", "why",
    "becomes", "become", "became", "remains", "remained", "seems", "appears",
]
let numberWords: [String: Int] = [
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozens": 24, "hundreds": 200,
]
let countPrefixes: [[String]] = [
    ["more", "than"], ["at", "least"], ["over"], ["nearly"], ["almost"], ["about"], ["around"], ["some"],
    ["up", "to"], ["fewer", "than"], ["less", "than"], ["roughly"], ["approximately"], ["a", "further"],
    // A collective that is its count: "a coalition of 12 shelters", "an alliance of 40 charities".
    ["a", "coalition", "of"], ["a", "group", "of"], ["an", "alliance", "of"],
]

let countPrefixStarts: Set<String> = Set(countPrefixes.map { $0[0] })

/// "universities" → "university", "colleges" → "college".
func singular(_ w: String) -> String {
    if let answer = asciiSingular(w) { return answer }
    if w.hasSuffix("ies"), w.count > 4 { return String(w.dropLast(3)) + "y" }
    if w.hasSuffix("sses") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") { return String(w.dropLast(2)) }
    if w.hasSuffix("s"), !w.hasSuffix("ss"), w.count > 3, w != "news", w != "press", w != "times", w != "bus" { return String(w.dropLast()) }
    return w
}

/// `singular` of an ASCII word without a carriage return, on its bytes: there every character
/// is one byte (only "\r\n" makes two bytes one character), so the suffixes, counts and
/// comparisons are the same read as bytes. Nil for any other word.
private func asciiSingular(_ w: String) -> String? {
    var copy = w
    return copy.withUTF8 { b -> String? in
        guard WordTable.isASCII(b), !b.contains(0x0D) else { return nil }
        let n = b.count
        func ends(_ suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            guard m <= n else { return false }
            let p = suffix.utf8Start
            for i in 0..<m where b[n - m + i] != p[i] { return false }
            return true
        }
        func prefix(_ k: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[0..<k]), as: UTF8.self) }
        if ends("ies"), n > 4 { return prefix(n - 3) + "y" }
        if ends("sses") || ends("ches") || ends("shes") || ends("xes") { return prefix(n - 2) }
        if ends("s"), !ends("ss"), n > 3, w != "news", w != "press", w != "times", w != "bus" { return prefix(n - 1) }
        return w
    }
}

func isPluralWord(_ w: String) -> Bool { singular(w) != w }

/// A number written in digits or words ("60", "Eighty-seven", "seven").
func parseCount(_ token: Token) -> Int? {
    if token.isNumber { return Int(token.text) ?? Int(String(token.text.filter { $0 != "," })) }
    // Most words have no hyphen: one lookup, no splitting (every value is positive).
    if !withUTF8(token.lower, { $0.contains(0x2D) }) { return token.classes.contains(.number) ? numberWords[token.lower] : nil }
    let parts = token.lower.split(separator: "-")
    var total = 0
    for p in parts {
        guard let n = numberWords[String(p)] else { return nil }
        total += n
    }
    return total > 0 ? total : nil
}

/// Upper-cases the first letter of a description used as a name.
/// A word of three or more letters, all capitals ("MANCHESTER"), as in a dateline.
func isShouted(_ w: String) -> Bool {
    // ASCII (asked of every capitalised word): on the bytes, where only A-Z are upper case.
    let u = w.utf8
    if u.allSatisfy({ $0 < 0x80 }) { return u.count >= 3 && u.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D } }
    return w.unicodeScalars.count >= 3 && w.unicodeScalars.allSatisfy { $0.properties.isUppercase || $0 == "-" }
}

/// "MANCHESTER" -> "Manchester".
func titleCased(_ w: String) -> String { w.prefix(1) + w.dropFirst().lowercased() }

func capitaliseFirst(_ s: String) -> String {
    guard let f = s.first else { return s }
    return f.uppercased() + s.dropFirst()
}
