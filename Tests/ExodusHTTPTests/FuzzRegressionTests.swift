// Inputs the libFuzzer target FuzzHTTPFramer (Fuzz/) found, kept as regression tests: the
// same delivery-independence check the target makes, over every split point.
import ExodusHTTP
import Foundation
import Testing

/// Frames `input` whole, then split at every single point and byte by byte; all must agree.
func expectDeliveryIndependent(_ input: [UInt8], limits: FramingLimits, sourceLocation: SourceLocation = #_sourceLocation) {
    let whole = FramingProbe.frame(input, limits: limits)
    var deliveries = (1..<max(1, input.count)).map { [$0] }
    deliveries.append(Array(1..<max(1, input.count)))
    for cuts in deliveries {
        let split = FramingProbe.frame(input, cuts: cuts, limits: limits)
        #expect(split == whole, "cut at \(cuts.prefix(3))…", sourceLocation: sourceLocation)
        if split != whole { return }
    }
}

@Suite struct FramerFuzzRegressionTests {
    /// Base64 of each input, with what it showed.
    static let found: [(String, String)] = [
        // A request line over the limit with a bare LF after the limit: whole it was a 400
        // (bare LF), split before the LF a 414. Fixed: the scan stops at the limit.
        (
            "R0VUIC8gSFRUUC9rZWVwLWZmZmZmZmZmZmZmZmZmZmZmZmZmL2RlcGFydHVyZXMvZmZmZmZmZmZmZmZmZmZmZmZmZmFsaXaTYQoK",
            "bare LF past the request-line limit"
        ),
        // An HTTP/1.0 request without keep-alive closes the connection, followed by bytes
        // that would fail to frame. Framed through ConnectionMachine, the bytes after the
        // close were left in the buffer when delivered whole but never read when the cut
        // fell at the close, so the leftover count depended on the cut. Fixed: the probe
        // counts unread bytes as left over.
        (
            "R0VUIC9oZWFsdGh6IEhUVFAvMS4xDQpIb3N0OiBhDQoNCkdFVCAvZGVwYXJ0dWJlcyBIVFRQLzEuMA0KDQpIb3N0OiBhDQpDb25uZSAAY3Rpb246IGNsb3NlDQoNCg==",
            "bytes after a closing request"
        ),
    ]

    @Test(arguments: 0..<found.count)
    func fuzzerFindings(_ k: Int) throws {
        let input = try #require(Data(base64Encoded: Self.found[k].0)).map { $0 }
        expectDeliveryIndependent(input, limits: FramingLimits.small)
        expectDeliveryIndependent(input, limits: FramingLimits())
    }

    @Test func limitWinsOverALaterBadByte() {
        var limits = FramingLimits()
        limits.maxRequestLineLength = 16
        let line = Array("GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nHTTP/1.1\r\n\r\n".utf8)
        let t = FramingProbe.frame(line, limits: limits)
        guard case .failure(let status, _)? = t.items.first else { Issue.record("no failure: \(t.items)"); return }
        #expect(status == 414)
        expectDeliveryIndependent(line, limits: limits)

        limits = FramingLimits.small
        let head = Array(("GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "b", count: 200) + "\u{0}\r\n\r\n").utf8)
        let u = FramingProbe.frame(head, limits: limits)
        guard case .failure(let status2, _)? = u.items.first else { Issue.record("no failure: \(u.items)"); return }
        #expect(status2 == 431)
        expectDeliveryIndependent(head, limits: limits)
    }
}
