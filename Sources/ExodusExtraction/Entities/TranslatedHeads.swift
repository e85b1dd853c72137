import ExodusCore

/// English head words a foreign name answers to when the story goes on in English: "Stichting
/// IJsseldijk Erfgoedwacht ... The foundation posted its last message", "Revalidatiecentrum
/// Sallandse Heuvelrug" as "the rehabilitation clinic". Only heads whose kind does not already
/// lead a description to the name: a university, museum or hospital in any language is found by
/// its kind. A gloss in brackets ("(IJssel Dyke Heritage Watch Foundation)") gives its own head
/// words as well.
func translatedHeads(_ name: String, aliases: [String]) -> Set<String> {
    var out: Set<String> = []
    for w in name.splitAtSpaces() {
        if let h = foreignHeadWords[w.lowercased()] { out.insert(h) }
    }
    for a in aliases {
        for w in a.splitAtSpaces() {
            let l = w.lowercased()
            if englishHeadWords.contains(l) { out.insert(l) }
        }
    }
    return out
}

/// English nouns that head a body's name and that a later description may take up.
private let englishHeadWords: Set<String> = [
    "foundation", "institute", "museum", "university", "hospital", "clinic", "trust", "association", "society", "club",
    "union", "council", "college", "school", "library", "centre", "center", "network", "federation", "alliance", "paper",
    "newspaper", "weekly", "station", "theatre", "choir", "orchestra", "company", "cooperative", "co-operative", "league",
    "charity", "committee", "press", "archive", "academy", "observatory", "laboratory",
]

/// Head words of other languages and the English head a story uses for them.
private let foreignHeadWords: [String: String] = {
    var m: [String: String] = [:]
    func add(_ english: String, _ words: [String]) { for w in words { m[w] = english } }
    add(
        "foundation",
        [
            "stichting", "stiftung", "stiftelse", "stiftelsen", "fundación", "fundació", "fundação", "fondation", "fondazione", "fundacja", "säätiö",
            "nadace", "nadácia", "fonden",
        ])
    add(
        "association",
        [
            "verein", "vereniging", "forening", "förening", "foreningen", "yhdistys", "asociación", "associazione", "associació", "associação",
            "stowarzyszenie", "spolek", "vereinigung",
        ])
    add("clinic", ["klinik", "kliniek", "clinique", "clinica", "clínica", "klinika", "revalidatiecentrum", "rehaklinik", "kliniken"])
    add("choir", ["chor", "coro", "chorale", "koor", "kór", "kuoro"])
    add("union", ["sindicato", "syndicat", "gewerkschaft", "vakbond", "sindacato"])
    add("cooperative", ["cooperativa", "coopérative", "genossenschaft", "coöperatie", "cooperatie", "spółdzielnia", "osuuskunta"])
    add("trust", ["ymddiriedolaeth"])
    add("club", ["klub", "clube", "klubb", "seura", "cercle", "circolo", "círculo"])
    return m
}()
