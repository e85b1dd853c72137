import ExodusCore

/// The JSON shapes of the domain, shared by the API and the command line so
/// both print the very same representation.
public enum DomainJSON {
    /// A departure, fields in contract order; nulls are written, never dropped.
    public static func write(_ d: Departure, to w: inout JSONWriter) {
        write(d, to: &w) { e, w in
            w.key("document"); w.string(e.document)
            w.key("quote"); w.string(e.quote)
        }
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
