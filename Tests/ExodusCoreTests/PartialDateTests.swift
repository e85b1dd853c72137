import ExodusCore
import Testing

@Suite struct PartialDateTests {
    @Test func parsesBothPrecisionsAndNothingElse() {
        #expect(PartialDate(iso: "2025-01")?.precision == .month)
        #expect(PartialDate(iso: "2025-01-14")?.precision == .day)
        #expect(PartialDate(iso: "2025") == nil, "a year alone is not a date")
        #expect(PartialDate(iso: "2025-13") == nil)
        #expect(PartialDate(iso: "2025-02-29") == nil, "2025 is not a leap year")
        #expect(PartialDate(iso: "2024-02-29") != nil)
        #expect(PartialDate(iso: "2025-1-14") == nil)
        #expect(PartialDate(iso: "2025-01-14T10:00") == nil)
    }

    @Test func roundTripsThroughISO() {
        for text in ["2025-01", "2025-01-14", "0999-12-31"] {
            #expect(PartialDate(iso: text)?.iso == text)
        }
    }

    @Test func ordersByEarliestDayWithMonthBeforeItsFirstDay() {
        let month = PartialDate(year: 2025, month: 1)!
        let first = PartialDate(year: 2025, month: 1, day: 1)!
        let mid = PartialDate(year: 2025, month: 1, day: 14)!
        let feb = PartialDate(year: 2025, month: 2)!
        #expect([feb, mid, first, month].sorted() == [month, first, mid, feb])
    }

    @Test func monthCoversItsWholeRange() {
        let feb = PartialDate(year: 2024, month: 2)!
        #expect(feb.earliestDay.date == PartialDate(year: 2024, month: 2, day: 1))
        #expect(feb.latestDay.date == PartialDate(year: 2024, month: 2, day: 29))
    }

    @Test func dayNumbersKnowWeekdaysAndRoundTrip() {
        // 2025-01-15 was a Wednesday (weekday 2 when Monday is 0); 2023-04-18 a Tuesday.
        #expect(DayNumber(year: 2025, month: 1, day: 15).weekday == 2)
        #expect(DayNumber(year: 2023, month: 4, day: 18).weekday == 1)
        #expect(DayNumber(year: 2000, month: 1, day: 1).weekday == 5)
        let d = DayNumber(year: 2024, month: 12, day: 31)
        #expect(d.adding(days: 1).date == PartialDate(year: 2025, month: 1, day: 1))
        #expect(d.adding(days: -366).date == PartialDate(year: 2023, month: 12, day: 31))
    }
}
