/// A filtered, sorted, paginated question to a snapshot. Every filter is
/// optional; filters of different fields combine with AND, values of one
/// field with OR.
public struct DepartureQuery: Hashable, Sendable {
    public enum Sort: String, CaseIterable, Sendable {
        case announcedDescending = "-announced"
        case announcedAscending = "announced"
        case organisationAscending = "organisation"
        case organisationDescending = "-organisation"
    }

    public var platforms: Set<Platform> = []
    public var countries: Set<CountryCode> = []
    public var kinds: Set<OrganisationKind> = []
    public var statuses: Set<DepartureStatus> = []
    /// Case- and diacritic-insensitive text matched against names and aliases.
    public var text: String?
    /// Inclusive bounds on `announced`, as day numbers. A month-precision date
    /// matches when any day of its month falls inside the range.
    public var since: DayNumber?
    public var until: DayNumber?
    /// Only departures evidenced by this document id.
    public var document: String?
    /// Only departures whose confidence is at least this (0–1).
    public var minConfidence: Double = Confidence.defaultMinimum
    public var sort: Sort = .announcedDescending
    public var offset: Int = 0
    public var limit: Int = 100

    public init() {}

    /// True when only `limit`/`offset` differ from the default question.
    public var isUnfiltered: Bool {
        platforms.isEmpty && countries.isEmpty && kinds.isEmpty && statuses.isEmpty
            && text == nil && since == nil && until == nil && document == nil
            && minConfidence == Confidence.defaultMinimum
    }
}

/// One page of answers.
public struct DeparturePage: Sendable {
    /// Indexes into `Snapshot.departures`, in the requested order.
    public let positions: ArraySlice<Int32>
    /// How many departures match in all.
    public let total: Int
    /// The offset of the next page, or `nil` on the last page.
    public let nextOffset: Int?
}
