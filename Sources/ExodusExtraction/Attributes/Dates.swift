import ExodusCore

/// A date expression found in a sentence. `date` is nil when the expression
/// names a time the text does not pin down to a month (a year alone, "recently",
/// "a few weeks ago") or when a relative expression has no publication date to resolve against.
struct DateMention: Sendable {
    let start: Int
    let end: Int
    let date: PartialDate?
    let relative: Bool
}

/// The months written in full (the tokenizer splits "mid-January" on these).
let fullMonthNames: [String: Int] = [
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
]
let monthNames: [String: Int] = fullMonthNames.merging(
    ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12]
) { full, _ in full }
let weekdayNames: [String: Int] = [
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
]

/// Days back from a weekday to the latest `wd` (0 is Monday): that day itself unless `strictly`
/// ("last Wednesday" on a Wednesday is a week ago; "on Wednesday" is today).
func daysBack(from weekday: Int, to wd: Int, strictly: Bool) -> Int {
    let diff = (weekday - wd + 7) % 7
    return strictly && diff == 0 ? 7 : diff
}

/// Words before a date that make it look ahead, for a date written without its year.
let futureWords: Set<String> = [
    "will", "would", "from", "starting", "until", "till", "next", "by", "as", "effective",
    "plans", "plan", "intends", "set", "going", "shall", "upcoming", "'ll",
]

/// Modal verbs of the future: read further back in a clause than the other future words.
let modalFutureWords: Set<String> = ["will", "would", "shall", "'ll"]

/// Future words that cannot open a past span: with one of them a month without its year is the
/// coming one, not merely the nearest.
let surelyFutureWords = modalFutureWords.union(["next", "upcoming", "plans", "plan", "intends", "going"])

/// Finds date expressions in a sentence's tokens, left to right, without overlaps.
/// `published` resolves relative expressions and missing years; `previousMonth`
/// is the last month mentioned before this sentence ("the same month"). In a `headline`, "to"
/// before a verb is the future ("Charities to quit X on 1 April"): a date after it may look ahead.
func findDates(_ t: [Token], published: PartialDate?, previousMonth: PartialDate?, headline: Bool = false) -> [DateMention] {
    var out: [DateMention] = []
    var i = 0
    func lower(_ k: Int) -> String { k >= 0 && k < t.count ? t[k].lower : "" }  // k is i - 1 at a sentence start
    /// "every August", "each 12 August", "every Sunday": a habit, not a date of the story.
    func isHabit(_ k: Int) -> Bool { ["every", "each"].contains(lower(k - 1)) }
    func month(_ k: Int) -> Int? {
        guard k < t.count, t[k].isCapitalised, t[k].classes.contains(.month) else { return nil }
        return monthNames[t[k].lower]
    }
    func number(_ k: Int, _ range: ClosedRange<Int>) -> Int? {
        guard k < t.count, t[k].isWord else { return nil }
        // Up to four ASCII digits, read from the UTF-8 bytes (no String work in this hot path).
        var n = -1
        withUTF8(t[k].lower) { b in
            var count = b.count
            // Ordinals: "14th", "1st", "22nd", "3rd" (days only).
            if range.upperBound <= 31, count >= 2 {
                let x = b[count - 2], y = b[count - 1]
                if (x == 0x73 && y == 0x74) || (x == 0x6E && y == 0x64) || (x == 0x72 && y == 0x64) || (x == 0x74 && y == 0x68) {
                    count -= 2
                }
            }
            guard count >= 1, count <= 4 else { return }
            var v = 0
            for i in 0..<count {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return }
                v = v * 10 + Int(c - 48)
            }
            n = v
        }
        guard n >= 0, range.contains(n) else { return nil }
        return n
    }
    /// The year for a month (and day) without one. After a word that surely looks ahead ("will
    /// leave on 20 January"), the first one that ends no more than two months before the
    /// publication date ("will leave in September" in February is the coming September); after
    /// one that may ("as of 1 March", "from 13 November"), the nearest; otherwise the latest one
    /// not after it ("stopped posting in March" in a November article).
    func inferYear(_ m: Int, _ d: Int?) -> PartialDate? {
        guard let p = published else { return nil }
        let pub = p.earliestDay.value
        // A future word in the six words before, or a modal further back in the same clause
        // ("will post its last update on X on June 30").
        let ahead = (max(0, i - 6)..<i).contains { futureWords.contains(lower($0)) || (headline && lower($0) == "to" && $0 + 1 < i && t[$0 + 1].isWord) }
        // A tense that only looks ahead (a modal, "next", "plans"), not a word that may open a
        // past span too ("from", "as of", "by", "until").
        var surely = (max(0, i - 6)..<i).contains { surelyFutureWords.contains(lower($0)) }
        var k = i - 7
        while !surely, k >= max(0, i - 12), ![",", ";", ":", "said", "after", "since", "when"].contains(lower(k)) {
            if modalFutureWords.contains(lower(k)) { surely = true }
            k -= 1
        }
        var firstComing: PartialDate?
        var nearest: PartialDate?
        var nearestDistance = Int.max
        var latestPast: PartialDate?
        for y in (p.year - 1)...(p.year + 1) {
            let candidate = d.flatMap { PartialDate(year: y, month: m, day: $0) } ?? PartialDate(year: y, month: m)
            guard let c = candidate else { continue }
            let distance = abs(c.earliestDay.value - pub)
            if distance < nearestDistance { nearest = c; nearestDistance = distance }
            if firstComing == nil, c.latestDay.value >= pub - 62 { firstComing = c }
            if c.earliestDay.value <= pub { latestPast = c }
        }
        // "said on 30 May that it would leave at the end of June", in October: a future told on an
        // earlier date of the same sentence counts from that date, when it lies in the year before
        // the publication.
        if surely, let anchor = out.last?.date, anchor.day != nil, anchor.earliestDay.value <= pub, pub - anchor.earliestDay.value <= 366 {
            for y in (p.year - 1)...(p.year + 1) {
                let candidate = d.flatMap { PartialDate(year: y, month: m, day: $0) } ?? PartialDate(year: y, month: m)
                if let c = candidate, c.latestDay.value >= anchor.earliestDay.value { return c }
            }
        }
        if surely { return firstComing ?? nearest }
        return ahead ? nearest : (latestPast ?? nearest)
    }
    func make(_ y: Int?, _ m: Int, _ d: Int?) -> PartialDate? {
        guard let y else { return inferYear(m, d) }
        if let d { return PartialDate(year: y, month: m, day: d) }
        return PartialDate(year: y, month: m)
    }
    func monthOf(_ p: PartialDate) -> PartialDate? { PartialDate(year: p.year, month: p.month) }
    let pubMonth = published.flatMap(monthOf)

    while i < t.count {
        // ISO date as one token: 2025-01-20.
        if t[i].text.utf8.count == 10, let iso = PartialDate(iso: t[i].text) {
            out.append(DateMention(start: i, end: i + 1, date: iso, relative: false)); i += 1; continue
        }
        // 1.3.2025, 21.01.2025 as one token (day first, as written in Central Europe).
        if t[i].text.utf8.count >= 8, t[i].text.utf8.count <= 10, let date = dottedDate(t[i].text) {
            out.append(DateMention(start: i, end: i + 1, date: date, relative: false)); i += 1; continue
        }
        // The token as a day of the month, read once for the two shapes below.
        let day = number(i, 1...31)
        // 20/01/2025 (day first).
        if let d = day, lower(i + 1) == "/", let m = number(i + 2, 1...12), lower(i + 3) == "/",
            let y = number(i + 4, 1900...2100)
        {
            out.append(DateMention(start: i, end: i + 5, date: PartialDate(year: y, month: m, day: d), relative: false))
            i += 5; continue
        }
        // 14 January [2025], and "1. December 2024" (a day with an ordinal point, as in Central Europe).
        if let d = day, let m = month(i + 1) ?? (lower(i + 1) == "." ? month(i + 2) : nil) {
            var end = lower(i + 1) == "." ? i + 3 : i + 2
            if lower(end) == "." { end += 1 }
            let y = number(end, 1900...2100)
            if y != nil { end += 1 }
            // "runs the star night every 12 August": a yearly habit, no day of the story.
            out.append(DateMention(start: i, end: end, date: isHabit(i) ? nil : make(y, m, d), relative: y == nil)); i = end; continue
        }
        if let m = month(i) {
            var k = i + 1
            if lower(k) == "." { k += 1 }
            // January 14[,] [2025]
            if let d = number(k, 1...31), !(k + 1 < t.count && t[k + 1].text == "/") {
                var end = k + 1
                var y: Int?
                if lower(end) == ",", let yy = number(end + 1, 1900...2100) { y = yy; end += 2 } else if let yy = number(end, 1900...2100) { y = yy; end += 1 }
                out.append(DateMention(start: i, end: end, date: isHabit(i) ? nil : make(y, m, d), relative: y == nil)); i = end; continue
            }
            // September 2024
            if let y = number(k, 1900...2100) {
                out.append(DateMention(start: i, end: k + 1, date: PartialDate(year: y, month: m), relative: false))
                i = k + 1; continue
            }
            // "every August", "each March": a season's habit, not a date.
            if isHabit(i) { monthPrecision(1, nil); continue }
            // A month alone ("in August"); "May" only after a preposition, as it is also a verb.
            if t[i].lower != "may" || ["in", "since", "of", "from", "until", "by"].contains(lower(i - 1)) {
                out.append(DateMention(start: i, end: i + 1, date: make(nil, m, nil), relative: true)); i += 1; continue
            }
        }
        let w = t[i].lower
        // Weekdays: "last Wednesday", "on Tuesday", "Monday".
        if t[i].isCapitalised, t[i].classes.contains(.weekday), let wd = weekdayNames[w] {
            let last = lower(i - 1) == "last"
            let next = lower(i - 1) == "next"
            var date: PartialDate?
            // "The market opens every Saturday": a weekly habit, no day of the story.
            if isHabit(i) {
                out.append(DateMention(start: i, end: i + 1, date: nil, relative: true)); i += 1; continue
            }
            if let p = published, p.day != nil {
                let pd = p.earliestDay
                if next {
                    var diff = (wd - pd.weekday + 7) % 7
                    if diff == 0 { diff = 7 }
                    date = pd.adding(days: diff).date
                } else {
                    date = pd.adding(days: -daysBack(from: pd.weekday, to: wd, strictly: last)).date
                }
            }
            let start = (last || next) ? i - 1 : i
            var end = i + 1
            // "Last Wednesday (13 November)": the explicit date wins when both are there.
            if lower(end) == "(", let d = number(end + 1, 1...31), let m = month(end + 2) {
                let explicit = make(nil, m, d) ?? date
                date = explicit
                end += 3
                if lower(end) == ")" { end += 1 }
            } else {
                // "on Monday, January 20" and "Monday 20 January": the explicit date wins as well,
                // with its year when it gives one.
                var k = end
                if lower(k) == "," { k += 1 }
                var explicit: (m: Int, d: Int, next: Int)?
                if let m = month(k), let d = number(k + 1, 1...31) {
                    explicit = (m, d, k + 2)
                } else if let d = number(k, 1...31), let m = month(k + 1) {
                    explicit = (m, d, k + 2)
                }
                if let (m, d, next) = explicit {
                    end = next
                    var y: Int?
                    if lower(end) == ",", let yy = number(end + 1, 1900...2100) {
                        y = yy; end += 2
                    } else if let yy = number(end, 1900...2100) {
                        y = yy; end += 1
                    }
                    if y == nil, let p = published {
                        // Without a year, the year in which that day is that weekday, nearest the
                        // publication ("Monday, January 20" in a story of 17 January 2025).
                        let pub = p.earliestDay.value
                        let fitting = ((p.year - 1)...(p.year + 1)).compactMap { PartialDate(year: $0, month: m, day: d) }
                            .filter { $0.earliestDay.weekday == wd }
                        date = fitting.min { abs($0.earliestDay.value - pub) < abs($1.earliestDay.value - pub) } ?? make(nil, m, d) ?? date
                    } else {
                        date = make(y, m, d) ?? date
                    }
                    out.append(DateMention(start: start, end: end, date: date, relative: y == nil)); i = end; continue
                }
            }
            out.append(DateMention(start: start, end: end, date: date, relative: true)); i = end; continue
        }
        func monthPrecision(_ n: Int, _ value: PartialDate?) {
            out.append(DateMention(start: i, end: i + n, date: value, relative: true)); i += n
        }
        // "on Australia Day", "since Boxing Day": a holiday on a fixed date, of the year the
        // words point to (not inside a name: "Canada Day Festival Society").
        if t[i].isCapitalised, i + 1 < t.count, t[i + 1].lower == "day", let (m, d) = fixedHolidays[w],
            ["on", "since", "from", "by"].contains(lower(i - 1)), !(i + 2 < t.count && t[i + 2].isWord && t[i + 2].isCapitalised)
        {
            monthPrecision(2, inferYear(m, d))
            continue
        }
        // The switch compares the word with each case in turn, so it is entered only by a word of
        // the length and first letter of a case; any other word (nearly all) goes to the year
        // check, which no word that opens with a letter passes.
        if !mayNameTime(w) {
            // A year alone is not a date.
            if t[i].raw.utf8.count == 4, number(i, 1900...2100) != nil { monthPrecision(1, nil); continue }
            i += 1
            continue
        }
        switch w {
        case "yesterday":
            let d = published.flatMap { $0.day != nil ? $0.earliestDay.adding(days: -1).date : nil }
            monthPrecision(1, d); continue
        case "today", "tonight":
            monthPrecision(1, published?.day != nil ? published : nil); continue
        case "end":
            // "at the end of the month", "by the end of this month", "at the end of last year":
            // the month they name, no day. "the end of March" is read at "March".
            guard lower(i - 1) == "the", lower(i + 1) == "of" else { break }
            let a = lower(i + 2), b = lower(i + 3)
            if (a == "the" || a == "this") && b == "month" { monthPrecision(4, pubMonth); continue }
            if a == "last" && b == "year" { monthPrecision(4, published.flatMap { PartialDate(year: $0.year - 1, month: 12) }); continue }
            if (a == "the" || a == "this") && b == "year" { monthPrecision(4, published.flatMap { PartialDate(year: $0.year, month: 12) }); continue }
        case "now":
            // "now" in a news report: the publication month (not inside a quotation). Not before a
            // verb in the present ("the group now shares its readings on WhatsApp"): that tells
            // what it does since, not when it left.
            let next = i + 1 < t.count ? t[i + 1] : nil
            let presentVerb =
                next.map { $0.isWord && !$0.isCapitalised && $0.lower.hasSuffix("s") && !["has", "is", "was", "its"].contains($0.lower) } ?? false
            if !t[i].inQuote, !presentVerb { monthPrecision(1, pubMonth); continue }
        case "christmas":
            // "since Christmas Eve", "on Christmas Day": the day itself.
            if lower(i + 1) == "eve" || lower(i + 1) == "day" {
                monthPrecision(2, inferYear(12, lower(i + 1) == "eve" ? 24 : 25))
                continue
            }
            // "before Christmas", "over Christmas": December, of the year the words point to.
            if ["before", "at", "over", "by", "until"].contains(lower(i - 1)) { monthPrecision(1, inferYear(12, nil)); continue }
        case "easter":
            // "on Easter Monday": the day; "at Easter", "by Easter": the month Easter falls in,
            // of the year the words point to. "After Easter" names no month, and "until Easter" ends a pause.
            if let near = inferYear(4, nil) {
                let (m, d) = easterSunday(near.year)
                if lower(i + 1) == "sunday" || lower(i + 1) == "monday" {
                    let day = PartialDate(year: near.year, month: m, day: d).flatMap { lower(i + 1) == "monday" ? $0.earliestDay.adding(days: 1).date : $0 }
                    monthPrecision(2, day)
                    continue
                }
                if ["at", "over", "by", "before", "since"].contains(lower(i - 1)) { monthPrecision(1, PartialDate(year: near.year, month: m)); continue }
            }
        case "last", "past", "this", "earlier":
            var k = i + 1
            // "this morning", "earlier this afternoon": the publication day.
            if w == "this" || w == "earlier", ["morning", "afternoon", "evening"].contains(lower(k + (w == "earlier" && lower(k) == "this" ? 1 : 0))) {
                let n = w == "earlier" && lower(k) == "this" ? 3 : 2
                monthPrecision(n, published?.day != nil ? published : nil); continue
            }
            if w == "earlier", lower(k) == "this" { k += 1 }
            let unit = lower(k)
            // "last week" is the calendar week before the publication's: its month is that of its
            // Thursday (most of its days); "last weekend", that of the Sunday before. "This week"
            // and "the past week" keep the publication's month.
            if w == "last", unit == "week" || unit == "weekend", let p = published, p.day != nil {
                let pd = p.earliestDay
                let back = unit == "week" ? pd.weekday + 4 : daysBack(from: pd.weekday, to: weekdayNames["sunday"]!, strictly: true)
                monthPrecision(k + 1 - i, monthOf(pd.adding(days: -back).date))
                continue
            }
            if unit == "week" || unit == "weekend" { monthPrecision(k + 1 - i, pubMonth); continue }
            if unit == "month" {
                if w == "last" || w == "past" {
                    let prev = published.flatMap { p in p.month == 1 ? PartialDate(year: p.year - 1, month: 12) : PartialDate(year: p.year, month: p.month - 1)
                    }
                    monthPrecision(k + 1 - i, prev)
                } else {
                    monthPrecision(k + 1 - i, pubMonth)
                }
                continue
            }
            if unit == "year" || unit == "few" || unit == "months" || unit == "weeks" || unit == "years" {
                var n = k + 1 - i
                if unit == "few", ["weeks", "months", "days", "years"].contains(lower(k + 1)) { n += 1 }
                monthPrecision(n, nil); continue
            }
        case "same":
            if lower(i + 1) == "month" { monthPrecision(2, previousMonth); continue }
        case "recently", "ago":
            monthPrecision(1, nil); continue
        default:
            break
        }
        i += 1
    }
    // The dates that open a correction or update notice date the notice (`withoutNoticeDate`).
    return withoutNoticeDate(out, t)
}

/// Whether `w` has the length and first letter of one of the words `findDates` reads as a time
/// ("yesterday", "today", "tonight", "end", "now", "christmas", "easter", "last", "past", "this",
/// "earlier", "same", "recently", "ago"). They are ASCII with none of the three letters that a character
/// outside ASCII is canonically equal to (";", "`", "K"), so a word equal to one has its bytes.
@inline(__always) func mayNameTime(_ w: String) -> Bool {
    let u = w.utf8
    guard let f = u.first else { return false }
    switch (u.count, f) {
    case (3, 0x65), (3, 0x6E), (3, 0x61), (4, 0x6C), (4, 0x70), (4, 0x74), (4, 0x73), (5, 0x74), (6, 0x65), (7, 0x74), (7, 0x65), (8, 0x72), (9, 0x79),
        (9, 0x63):
        return true  // e n a, l p t s, t, e, t e, r, y c
    default:
        return false
    }
}

/// Holidays named "<word> Day" that fall on the same date every year (month, day).
let fixedHolidays: [String: (Int, Int)] = [
    "australia": (1, 26), "waitangi": (2, 6), "anzac": (4, 25), "canada": (7, 1), "bastille": (7, 14), "boxing": (12, 26),
]

/// Easter Sunday of a Gregorian year (month, day), by the anonymous Gregorian computus.
func easterSunday(_ y: Int) -> (Int, Int) {
    let a = y % 19, b = y / 100, c = y % 100
    let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4, k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    return (month, (h + l - 7 * m + 114) % 31 + 1)
}

/// Drops the dates of a notice's opening ("Correction, 30 November 2023: ...", "Updated 5 March:
/// ..."): they date the notice, not what it corrects.
func withoutNoticeDate(_ dates: [DateMention], _ t: [Token]) -> [DateMention] {
    guard let first = t.first, noticeOpeners.contains(first.lower), let colon = t.firstIndex(where: { $0.text == ":" }) else { return dates }
    return dates.filter { $0.start > colon }
}

/// The day a correction or update notice is dated by, before its colon ("Update, Monday 3
/// February 2025:"), when it gives its day and year; nil for any other sentence ("Update,
/// 4:40pm:" dates nothing).
func noticeDate(_ t: [Token]) -> PartialDate? {
    guard let first = t.first, noticeOpeners.contains(first.lower), let colon = t.prefix(12).firstIndex(where: { $0.text == ":" }),
        let d = findDates(Array(t[..<colon]), published: nil, previousMonth: nil).last?.date, d.day != nil
    else { return nil }
    return d
}

/// Words that open a correction or update notice.
let noticeOpeners = WordSet(["correction", "clarification", "update", "updated", "amended", "editor"])

/// "1.3.2025", "21.01.2025": a day, a month and a four-digit year joined by stops, day first.
/// Anything else (a version number "2.10.1", a time "10.30") is nil.
func dottedDate(_ text: some StringProtocol) -> PartialDate? {
    var parts: [Int] = []
    var digits = 0
    var value = 0
    for b in text.utf8 {
        if b == 0x2E {
            guard digits > 0, parts.count < 2 else { return nil }
            parts.append(value)
            value = 0
            digits = 0
        } else if b >= 0x30 && b <= 0x39 {
            value = value * 10 + Int(b - 0x30)
            digits += 1
        } else {
            return nil
        }
    }
    guard parts.count == 2, digits == 4, (1...31).contains(parts[0]), (1...12).contains(parts[1]), (1900...2100).contains(value)
    else { return nil }
    return PartialDate(year: value, month: parts[1], day: parts[0])
}
