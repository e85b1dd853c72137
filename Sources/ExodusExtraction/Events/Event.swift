import ExodusCore

/// A departure stated of an entity in one sentence: its status, whether it is said inside a
/// quotation, and the dates the sentence gives it.
struct Event {
    var status: DepartureStatus
    var inQuote: Bool
    var announced: PartialDate?
    var effective: PartialDate?
    var sentence: Int
}
