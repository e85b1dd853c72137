import ExodusCore

/// An organisation, or a group of them, that the document speaks of: what its mentions and
/// events say of it, gathered as the sentences are read.
struct Entity {
    var name: String
    var aliases: [String] = []
    var named: Bool
    var kind: OrganisationKind?
    var heads: Set<String> = []
    var plural: Bool
    var count: Int?
    var country: CountryCode?
    var events: [Event] = []
    var platforms: Set<String> = []
    var members: [Int] = []
    var group: Int?
    var firstMention: Int
    var announced: PartialDate?
    var effective: PartialDate?
    var evidence: [Int] = []
    var words: ContentWords
    /// Name keys of the name and every alias, for matching later mentions.
    var keys: Set<NameKey> = []
    /// Folded into another entity that shares a name or alias with it.
    var mergedInto: Int?
    /// The clause classifier's highest probability for this organisation in a sentence that
    /// refers to X, and whether its departure came from the classifier rather than a rule.
    var clauseProbability: Double?
    var proposedByClause = false
}

extension Set<NameKey> {
    /// Whether `key` is in the set, as `contains` says. An entity holds a key or a few, and a new
    /// mention is compared with each of up to 64 recent entities: comparing it with each key costs
    /// less than hashing it again for every entity (equal keys hash alike, so the answer is the same).
    func holds(_ key: NameKey) -> Bool {
        count <= 8 ? contains(where: { $0 == key }) : contains(key)
    }
}

/// One mention of an entity: the sentence, and the token its phrase starts at.
struct Mention {
    let entity: Int
    let sentence: Int
    let token: Int
}

/// Head words that may stand for a group of organisations ("the group", "the signatories").
let collectiveHeads: Set<String> = ["group", "organisation", "organization", "signatory", "institution", "member", "body"]
