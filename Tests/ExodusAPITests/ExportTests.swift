import ExodusAPI
import ExodusCore
import ExodusHTTP
import ExodusHTTPTestKit
import Foundation
import Testing

/// A small RFC 4180 reader for the checks below: quoted fields, doubled quotes, CRLF.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, i = text.unicodeScalars.startIndex
    let s = text.unicodeScalars
    while i < s.endIndex {
        let c = s[i]
        if quoted {
            if c == "\"" {
                let n = s.index(after: i)
                if n < s.endIndex && s[n] == "\"" { field.unicodeScalars.append("\""); i = n } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r" {
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.unicodeScalars.append(c)
        }
        i = s.index(after: i)
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// A CSV field back to the value: one leading `'` added against formula injection is dropped.
func unguard(_ f: String) -> String { f.hasPrefix("'") ? String(f.dropFirst()) : f }

/// Departures whose texts try every quoting and formula-injection case.
func hostileSnapshot() -> Snapshot {
    let doc = Document(
        id: "doc-1", title: "A \"title\", with <markup> & more", url: "https://example.org/a?x=1&y=2",
        published: PartialDate(iso: "2025-02-03"), text: "=HYPERLINK(\"http://evil\") quote, with \"quotes\"\nand a newline")
    let names = [
        "=SUM(A1:A9)", "+33 Group", "-minus org", "@handle org", "\ttabbed", "'quoted already", "Plain, with comma",
        "Has \"quotes\"", "Line\nbreak", "Ünïcödé Åssociation", "\rcarriage",
    ]
    var departures: [Departure] = []
    for (i, n) in names.enumerated() {
        departures.append(
            Departure(
                id: "org-\(i)", organisation: n, aliases: i % 2 == 0 ? ["=alias", "b;c"] : [], kind: .ngo,
                country: i % 3 == 0 ? CountryCode(rawValue: "DE") : nil, status: [.left, .suspended, .announced][i % 3],
                announced: i < 8 ? PartialDate(iso: "2025-01-\(10 + i)") : nil, effective: i == 1 ? PartialDate(iso: "2025-03") : nil,
                platforms: i % 2 == 0 ? [Platform(rawValue: "bluesky")!, Platform(rawValue: "mastodon")!] : [],
                evidence: i == 4 ? [] : [Evidence(document: "doc-1", quote: i == 0 ? "=HYPERLINK(\"http://evil\") quote, with \"quotes\"" : "and a newline")]))
    }
    return Snapshot(documents: [doc], departures: departures, builtAt: 1_738_000_000)
}

/// Socket-free: the bodies and the negotiation, from the representations alone.
@Suite struct ExportBodyTests {
    @Test func csvHasTheColumnsAndReadsBackToTheJSONValues() throws {
        let snapshot = hostileSnapshot()
        let reps = Representations(snapshot: snapshot)
        let all = snapshot.query(
            {
                var q = DepartureQuery(); q.limit = 1000; return q
            }()
        ).positions
        let stream = reps.csv(Array(all))
        let bytes = stream.collect()
        #expect(bytes.count == stream.count)  // the announced length is exact
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "id,organisation,aliases,kind,country,status,announced,effective,platforms,group,members,confidence,evidence_count,first_evidence_quote,first_evidence_document,first_evidence_url\r\n"
            ))
        let rows = parseCSV(text)
        #expect(rows.count == snapshot.departures.count + 1)
        for (k, row) in rows.dropFirst().enumerated() {
            let d = snapshot.departures[Int(all[all.startIndex + k])]
            #expect(row.count == 16)
            // No field a spreadsheet would run as a formula.
            for f in row { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(f.first.map(String.init) ?? "")) }
            let v = row.map(unguard)
            #expect(v[0] == d.id)
            #expect(v[1] == d.organisation)
            #expect(v[2] == d.aliases.joined(separator: ";"))
            #expect(v[4] == (d.country?.rawValue ?? ""))
            #expect(v[5] == d.status.rawValue)
            #expect(v[6] == (d.announced?.iso ?? ""))
            #expect(v[7] == (d.effective?.iso ?? ""))
            #expect(v[8] == d.platforms.map(\.rawValue).joined(separator: ";"))
            #expect(v[11] == String(d.confidence))
            #expect(v[12] == String(d.evidence.count))
            #expect(v[13] == (d.evidence.first?.quote ?? ""))
            #expect(v[14] == (d.evidence.first?.document ?? ""))
            #expect(v[15] == (d.evidence.isEmpty ? "" : "https://example.org/a?x=1&y=2"))
        }
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\") quote, with \"\"quotes\"\"\""))
        #expect(text.contains(",'=SUM(A1:A9),"))
        #expect(text.contains(",''quoted already,"))
    }

    @Test func ndjsonIsTheListRowsOneALine() throws {
        let snapshot = hostileSnapshot()
        let reps = Representations(snapshot: snapshot)
        let positions: [Int32] = [3, 0, 7]
        let stream = reps.ndjson(positions)
        let bytes = stream.collect()
        #expect(bytes.count == stream.count)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        for (k, p) in positions.enumerated() {
            var w = JSONWriter()
            DomainJSON.write(snapshot.departures[Int(p)], to: &w)
            #expect(Array(lines[k].utf8) == w.bytes)
        }
        #expect(reps.ndjson([]).collect().isEmpty)
        #expect(reps.csv([]).collect().count == reps.csv([]).count)
    }

    @Test func negotiation() {
        typealias F = DepartureFormat
        #expect(F.negotiate(nil) == .json)
        #expect(F.negotiate("*/*") == .json)
        #expect(F.negotiate("application/json") == .json)
        #expect(F.negotiate("text/csv") == .csv)
        #expect(F.negotiate("TEXT/CSV; charset=utf-8") == .csv)
        #expect(F.negotiate("application/x-ndjson") == .ndjson)
        #expect(F.negotiate("text/*") == .csv)
        #expect(F.negotiate("application/*") == .json)
        #expect(F.negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8") == .json)
        #expect(F.negotiate("application/json;q=0.5, text/csv") == .csv)
        #expect(F.negotiate("text/csv;q=0.4, application/x-ndjson;q=0.9") == .ndjson)
        #expect(F.negotiate("*/*;q=0.1, application/json;q=0") == .csv)
        #expect(F.negotiate("text/html") == nil)
        #expect(F.negotiate("application/xml, image/png") == nil)
        #expect(F.negotiate("text/csv;q=0") == nil)
        #expect(F.negotiate("garbage") == .json)  // unparseable: ignored
        #expect(F.negotiate("text/csv;q=2") == .json)
    }

    @Test func feedEntriesTitlesIDsAndDates() throws {
        let snapshot = hostileSnapshot()
        let reps = Representations(snapshot: snapshot)
        _ = reps
        let d = snapshot.departures
        #expect(AtomFeed.entryID("greenpeace") == "tag:exodus,2025:departure/greenpeace")
        #expect(AtomFeed.entryID("a b/c") == "tag:exodus,2025:departure/a%20b%2Fc")
        let byID = Dictionary(uniqueKeysWithValues: d.map { ($0.id, $0) })
        #expect(AtomFeed.title(byID["org-0"]!) == "=SUM(A1:A9) leaves X")
        #expect(AtomFeed.title(byID["org-1"]!) == "+33 Group pauses X")
        #expect(AtomFeed.title(byID["org-2"]!) == "-minus org will leave X")
        #expect(AtomFeed.updated(byID["org-3"]!, snapshot) == "2025-01-13T00:00:00Z")
        // Undated with a source: the source's publication date; no source at all: the epoch.
        #expect(AtomFeed.updated(byID["org-9"]!, snapshot) == "2025-02-03T00:00:00Z")
    }
}

/// Over real sockets on 127.0.0.1.
@Suite struct ExportEndpointTests {
    @Test func csvEndpoint() throws {
        let h = try APIHarness()
        let version = h.store.state!.snapshot.version
        let r = try h.get("/departures.csv")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(r.header("Content-Disposition") == "attachment; filename=\"exodus-departures-\(version).csv\"")
        #expect(r.header("Content-Length") == String(r.body.count))
        #expect(r.header("X-Total-Count") == "6")
        #expect(r.header("Access-Control-Allow-Origin") == "*")
        let etag = try #require(r.header("ETag"))
        #expect(etag.contains(version))
        let rows = parseCSV(r.text)
        #expect(rows.count == 7)
        // Same rows, same order as /departures.
        #expect(rows.dropFirst().map { $0[0] } == (try h.ids("/departures")))
        #expect(rows[1][0] == "german-defence-ministry")
        #expect(rows[1][13] == APIHarness.ministryText)
        #expect(rows[1][15] == "")
        let filtered = parseCSV(try h.get("/departures.csv?country=FR&sort=organisation").text)
        #expect(filtered.dropFirst().map { $0[0] } == (try h.ids("/departures?country=FR&sort=organisation")))

        let again = try h.get("/departures.csv", headers: ["If-None-Match: \(etag)"])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("ETag") == etag)
        let other = try h.get("/departures.csv?country=FR", headers: ["If-None-Match: \(etag)"])
        #expect(other.status == 200)
        #expect(other.header("ETag") != etag)

        let head = try h.get("/departures.csv", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == String(r.body.count))
        #expect(head.body.isEmpty)
    }

    @Test func ndjsonEndpointMatchesTheJSONList() throws {
        let h = try APIHarness()
        let r = try h.get("/departures.ndjson?platform=bluesky")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "application/x-ndjson")
        #expect(r.header("Content-Disposition") == nil)
        let list = try h.get("/departures?platform=bluesky")
        let items = try h.json(list)["items"] as? [[String: Any]] ?? []
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == items.count)
        #expect(lines.count == 3)
        // Byte for byte the rows of the JSON page.
        #expect(list.text.contains(lines.joined(separator: ",")))
        let etag = try #require(r.header("ETag"))
        #expect(try h.get("/departures.ndjson?platform=bluesky", headers: ["If-None-Match: W/\(etag)"]).status == 304)
        #expect(try h.get("/departures.ndjson?platform=nowhere").text.isEmpty)
    }

    @Test func exportsAnswerTheSameProblemsAsTheList() throws {
        let h = try APIHarness()
        for path in ["/departures.csv", "/departures.ndjson", "/feed.atom"] {
            let bad = try h.get(path + "?country=FRA")
            #expect(bad.status == 400)
            #expect(bad.header("Content-Type") == "application/problem+json")
            let list = try h.get("/departures?country=FRA")
            #expect(try h.json(bad)["detail"] as? String == (try h.json(list)["detail"] as? String))
            let paged = try h.get(path + "?limit=10")
            #expect(paged.status == 400)
            #expect(try h.json(paged)["parameter"] as? String == "limit")
            #expect(try h.get(path + "?cursor=abc").status == 400)
            #expect(try h.get(path + "?nonsense=1").status == 400)
            #expect(try h.get(path, method: "POST").status == 405)
        }
        #expect(try h.get("/feed.atom?sort=organisation").status == 400)
        let empty = try APIHarness(snapshot: nil)
        #expect(try empty.get("/departures.csv").status == 503)
    }

    @Test func contentNegotiationOnDepartures() throws {
        let h = try APIHarness()
        let csv = try h.get("/departures?kind=ngo", headers: ["Accept: text/csv"])
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.header("Vary") == "Accept")
        #expect(csv.body == (try h.get("/departures.csv?kind=ngo")).body)
        let nd = try h.get("/departures", headers: ["Accept: application/x-ndjson"])
        #expect(nd.header("Content-Type") == "application/x-ndjson")
        #expect(nd.body == (try h.get("/departures.ndjson")).body)
        for accept in ["*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8"] {
            let j = try h.get("/departures", headers: ["Accept: \(accept)"])
            #expect(j.header("Content-Type") == "application/json; charset=utf-8")
            #expect(j.header("Vary") == "Accept")
        }
        #expect(try h.get("/departures").header("Vary") == "Accept")
        #expect(try h.get("/departures?country=FR").header("Vary") == "Accept")
        let no = try h.get("/departures", headers: ["Accept: text/html"])
        #expect(no.status == 406)
        #expect(no.header("Content-Type") == "application/problem+json")
        #expect(try h.json(no)["type"] as? String == "/problems/not-acceptable")
        #expect(try h.get("/departures?limit=5", headers: ["Accept: text/csv"]).status == 400)
    }

    @Test func corsOnExportsWithAnOriginList() throws {
        var options = APIOptions()
        options.corsOrigins = ["https://app.example"]
        let h = try APIHarness(options: options)
        let r = try h.get("/departures.csv", headers: ["Origin: https://app.example"])
        #expect(r.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(r.headers("Vary").contains("Origin"))
        let f = try h.get("/feed.atom", headers: ["Origin: https://app.example"])
        #expect(f.header("Access-Control-Allow-Origin") == "https://app.example")
    }

    @Test func atomFeed() throws {
        let h = try APIHarness()
        let r = try h.get("/feed.atom")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "application/atom+xml; charset=utf-8")
        let text = r.text
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        // Newest first, undated last: the order of /departures.
        let ids = text.components(separatedBy: "<id>tag:exodus,2025:departure/").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(ids == (try h.ids("/departures")))
        #expect(text.contains("<title>German defence ministry pauses X</title>"))
        #expect(text.contains("<title>Emmaüs France will leave X</title>"))
        #expect(text.contains("<title>More than 60 German universities leaves X</title>"))
        // The feed's updated is the newest entry's, from the data, not the clock (here the
        // undated entry's: its source was published on 16 January).
        #expect(text.contains("<updated>2025-01-16T00:00:00Z</updated>\n<author>"))
        #expect(text.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/letter\"/>"))
        #expect(text.contains("&lt;blockquote&gt;&lt;p&gt;They would continue on Bluesky and Mastodon.&lt;/p&gt;&lt;/blockquote&gt;"))
        // Filters, and the same bytes (ETag) from the same snapshot.
        let de = try h.get("/feed.atom?country=DE").text
        #expect(de.components(separatedBy: "<entry>").count == 3)
        #expect(de.contains("<id>tag:exodus,2025:feed?country=DE</id>"))
        let etag = try #require(r.header("ETag"))
        #expect(try h.get("/feed.atom", headers: ["If-None-Match: \(etag)"]).status == 304)
        h.install(APIHarness.sampleSnapshot(builtAt: 1_800_000_000))
        #expect(try h.get("/feed.atom").body == r.body)
    }

    @Test func feedHoldsFiftyEntries() throws {
        var departures: [Departure] = []
        for i in 0..<120 {
            departures.append(
                Departure(
                    id: "org-\(i)", organisation: "Org \(i)", status: .left,
                    announced: i % 10 == 0 ? nil : PartialDate(iso: "2024-\(String(format: "%02d", i % 12 + 1))-\(String(format: "%02d", i % 28 + 1))")))
        }
        let h = try APIHarness(snapshot: Snapshot(documents: [], departures: departures, builtAt: 0))
        let text = try h.get("/feed.atom").text
        let ids = text.components(separatedBy: "<id>tag:exodus,2025:departure/").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(ids.count == 50)
        #expect(ids == Array(try h.ids("/departures?limit=50")))
        #expect(try h.get("/departures.csv").text.split(separator: "\r\n").count == 121)
    }
}
