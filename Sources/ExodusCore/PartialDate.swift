/// A calendar date known to month or to day precision.
///
/// The precision is part of the value: `2025-01` and `2025-01-01` are different
/// facts. A year alone is deliberately not representable: "in 2023" does not
/// say when an organisation left.
public struct PartialDate: Hashable, Sendable {
    public let year: Int
    public let month: Int
    /// The day of the month, or `nil` when only the month is known.
    public let day: Int?

    public enum Precision: String, Sendable { case month, day }

    public var precision: Precision { day == nil ? .month : .day }

    /// A month-precision date; `nil` when the month is out of range.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        self.day = nil
    }

    /// A day-precision date; `nil` when it is not a real day of the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...PartialDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM` or `YYYY-MM-DD` (exactly those shapes).
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 48, bytes[i] <= 57 else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        switch bytes.count {
        case 7 where bytes[4] == 45:
            guard let y = number(0..<4), let m = number(5..<7) else { return nil }
            self.init(year: y, month: m)
        case 10 where bytes[4] == 45 && bytes[7] == 45:
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            self.init(year: y, month: m, day: d)
        default:
            return nil
        }
    }

    /// `YYYY-MM` or `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var s = pad(year, 4) + "-" + pad(month, 2)
        if let day { s += "-" + pad(day, 2) }
        return s
    }

    /// The first day this date may mean (the 1st for a month-precision date).
    public var earliestDay: DayNumber { DayNumber(year: year, month: month, day: day ?? 1) }

    /// The last day this date may mean (the month's last day for a month-precision date).
    public var latestDay: DayNumber {
        DayNumber(year: year, month: month, day: day ?? PartialDate.daysIn(month: month, year: year))
    }

    /// True when `self` is more precise than `other`.
    public func isMorePrecise(than other: PartialDate) -> Bool {
        day != nil && other.day == nil
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension PartialDate: Comparable {
    /// Chronological order by earliest day; at the same earliest day a month
    /// (less precise) sorts before its first day.
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        if a.earliestDay != b.earliestDay { return a.earliestDay < b.earliestDay }
        return a.day == nil && b.day != nil
    }
}

extension PartialDate: CustomStringConvertible {
    public var description: String { iso }
}

extension PartialDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = PartialDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected YYYY-MM or YYYY-MM-DD, got \"\(text)\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A day as a count of days since 0000-03-01 (proleptic Gregorian): cheap to
/// compare and to step by days and weeks.
public struct DayNumber: Hashable, Comparable, Sendable {
    public let value: Int

    public init(value: Int) { self.value = value }

    public init(year: Int, month: Int, day: Int) {
        // Days-from-civil, after H. Hinnant's public-domain calendar algorithms.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        value = era * 146097 + doe
    }

    /// The calendar date of this day.
    public var date: PartialDate {
        let era = (value >= 0 ? value : value - 146096) / 146097
        let doe = value - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // Every DayNumber maps to a valid date, so the initialiser cannot fail here.
        return PartialDate(year: year, month: month, day: day) ?? PartialDate(year: 1, month: 1, day: 1)!
    }

    /// 0 = Monday ... 6 = Sunday.
    public var weekday: Int {
        // 0000-03-01 was a Wednesday.
        ((value % 7) + 7 + 2) % 7
    }

    public func adding(days: Int) -> DayNumber { DayNumber(value: value + days) }

    public static func < (a: DayNumber, b: DayNumber) -> Bool { a.value < b.value }
}
