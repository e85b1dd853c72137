/// What kind of organisation left. Police forces, councils, ministries and
/// state agencies are `government`; conservatoires and colleges are `university`.
public enum OrganisationKind: String, CaseIterable, Codable, Hashable, Sendable {
    case ngo, media, university, government, union, hospital, museum, company, sports, research, other
}

/// How far the departure has gone.
public enum DepartureStatus: String, CaseIterable, Codable, Hashable, Sendable {
    /// Left, quit, deleted its account, stopped posting, inactive since a date.
    case left
    /// Paused or reduced to a non-proactive presence.
    case suspended
    /// A stated intention in the future tense.
    case announced
}

/// A destination platform, by its lower-case id (`bluesky`, `mastodon`, ...).
///
/// The set is open: the extractor's lexicon decides which names exist, so a
/// new network needs a data change, not a code change. X is never a destination.
public struct Platform: CheckedIdentifier {
    public static let expectation = "a platform id (lower-case letters, digits, '-'; never x)"
    public let rawValue: String

    /// Accepts a lower-case id of ASCII letters, digits and hyphens, 1 to 32 long.
    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard (1...32).contains(bytes.count),
            bytes.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }),
            rawValue != "x", rawValue != "twitter"
        else { return nil }
        self.rawValue = rawValue
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case (the UK is `GB`).
public struct CountryCode: CheckedIdentifier {
    public static let expectation = "an ISO 3166-1 alpha-2 code"
    public let rawValue: String

    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard bytes.count == 2, bytes.allSatisfy({ (65...90).contains($0) }) else { return nil }
        self.rawValue = rawValue
    }
}

/// A string identifier that only exists when it is valid (`Platform`, `CountryCode`):
/// decoding checks it, encoding writes the raw string, order is the string's.
public protocol CheckedIdentifier: RawRepresentable<String>, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// What a valid value looks like, for decoding errors.
    static var expectation: String { get }
}

extension CheckedIdentifier {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not \(Self.expectation): \"\(text)\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
