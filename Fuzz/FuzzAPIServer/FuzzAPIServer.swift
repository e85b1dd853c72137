// libFuzzer target: arbitrary request bytes through the real server path and the real API.
//
// The other targets drive the framer and the query parser alone; the crash of issue 13
// (an If-Modified-Since year that overflowed in HTTPDate) lived in a handler, past both.
// Here each input is framed as a connection frames it, routed by the API's own router,
// answered by the real handlers over a small real snapshot, and every response head is
// written by the server's writer and checked (see ServerPathProbe). Three services answer
// each input: open CORS without an admin token; listed origins with an admin token and a
// reload; and one with no snapshot loaded yet. The input is also delivered in two pieces,
// which must give the same statuses.
import ExodusAPI
import ExodusCore
import ExodusHTTP

private func date(_ s: String) -> PartialDate { PartialDate(iso: s)! }

/// Two documents and five departures: a group with members, undated and month-precision
/// dates, countries and none, every status.
private let snapshot: Snapshot = {
    let letterText = "Eighty-seven groups said they would leave X on 20 January. They would continue on Bluesky and Mastodon."
    let ministryText = "Germany's defence ministry announced last Wednesday that it was suspending its activities on X."
    let letter = Document(
        id: "letter", title: "The letter", url: "https://example.org/letter", publisher: "Example",
        published: date("2025-01-16"), language: "en", text: letterText)
    let ministry = Document(
        id: "ministry", title: nil, url: nil, publisher: nil, published: date("2025-01"),
        language: "en", text: ministryText)
    let bluesky = Platform(rawValue: "bluesky")!, mastodon = Platform(rawValue: "mastodon")!
    func e(_ doc: Document, _ q: String) -> [Evidence] { [Evidence(document: doc.id, quote: q)] }
    return Snapshot(
        extracted: [
            (
                letter,
                [
                    Departure(
                        id: "signatories", organisation: "Eighty-seven groups", kind: .ngo, country: CountryCode(rawValue: "FR"),
                        status: .announced, announced: date("2025-01-14"), effective: date("2025-01-20"),
                        platforms: [bluesky, mastodon], members: ["emmaus-france"],
                        evidence: e(letter, "Eighty-seven groups said they would leave X on 20 January.")),
                    Departure(
                        id: "emmaus-france", organisation: "Emmaüs France", kind: .ngo, country: CountryCode(rawValue: "FR"),
                        status: .announced, announced: date("2025-01-14"), effective: date("2025-01-20"),
                        platforms: [bluesky], group: "signatories",
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
                        id: "undated", organisation: "Undated Union", kind: .union, country: nil,
                        status: .left, evidence: e(ministry, "suspending its activities on X")),
                ]
            ),
        ], builtAt: 1_737_000_000)
}()

private func router(_ options: APIOptions, loaded: Bool, reload: Bool) -> HTTPRouter {
    let store = SnapshotStore(loaded ? APIState(representations: Representations(snapshot: snapshot), options: options) : nil)
    var context = APIContext(
        store: store, metrics: APIMetrics(routes: APIRoutes.templates), options: options,
        now: { 1_737_000_060 })
    if reload {
        context.reload = { done in done(.success(Array(#"{"outcome":"unchanged"}"#.utf8))) }
    }
    return APIRoutes.router(context)
}

private let routers: [HTTPRouter] = {
    var open = APIOptions()
    open.version = "fuzz"
    var locked = APIOptions()
    locked.corsOrigins = ["https://app.example"]
    locked.adminToken = "fuzz-token"
    return [
        router(open, loaded: true, reload: false), router(locked, loaded: true, reload: true),
        router(open, loaded: false, reload: false),
    ]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIServer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let cut = Int(h % UInt64(max(bytes.count, 1)))
    for r in routers {
        let whole = ServerPathProbe.serve(bytes, router: r)
        let split = ServerPathProbe.serve(bytes, cuts: [cut], router: r)
        if whole.map(\.status) != split.map(\.status) {
            print("whole: \(whole)\nsplit at \(cut): \(split)")
            fatalError("the answers depend on how the bytes were split")
        }
    }
    return 0
}
