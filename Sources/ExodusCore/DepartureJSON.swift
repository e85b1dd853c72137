/// The JSON of one departure as the API lists it, fields in contract order, nulls written.
/// These bytes are the row of `GET /departures` and of `/departures.ndjson`, and (from
/// snapshot format 2 on) the departure record of a snapshot file, so a file's rows are
/// served as they were read.
public enum DepartureJSON {
    /// The row: evidence objects hold `document` and `quote`.
    public static func write(_ d: Departure, to w: inout JSONWriter) {
        write(d, to: &w) { e, w in
            w.key("document"); w.string(e.document)
            w.key("quote"); w.string(e.quote)
        }
    }

    /// The row's bytes.
    public static func row(_ d: Departure) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 512)
        write(d, to: &w)
        return w.bytes
    }

    /// A departure whose evidence objects are filled by `evidenceFields`
    /// (the detail view adds each document's metadata).
    public static func write(_ d: Departure, to w: inout JSONWriter, evidenceFields: (Evidence, inout JSONWriter) -> Void) {
        w.beginObject()
        w.key("id"); w.string(d.id)
        w.key("organisation"); w.string(d.organisation)
        w.key("aliases"); w.strings(d.aliases)
        w.key("kind"); w.string(d.kind.rawValue)
        w.key("country"); w.string(d.country?.rawValue)
        w.key("status"); w.string(d.status.rawValue)
        w.key("announced"); w.string(d.announced?.iso)
        w.key("effective"); w.string(d.effective?.iso)
        w.key("platforms"); w.strings(d.platforms.map(\.rawValue))
        w.key("members"); w.strings(d.members)
        w.key("group"); w.string(d.group)
        w.key("confidence"); w.double(d.confidence)
        w.key("evidence")
        w.beginArray()
        for e in d.evidence {
            w.beginObject()
            evidenceFields(e, &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
