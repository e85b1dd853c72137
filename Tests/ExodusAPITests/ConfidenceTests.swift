import ExodusAPI
import ExodusCore
import Foundation
import Testing

/// `min_confidence`: rows under the default cut stay in the snapshot but leave answers and
/// counts unless a client asks for them.
@Suite struct ConfidenceTests {
    static func snapshot() -> Snapshot {
        let doc = Document(id: "d", published: PartialDate(iso: "2025-02-01"), text: "Sure Trust left X. Unsure Club may have left X.")
        return Snapshot(
            extracted: [
                (
                    doc,
                    [
                        Departure(
                            id: "sure-trust", organisation: "Sure Trust", status: .left, platforms: [Platform(rawValue: "bluesky")!],
                            evidence: [Evidence(document: "d", quote: "Sure Trust left X.")], confidence: 0.93),
                        Departure(
                            id: "unsure-club", organisation: "Unsure Club", status: .left, platforms: [Platform(rawValue: "mastodon")!],
                            evidence: [Evidence(document: "d", quote: "Unsure Club may have left X.")], confidence: 0.21),
                    ]
                )
            ], builtAt: 1_738_000_000)
    }

    @Test func theDefaultHidesRowsUnderTheCutAndZeroShowsThem() throws {
        let h = try APIHarness(snapshot: Self.snapshot())
        #expect(try h.ids("/departures") == ["sure-trust"])
        #expect(try h.ids("/departures?min_confidence=0") == ["sure-trust", "unsure-club"])
        #expect(try h.ids("/departures?min_confidence=0.95") == [])
        #expect(try h.ids("/departures?min_confidence=0.2&platform=mastodon") == ["unsure-club"])
        let row = (try h.json(try h.get("/departures?min_confidence=0"))["items"] as? [[String: Any]])?.last
        #expect(row?["confidence"] as? Double == 0.21)
        // The detail of a hidden row is still there, with its confidence.
        #expect(try h.json(try h.get("/departures/unsure-club"))["confidence"] as? Double == 0.21)
    }

    @Test func statsCountWhatTheDefaultHides() throws {
        let h = try APIHarness(snapshot: Self.snapshot())
        let stats = try h.json(try h.get("/stats"))
        #expect(stats["departures"] as? Int == 1)
        #expect(stats["hidden_below_min_confidence"] as? Int == 1)
        #expect(stats["min_confidence"] as? Double == Confidence.defaultMinimum)
        #expect(stats["by_platform"] as? [String: Int] == ["bluesky": 1])
        let platforms = try h.json(try h.get("/platforms"))["items"] as? [[String: Any]]
        #expect(platforms?.compactMap { $0["platform"] as? String } == ["bluesky"])
    }

    @Test(arguments: ["-0.1", "1.5", "abc", "nan", "inf", "0.5&min_confidence=0.2", String(repeating: "0", count: 40)])
    func badValuesAreA400(_ value: String) throws {
        let h = try APIHarness(snapshot: Self.snapshot())
        let r = try h.get("/departures?min_confidence=" + value)
        #expect(r.status == 400)
        #expect(r.text.contains("min_confidence"))
    }

    @Test func aCursorKeepsTheCutItWasIssuedFor() throws {
        let h = try APIHarness(snapshot: Self.snapshot())
        let first = try h.json(try h.get("/departures?min_confidence=0&limit=1"))
        let cursor = try #require(first["next_cursor"] as? String)
        #expect(try h.ids("/departures?min_confidence=0&limit=1&cursor=" + cursor) == ["unsure-club"])
        // The same cursor with the default cut is another question.
        #expect(try h.get("/departures?limit=1&cursor=" + cursor).status == 400)
    }
}
