import ExodusCore

/// The country a legal form at the end of a name belongs to: "Kunstencentrum Leiemeers vzw" is
/// Belgian, "Ruderverein Vegesack e.V." German, "Polisportiva Vallesina A.S.D." Italian. Only the
/// forms that one country's law defines (or that one country uses almost alone) are listed: "GmbH"
/// (Germany, Austria, Switzerland), "S.A." or "Ltd" say nothing.
enum LegalForms {
    /// The form, lower case with its full stops and spaces removed, → country. "ApS" (Danish) and
    /// "APS" (Italian) read the same, so neither is listed.
    static let countries: [String: String] = [
        // Belgium: non-profit and cooperative forms in Dutch and French.
        "vzw": "BE", "asbl": "BE", "bvba": "BE", "sprl": "BE", "cvba": "BE", "ivzw": "BE", "aisbl": "BE",
        // Germany.
        "ev": "DE", "ggmbh": "DE", "gbr": "DE",
        // Austria.
        "eu": "AT",
        // Italy: amateur sports clubs, social promotion bodies, companies.
        "asd": "IT", "ssd": "IT", "ssdarl": "IT", "onlus": "IT", "srl": "IT", "spa": "IT", "ets": "IT",
        // Poland.
        "spzoo": "PL",
        // Denmark.
        "a/s": "DK", "i/s": "DK", "k/s": "DK",
        // Sweden: economic associations, limited companies.
        "ekför": "SE", "ekfor": "SE",
        // Finland: registered associations, limited companies.
        "ry": "FI", "oy": "FI", "oyj": "FI",
        // The Netherlands.
        "bv": "NL",
        // Spain.
        "sl": "ES", "slu": "ES",
        // Portugal and Brazil.
        "lda": "PT", "ltda": "BR",
        // Britain: community interest companies and charitable incorporated organisations.
        "cic": "GB", "cio": "GB",
    ]

    /// Forms that follow a name in lower case (Belgian, Finnish, German, Italian): the name takes
    /// them in ("Kunstencentrum Leiemeers vzw").
    static let writtenInLowerCase: Set<String> = ["vzw", "ivzw", "asbl", "aisbl", "bvba", "cvba", "ry", "ggmbh", "onlus"]

    /// Words in a public body's name that one country's system uses: "Rugby Borough Council" and
    /// "Kelby Parish Council" are English, "Mildura Rural City Council" and "Buloke Shire Council"
    /// Australian, an "NHS" trust British, "An Garda Síochána" Irish. The last two words of the
    /// name, or one word anywhere in it.
    static let systemWords: [String: String] = [
        "borough council": "GB", "parish council": "GB", "shire council": "AU", "county borough": "GB",
        "nhs": "GB", "garda": "IE", "gardaí": "IE",
    ]

    /// The country of the legal form that ends `name` (its last one, two or three words), or nil.
    static func country(ofName name: String) -> CountryCode? {
        let words = name.split(separator: " ")
        guard words.count >= 2 else { return nil }
        for n in [3, 2, 1] where words.count > n {
            let tail = words.suffix(n).joined().lowercased().filter { $0 != "." }
            if let c = countries[tail] { return CountryCode(rawValue: c) }
        }
        return nil
    }

    /// The country of a public body's name from the words of one country's system, or nil.
    static func country(ofSystemName name: String) -> CountryCode? {
        let words = name.lowercased().split(separator: " ")
        if words.count >= 2, let c = systemWords[words.suffix(2).joined(separator: " ")] { return CountryCode(rawValue: c) }
        for w in words { if let c = systemWords[String(w)] { return CountryCode(rawValue: c) } }
        return nil
    }
}
