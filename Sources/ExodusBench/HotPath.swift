// Micro benchmarks of one request's work inside the server, without sockets: framing and
// routing a request head (as after recv), and serving it: handler plus response head
// serialisation (as before sendmsg). The socket side is measured end to end by
// `make bench` (Benchmarks/bench.py); these isolate what the server itself spends.
import ExodusAPI
import ExodusCore
import ExodusExtraction
import ExodusHTTP

/// A request head with `extraFields` browser-like header fields after Host.
func requestHead(_ target: String, extraFields: Int = 0) -> String {
    let browser = [
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Accept: application/json, text/plain, */*",
        "Accept-Language: en-GB,en;q=0.9,fr;q=0.8",
        "Accept-Encoding: gzip, deflate, br",
        "Referer: http://127.0.0.1:8080/",
        "Origin: http://127.0.0.1:8080",
        "Connection: keep-alive",
        "Sec-Fetch-Mode: cors",
        "Sec-Fetch-Site: same-origin",
        "Cache-Control: no-cache",
    ]
    var head = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
    for k in 0..<extraFields { head += k < browser.count ? browser[k] + "\r\n" : "X-Extra-\(k): value-\(k)\r\n" }
    return head + "\r\n"
}

func hotPathBenchmarks() {
    // A store like a served one: 200 generated documents, extracted and snapshotted.
    var gen = SyntheticCorpus(seed: 99)
    let docs = (0..<200).map { gen.document(index: $0) }
    let extracted = zip(docs, Extractor.standard.extractAll(docs)).map { (document: $0, departures: $1) }
    let snapshot = Snapshot(extracted: extracted, builtAt: 0)
    let options = APIOptions()
    let store = SnapshotStore(APIState(representations: Representations(snapshot: snapshot), options: options))
    let context = APIContext(store: store, metrics: APIMetrics(routes: APIRoutes.templates), options: options, now: { 0 })
    let router = APIRoutes.router(context)
    print("hot path: \(snapshot.departures.count) departures in the store")

    func perRequest(_ name: String, pipelined: Int = 1, _ head: String, serve: Bool) {
        let input = Array(String(repeating: head, count: pipelined).utf8)
        let bench = HotPathBench(input: input, router: router)
        let check = serve ? bench.serve() : bench.frame()
        precondition(check > 0, "\(name): nothing was routed")
        let seconds = measure { _ = serve ? bench.serve() : bench.frame() }
        report(serve ? "\(name), \(check) B out" : name, seconds / Double(pipelined))
    }

    // Framing and routing, by number of header fields: should grow linearly and stay small.
    for fields in [0, 10, 50] {
        perRequest(
            "frame+route GET /departures, \(fields + 1) fields", pipelined: 16,
            requestHead("/departures", extraFields: fields), serve: false)
    }
    perRequest(
        "frame+route GET /departures/{id}", pipelined: 16,
        requestHead("/departures/some-organisation-id"), serve: false)
    // Serving: handler (state lookup, ETag check, cached or computed JSON) + head.
    perRequest("serve GET /departures (cached page)", requestHead("/departures", extraFields: 3), serve: true)
    perRequest("serve GET /departures, Accept: text/csv (headers only)", "GET /departures HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n", serve: true)
    // The Accept field as a JavaScript client sends it: what content negotiation adds to the cached page.
    var accepted = 0
    report(
        "negotiate Accept: application/json, text/plain, */*",
        measure {
            if DepartureFormat.negotiate("application/json, text/plain, */*") == .json { accepted += 1 }
        })
    precondition(accepted > 0)
    perRequest("serve GET /healthz", requestHead("/healthz"), serve: true)
    perRequest("serve GET /departures/{id} (404 problem)", requestHead("/departures/no-such-id"), serve: true)
    perRequest("serve GET /departures?platform=bluesky&limit=20", requestHead("/departures?platform=bluesky&limit=20"), serve: true)
}
