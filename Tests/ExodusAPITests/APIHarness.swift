import ExodusAPI
import ExodusCore
import ExodusHTTP
import ExodusHTTPTestKit
import Foundation

/// A real server on 127.0.0.1:0 serving the API over a small, known snapshot.
final class APIHarness {
    let store: SnapshotStore
    let metrics = APIMetrics(routes: APIRoutes.templates)
    let server: TestServer
    var options: APIOptions

    static let letterText = "Eighty-seven groups said they would leave X on 20 January. They would continue on Bluesky and Mastodon."
    static let ministryText = "Germany's defence ministry announced last Wednesday that it was suspending its activities on X."

    static func date(_ s: String) -> PartialDate { PartialDate(iso: s)! }

    static func sampleSnapshot(builtAt: Int64 = 1_737_000_000) -> Snapshot {
        let letter = Document(
            id: "letter", title: "The letter", url: "https://example.org/letter", publisher: "Example",
            published: date("2025-01-16"), language: "en", text: letterText)
        let ministry = Document(
            id: "ministry", title: nil, url: nil, publisher: nil, published: date("2025-01-16"),
            language: "en", text: ministryText)
        func e(_ doc: Document, _ q: String) -> [Evidence] { [Evidence(document: doc.id, quote: q)] }
        return Snapshot(
            extracted: [
                (
                    letter,
                    [
                        Departure(
                            id: "signatories", organisation: "Eighty-seven groups", kind: .ngo, country: CountryCode(rawValue: "FR"),
                            status: .announced, announced: date("2025-01-14"), effective: date("2025-01-20"),
                            platforms: [Platform(rawValue: "bluesky")!, Platform(rawValue: "mastodon")!],
                            members: ["emmaus-france", "greenpeace"], evidence: e(letter, "Eighty-seven groups said they would leave X on 20 January.")),
                        Departure(
                            id: "emmaus-france", organisation: "Emmaüs France", kind: .ngo, country: CountryCode(rawValue: "FR"),
                            status: .announced, announced: date("2025-01-14"), effective: date("2025-01-20"),
                            platforms: [Platform(rawValue: "bluesky")!, Platform(rawValue: "mastodon")!], group: "signatories",
                            evidence: e(letter, "They would continue on Bluesky and Mastodon.")),
                        Departure(
                            id: "greenpeace", organisation: "Greenpeace", kind: .ngo, country: nil,
                            status: .announced, announced: date("2025-01-14"), effective: date("2025-01-20"),
                            platforms: [Platform(rawValue: "bluesky")!, Platform(rawValue: "mastodon")!], group: "signatories",
                            evidence: e(letter, "They would continue on Bluesky and Mastodon.")),
                    ]
                ),
                (
                    ministry,
                    [
                        Departure(
                            id: "german-defence-ministry", organisation: "German defence ministry", kind: .government,
                            country: CountryCode(rawValue: "DE"), status: .suspended, announced: date("2025-01-15"),
                            evidence: e(ministry, "Germany's defence ministry announced last Wednesday that it was suspending its activities on X.")),
                        Departure(
                            id: "german-universities", organisation: "More than 60 German universities", kind: .university,
                            country: CountryCode(rawValue: "DE"), status: .left, announced: date("2025-01"),
                            evidence: e(ministry, "Germany's defence ministry")),
                        Departure(
                            id: "unknown-date-org", organisation: "Undated Union", kind: .union, country: CountryCode(rawValue: "FR"),
                            status: .left, evidence: e(ministry, "suspending its activities on X")),
                    ]
                ),
            ], builtAt: builtAt)
    }

    init(
        snapshot: Snapshot? = APIHarness.sampleSnapshot(), options: APIOptions = APIOptions(),
        reload: (@Sendable (@escaping @Sendable (Result<[UInt8], APIProblem>) -> Void) -> Void)? = nil
    ) throws {
        self.options = options
        store = SnapshotStore(snapshot.map { APIState(representations: Representations(snapshot: $0), options: options) })
        let metrics = self.metrics
        let context = APIContext(store: store, metrics: metrics, options: options, now: { 1_737_000_060 }, reload: reload)
        server = try TestServer(
            router: APIRoutes.router(context),
            onResponse: { record in
                metrics.record(route: record.routeTemplate, status: record.status, seconds: 0.0001)
            })
    }

    deinit { server.stop() }

    func install(_ snapshot: Snapshot) {
        store.install(APIState(representations: Representations(snapshot: snapshot), options: options))
    }

    /// GET `target` with extra header lines.
    func get(_ target: String, headers: [String] = [], method: String = "GET") throws -> TestHTTPResponse {
        var raw = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
        for h in headers { raw += h + "\r\n" }
        raw += "\r\n"
        return try server.roundTrip(raw, head: method == "HEAD")
    }

    func json(_ r: TestHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any] ?? [:]
    }

    func ids(_ target: String) throws -> [String] {
        let r = try get(target)
        let items = try json(r)["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["id"] as? String }
    }
}
