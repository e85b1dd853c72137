// libFuzzer target: the query string, the /departures parameters and the page cursor.
//
// Arbitrary text goes through `DepartureListParameters.parse` (which uses `QueryString` and
// `Cursor`) and straight into `Cursor(encoded:)`. Checked: a success holds values within
// the documented bounds and a cursor survives encode/decode; a failure is a 400 whose
// problem document is valid UTF-8 JSON text without raw control characters.
import ExodusAPI
import ExodusCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch DepartureListParameters.parse(text) {
    case .success(let p):
        precondition((1...DepartureListParameters.maxLimit).contains(p.query.limit), "limit out of range")
        if let t = p.query.text { precondition(!t.isEmpty && t.count <= 200, "q out of bounds") }
        if let c = p.cursor { precondition(Cursor(encoded: c.encoded) == c, "cursor does not round-trip") }
        precondition(Cursor.fingerprint(of: p.query).utf8.count == 16, "fingerprint is not 16 hex digits")
    case .failure(let problem):
        precondition(problem.status == 400, "a query problem must be a 400")
        let json = problem.json
        precondition(String(validating: json, as: UTF8.self) != nil, "problem JSON is not UTF-8")
        precondition(!json.contains { $0 < 0x20 }, "raw control character in problem JSON")
        precondition(json.first == UInt8(ascii: "{") && json.last == UInt8(ascii: "}"), "problem JSON is not an object")
    }
    if let c = Cursor(encoded: text) {
        precondition(Cursor(encoded: c.encoded) == c, "cursor does not round-trip")
    }
    _ = QueryString(text)?.values("q")
    return 0
}
