import ExodusCore

/// Names of French, Italian, Spanish and Portuguese bodies carry lower-case adjectives after
/// their head word: "Université populaire du Florival", "Centre hospitalier intercommunal
/// Lauch-Fecht", "Institut alsacien de recherche viticole", "Alliance rhénane pour les réseaux
/// ouverts". English prose puts a verb or a function word after a name, so a short run of
/// lower-case words after such a head belongs to the name when one of them looks Romance (an
/// accent or a Romance ending) and none looks English (a function word, "-ed", "-ing", "-ly").
extension PhraseScanner {
    /// The end (exclusive) of a Romance lower-case run at j inside a name that opens at k, or nil.
    func romanceRunEnd(_ j: Int, nameStart k: Int) -> Int? {
        guard romanceHeads.contains(lower(k)) else { return nil }
        // After a connector of the name ("pour le web libre") the words need not look Romance:
        // the connector already says the name goes on in its own language.
        let afterConnector = j > k + 1 && tokens[j - 1].classes.contains(.nameConnector) && !tokens[j - 1].isCapitalised
        return romanceRun(from: j, count: count, afterConnector: afterConnector) { e in
            tokens[e].isWord && !tokens[e].isCapitalised && !tokens[e].isNumber && !isElided(e) && !tokens[e].classes.contains(.nameConnector)
                ? lower(e) : nil
        }
    }
}

/// The end (exclusive) of a run of one to three lower-case words from `start` (of `count`), each
/// given by `word` (nil for a token that cannot be one: a capitalised word, a connector ...),
/// none looking English and one looking Romance, or any after a connector; nil when there is none.
/// Both name readers ask it: the phrase scanner's tokens and the repair rules' pieces.
func romanceRun(from start: Int, count: Int, afterConnector: Bool, word: (Int) -> String?) -> Int? {
    var e = start
    var romance = false
    while e < count, e - start < 3, let w = word(e), looksUnEnglish(w) {
        if looksRomance(w) { romance = true }
        e += 1
    }
    return e > start && (romance || afterConnector) ? e : nil
}

/// No English function word and no English inflection.
func looksUnEnglish(_ w: String) -> Bool {
    !functionWords.contains(w) && !w.hasSuffix("ed") && !w.hasSuffix("ing") && !w.hasSuffix("ly") && w.utf8.count >= 3
}

/// An accented letter or a Romance adjective's or noun's ending ("populaire", "alsacien",
/// "viticole", "hospitalier", "intercommunal", "nazionale", "deportivo").
func looksRomance(_ w: String) -> Bool {
    if w.unicodeScalars.contains(where: { $0.value >= 0xC0 && $0.value <= 0x17F }) { return true }
    let stem = w.hasSuffix("s") ? String(w.dropLast()) : w
    return romanceEndings.contains { stem.hasSuffix($0) }
}

private let romanceEndings = [
    "aire", "ier", "iere", "ien", "ienne", "ique", "ane", "ale", "ole", "ile", "eux", "euse", "aux", "oise", "aise", "ano", "ana",
    "ani", "ese", "esi", "ico", "ica", "ici", "ivo", "iva", "ivi", "ario", "aria", "ari", "oso", "osa", "ino", "ina", "ini", "ento",
    "enta", "enti", "nal", "ial", "ral", "iale", "ense", "erche", "che", "ista", "iste", "ieri", "iero", "iera",
]

/// Head words of French, Italian, Spanish, Portuguese and Catalan bodies, with the English
/// spellings they share ("Centre", "Alliance", "Union").
let romanceHeads = WordSet([
    // French
    "institut", "université", "musée", "fondation", "société", "cercle", "collectif", "comité", "fédération", "syndicat",
    "maison", "théâtre", "orchestre", "compagnie", "groupe", "réseau", "conservatoire", "école", "lycée", "collège",
    "bibliothèque", "médiathèque", "hôpital", "clinique", "mutuelle", "coopérative", "ligue", "agence", "centre", "alliance",
    "association", "union", "office", "observatoire", "atelier", "parc", "chambre", "conseil", "communauté", "confédération",
    // Italian
    "istituto", "fondazione", "museo", "associazione", "società", "circolo", "centro", "università", "biblioteca",
    "ospedale", "teatro", "consorzio", "cooperativa", "compagnia", "accademia", "unione", "federazione", "comitato", "ente",
    "azienda", "archivio", "collettivo", "rete", "polisportiva", "scuola", "orchestra", "osservatorio", "camera", "lega",
    // Spanish and Catalan
    "instituto", "fundación", "asociación", "sociedad", "universidad", "federación", "colegio", "escuela", "círculo",
    "ateneo", "agrupación", "orfeón", "coro", "consorcio", "colectivo", "unión", "confederación", "sindicato", "club",
    "orquesta", "hospital", "red", "plataforma", "fundació", "associació", "universitat", "col·legi",
    // Portuguese
    "fundação", "associação", "sociedade", "universidade", "museu", "federação", "colégio", "escola", "clube", "orquestra",
    "liga", "rede", "coletivo", "instituição",
])
