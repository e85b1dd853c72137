/// One organisation (or a collective of them) leaving X.
///
/// JSON field names follow the public contract exactly: `id`, `organisation`,
/// `aliases`, `kind`, `country`, `status`, `announced`, `effective`,
/// `platforms`, `members`, `group`, `evidence`.
public struct Departure: Hashable, Codable, Sendable, Identifiable {
    /// Stable slug, unique within a snapshot.
    public var id: String
    /// The name as a reader would normalise it.
    public var organisation: String
    /// Other surface forms of the name, including the text's own spellings.
    public var aliases: [String]
    public var kind: OrganisationKind
    public var country: CountryCode?
    public var status: DepartureStatus
    /// When the decision was made public.
    public var announced: PartialDate?
    /// When the departure took or takes effect, when the text says so separately.
    public var effective: PartialDate?
    /// Destinations named for this organisation, sorted, without duplicates.
    public var platforms: [Platform]
    /// On a collective row: the ids of its named members.
    public var members: [String]
    /// On a member row: the id of the collective it belongs to.
    public var group: String?
    public var evidence: [Evidence]
    /// How likely the row is right, 0–1: the extractor's calibrated estimate (rows at 0.9 are
    /// right about nine times in ten on text it has not seen). Rows entered by hand are 1.
    public var confidence: Double

    public init(
        id: String, organisation: String, aliases: [String] = [], kind: OrganisationKind = .other,
        country: CountryCode? = nil, status: DepartureStatus, announced: PartialDate? = nil,
        effective: PartialDate? = nil, platforms: [Platform] = [], members: [String] = [],
        group: String? = nil, evidence: [Evidence] = [], confidence: Double = 1
    ) {
        self.id = id
        self.organisation = organisation
        self.aliases = aliases
        self.kind = kind
        self.country = country
        self.status = status
        self.announced = announced
        self.effective = effective
        self.platforms = Array(Set(platforms)).sorted()
        self.members = members
        self.group = group
        self.evidence = evidence
        self.confidence = confidence.isFinite ? min(1, max(0, confidence)) : 0
    }

    enum CodingKeys: String, CodingKey {
        case id, organisation, aliases, kind, country, status, announced, effective, platforms, members, group, evidence, confidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            organisation: try c.decode(String.self, forKey: .organisation),
            aliases: try c.decodeIfPresent([String].self, forKey: .aliases) ?? [],
            kind: try c.decodeIfPresent(OrganisationKind.self, forKey: .kind) ?? .other,
            country: try c.decodeIfPresent(CountryCode.self, forKey: .country),
            status: try c.decode(DepartureStatus.self, forKey: .status),
            announced: try c.decodeIfPresent(PartialDate.self, forKey: .announced),
            effective: try c.decodeIfPresent(PartialDate.self, forKey: .effective),
            platforms: try c.decodeIfPresent([Platform].self, forKey: .platforms) ?? [],
            members: try c.decodeIfPresent([String].self, forKey: .members) ?? [],
            group: try c.decodeIfPresent(String.self, forKey: .group),
            evidence: try c.decodeIfPresent([Evidence].self, forKey: .evidence) ?? [],
            confidence: try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 1)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(kind, forKey: .kind)
        try c.encode(country, forKey: .country)
        try c.encode(status, forKey: .status)
        try c.encode(announced, forKey: .announced)
        try c.encode(effective, forKey: .effective)
        try c.encode(platforms, forKey: .platforms)
        try c.encode(members, forKey: .members)
        try c.encode(group, forKey: .group)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(confidence, forKey: .confidence)
    }
}
