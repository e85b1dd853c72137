#if canImport(Glibc)
    import Glibc
#endif

/// Dates in the two forms the API writes, formatted by hand from `gmtime_r`
/// (no ICU): RFC 9110 §5.6.7 IMF-fixdate and RFC 3339 UTC.
public enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ n: Int32, _ width: Int = 2) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private static func utc(_ seconds: Int64) -> tm {
        var t = time_t(seconds)
        var out = tm()
        gmtime_r(&t, &out)
        return out
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`
    public static func imf(_ seconds: Int64) -> String {
        let t = utc(seconds)
        return "\(days[Int(t.tm_wday)]), \(pad(t.tm_mday)) \(months[Int(t.tm_mon)]) \(pad(t.tm_year + 1900, 4)) "
            + "\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec)) GMT"
    }

    /// `1994-11-06T08:49:37Z`
    public static func iso8601(_ seconds: Int64) -> String {
        let t = utc(seconds)
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1))-\(pad(t.tm_mday))T\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec))Z"
    }

    /// Parses an IMF-fixdate (RFC 9110 §5.6.7), the only form a sender must generate:
    /// `Sun, 06 Nov 1994 08:49:37 GMT`, exactly 29 bytes. Every field is checked against
    /// its range (year 0001–9999, a real day of the month, hour 0–23, minute 0–59, second
    /// 0–60 for a leap second) before any arithmetic, so no value can overflow. Anything
    /// else is nil, which RFC 9110 §13.1.3 turns into "ignore the field".
    public static func parseIMF(_ s: String) -> Int64? {
        var text = s
        return text.withUTF8 { b -> Int64? in
            guard b.count == 29, b[3] == UInt8(ascii: ","), b[4] == 32, b[7] == 32, b[11] == 32, b[16] == 32,
                b[19] == UInt8(ascii: ":"), b[22] == UInt8(ascii: ":"), b[25] == 32,
                b[26] == UInt8(ascii: "G"), b[27] == UInt8(ascii: "M"), b[28] == UInt8(ascii: "T")
            else { return nil }
            // day-name and month are case-sensitive (RFC 9110 §5.6.7).
            func name(_ at: Int, _ list: [String]) -> Int? {
                list.firstIndex { $0.utf8.elementsEqual(UnsafeBufferPointer(rebasing: b[at..<at + 3])) }
            }
            func digits(_ at: Int, _ n: Int) -> Int? {
                var v = 0
                for i in at..<at + n {
                    guard b[i] >= 48, b[i] <= 57 else { return nil }
                    v = v * 10 + Int(b[i] - 48)  // at most 4 digits: no overflow
                }
                return v
            }
            guard name(0, days) != nil, let monthIndex = name(8, months),
                let day = digits(5, 2), let year = digits(12, 4),
                let hour = digits(17, 2), let minute = digits(20, 2), let second = digits(23, 2),
                (1...9999).contains(year), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
            else { return nil }
            let month = monthIndex + 1
            guard (1...daysIn(month: month, year: year)).contains(day) else { return nil }
            let days = Int64(daysFromCivil(year: year, month: month, day: day))
            return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date with year 1...9999 (H. Hinnant's
    /// days-from-civil); every intermediate value stays far inside Int.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400  // y >= 0 here
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
