import ExodusCore

/// The JSON shapes of the domain, shared by the API and the command line so
/// both print the very same representation.
public enum DomainJSON {
    /// A departure, fields in contract order; nulls are written, never dropped (`DepartureJSON`).
    public static func write(_ d: Departure, to w: inout JSONWriter) {
        DepartureJSON.write(d, to: &w)
    }

    /// A departure whose evidence objects are filled by `evidenceFields`
    /// (the detail view adds each document's metadata).
    public static func write(_ d: Departure, to w: inout JSONWriter, evidenceFields: (Evidence, inout JSONWriter) -> Void) {
        DepartureJSON.write(d, to: &w, evidenceFields: evidenceFields)
    }

    /// A JSON array of departures.
    public static func array(_ departures: [Departure]) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: departures.count * 600 + 2)
        w.beginArray()
        for d in departures { write(d, to: &w) }
        w.endArray()
        return w.bytes
    }

    /// Document metadata (without text), fields in contract order.
    public static func writeMetadata(_ doc: Document, to w: inout JSONWriter) {
        w.key("id"); w.string(doc.id)
        w.key("title"); w.string(doc.title)
        w.key("url"); w.string(doc.url)
        w.key("publisher"); w.string(doc.publisher)
        w.key("published"); w.string(doc.published?.iso)
        w.key("language"); w.string(doc.language)
    }
}
