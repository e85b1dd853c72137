import ExodusCore

/// A name that ends in a word saying what the body is gives the row that kind, whatever the row
/// took from the group or description it came with: "the Bunbury Estuary Rowing Club", a member of
/// "Three groups quit in January: ...", is a sports club, not an NGO. Only head words whose kind
/// the gold rows give nearly always are listed (a "trust" or an "association" may be anything), and
/// an organisation the gazetteer knows keeps the gazetteer's kind.
struct HeadWordKindRule: RowRule {
    static let summary = "A name ending in a telling head word takes that head's kind"
    static let examplesFor = [
        RuleExample(
            "Three groups quit X in January: the Kelby Rowing Club, the Fell Writers' Collective and the Tarn Brass Band.\n",
            published: "2025-02-05", present: ["Kelby Rowing Club"])
    ]
    static let examplesAgainst = [
        RuleExample("The Kelby Rotary Trust left X on Monday.\n", published: "2025-02-05", present: ["Kelby Rotary Trust"])
    ]

    /// Last words of a name and the kind they give.
    static let heads: [String: OrganisationKind] = [
        "club": .sports, "fc": .sports, "afc": .sports, "harriers": .sports, "rovers": .sports, "wanderers": .sports,
        "council": .government, "police": .government, "constabulary": .government,
        "university": .university, "college": .university,
        "hospital": .hospital, "hospice": .hospital,
        "museum": .museum,
        "festival": .other, "orchestra": .other, "theatre": .other, "choir": .other,
        "radio": .media, "gazette": .media, "times": .media, "herald": .media,
        "network": .ngo, "foundation": .ngo, "charity": .ngo,
        "union": .union,
    ]

    /// Sports whose name before a generic head ("Junior Football Association", "Sea Kayak
    /// Association", "Volleyball Federation") makes the body a sports body.
    static let sports: Set<String> = [
        "football", "soccer", "rugby", "cricket", "hockey", "netball", "basketball", "volleyball", "handball", "rowing",
        "sailing", "yacht", "kayak", "canoe", "cycling", "athletics", "running", "ski", "skiing", "curling", "swimming",
        "tennis", "golf", "bowling", "bowls", "boxing", "judo", "karate", "surf", "surfing", "climbing", "gymnastics",
        "triathlon", "hurling", "camogie", "lacrosse", "baseball", "softball", "orienteering", "angling",
    ]
    static let genericHeads: Set<String> = ["association", "federation", "league", "society", "union", "club"]
    /// Legal forms of companies, full stops removed ("Nyborg Marine Teknik A/S", "Mazury Bus sp. z
    /// o.o.", "... Ltda."): a cooperative or firm under company law.
    static let companyForms: Set<String> = [
        "as", "a/s", "asa", "ab", "aps", "oy", "oyj", "gmbh", "ag", "kg", "ltd", "limited", "inc", "plc", "llc", "sa", "srl",
        "spa", "sarl", "sas", "bv", "nv", "sl", "ltda", "lda", "oo", "pty",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon) {
        for i in rows.indices {
            let name = rows[i].organisation
            // In ASCII every character but "\r\n" is one byte, so the last space byte is the last space character.
            let ascii = name.utf8.allSatisfy { $0 < 0x80 }
            guard let space = ascii ? name.utf8.lastIndex(of: 0x20) : name.lastIndex(of: " "), !name.hasPrefix("Friends of ") else { continue }
            let facts = Gazetteer.bundled.organisation(name)
            if let known = facts?.kind {
                rows[i].kind = known
                continue
            }
            let last = name[name.index(after: space)...].lowercased()
            if Self.companyForms.contains(last.filter { $0 != "." }) {
                rows[i].kind = .company
            } else if Self.genericHeads.contains(last),
                name.lowercased().splitAtSpaces().contains(where: { Self.sports.contains(String($0)) })
            {
                rows[i].kind = .sports
            } else if let kind = Self.heads[last] {
                rows[i].kind = kind
            } else if rows[i].kind == .other, let kind = Gazetteer.bundled.kind(inName: name) {
                // A head word of another language ("Österbottens Dagblad") for a row that only had
                // the default kind.
                rows[i].kind = kind
            }
        }
    }
}
