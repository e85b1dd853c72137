import ExodusCore
import Foundation
import Testing

/// The snapshot file format: a round trip gives the same snapshot, and every kind of damage
/// is refused with its own error, before any record is trusted.
@Suite struct SnapshotFileTests {
    func sample() -> Snapshot {
        let text = "Acme Trust quit X on 14 January.\nThe \"Beta\" Fund\tpaused its account; see café ☕ 𝄞.\u{1}"
        let a = Document(id: "doc-a", title: "Leaving X", url: "https://news.example/a", publisher: "Example News",
                         published: PartialDate(iso: "2025-01-16"), language: "en", text: text)
        let b = Document(id: "doc-b", text: "Gamma Museum left X.")
        let rows = [
            Departure(id: "acme-trust", organisation: "Acme Trust", aliases: ["Acme"], kind: .ngo,
                      country: CountryCode(rawValue: "FR"), status: .left, announced: PartialDate(iso: "2025-01-14"),
                      effective: PartialDate(iso: "2025-01"), platforms: [Platform(rawValue: "bluesky")!, Platform(rawValue: "mastodon")!],
                      evidence: [Evidence(document: "doc-a", quote: "Acme Trust quit X on 14 January.")], confidence: 0.8312345678901234),
            Departure(id: "beta-fund", organisation: "The \"Beta\" Fund", status: .suspended, members: ["x-1"], group: nil,
                      evidence: [Evidence(document: "doc-a", quote: "The \"Beta\" Fund\tpaused its account; see café ☕ 𝄞.\u{1}")],
                      confidence: 0.1),
            Departure(id: "gamma-museum", organisation: "Gamma Museum", kind: .museum, status: .left, group: "beta-fund",
                      evidence: [Evidence(document: "doc-b", quote: "Gamma Museum left X.")]),
        ]
        return Snapshot(documents: [b, a], departures: rows, builtAt: 1_767_225_600)
    }

    @Test func aRoundTripGivesTheSameSnapshotAndVersion() throws {
        let s = sample()
        let bytes = SnapshotFile.encode(s, extractorVersion: "test-1")
        let (header, back) = try SnapshotFile.decode(bytes)
        #expect(header.formatVersion == SnapshotFile.formatVersion)
        #expect(header.extractorVersion == "test-1")
        #expect(header.contentVersion == s.version)
        #expect(header.documents == 2 && header.departures == 3)
        #expect(back.version == s.version)
        #expect(back.builtAt == s.builtAt)
        #expect(back.documents == s.documents)
        #expect(back.departures == s.departures)
        #expect(back.departures.map(\.confidence) == s.departures.map(\.confidence))
        #expect(try SnapshotFile.header(bytes) == header)
        // Written again, byte for byte the same: publishers and readers agree on the ETag.
        #expect(SnapshotFile.encode(back, extractorVersion: "test-1") == bytes)
    }

    @Test func theEmptySnapshotRoundTrips() throws {
        let bytes = SnapshotFile.encode(Snapshot.empty, extractorVersion: "e")
        let (_, back) = try SnapshotFile.decode(bytes)
        #expect(back.version == Snapshot.empty.version && back.departures.isEmpty)
    }

    /// The header line and the body of an encoded sample.
    func parts() -> (header: String, body: [UInt8]) {
        let bytes = SnapshotFile.encode(sample(), extractorVersion: "t")
        let nl = bytes.firstIndex(of: 0x0A)!
        return (String(decoding: bytes[..<nl], as: UTF8.self), Array(bytes[(nl + 1)...]))
    }

    func expectError(_ bytes: [UInt8], _ check: (SnapshotFile.ReadError) -> Bool) {
        do {
            _ = try SnapshotFile.decode(bytes)
            Issue.record("a damaged file was accepted")
        } catch {
            #expect(check(error), "\(error)")
        }
    }

    @Test func anUnknownFormatVersionIsRefused() {
        let (header, body) = parts()
        let v2 = header.replacingOccurrences(of: "\"format_version\":1", with: "\"format_version\":2")
        expectError(Array((v2 + "\n").utf8) + body) { $0 == .unsupportedFormatVersion(2) }
        expectError(Array("{\"format\":\"something-else\",\"format_version\":1}\n".utf8)) {
            if case .notASnapshot = $0 { return true } else { return false }
        }
        expectError([]) { if case .notASnapshot = $0 { return true } else { return false } }
        #expect(SnapshotFile.ReadError.unsupportedFormatVersion(2).description.contains("format version 2 is not supported"))
    }

    @Test func aTruncatedFileIsRefused() {
        let bytes = SnapshotFile.encode(sample(), extractorVersion: "t")
        for cut in [bytes.count - 1, bytes.count - 40, bytes.count / 2] {
            expectError(Array(bytes[..<cut])) { if case .truncated = $0 { return true } else { return false } }
        }
        // Cut inside the header line.
        expectError(Array(bytes[..<20])) { if case .notASnapshot = $0 { return true } else { return false } }
        expectError(bytes + Array("{}\n".utf8)) { if case .trailingBytes = $0 { return true } else { return false } }
    }

    @Test func aContentHashMismatchIsRefused() {
        var bytes = SnapshotFile.encode(sample(), extractorVersion: "t")
        // Flip one letter inside a quote: same length, different hash.
        let at = bytes.count - 30
        bytes[at] = bytes[at] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        expectError(bytes) { if case .hashMismatch = $0 { return true } else { return false } }
    }

    @Test func recordsThatDoNotMakeTheAnnouncedVersionAreRefused() {
        // A consistent body (right length and hash) whose rows differ from what the header's
        // content version says: only recomputing the snapshot version catches it.
        let (header, body) = parts()
        var text = String(decoding: body, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"confidence\":0.1}", with: "\"confidence\":0.2}")
        let newBody = Array(text.utf8)
        let oldHash = header.split(separator: "\"body_fnv1a64\":\"")[1].prefix(16)
        let fixed = header.replacingOccurrences(of: String(oldHash), with: SnapshotFile.fnv1a64Hex(newBody))
        expectError(Array((fixed + "\n").utf8) + newBody) {
            if case .contentVersionMismatch = $0 { return true } else { return false }
        }
    }

    @Test func unknownFieldsAreSkippedAndBadRecordsNamed() throws {
        let row = Array(#"{"id":"a","organisation":"A","status":"left","future":{"x":[1,2,null,true]},"confidence":0.5}"#.utf8)
        let d = try SnapshotFile.decodeDeparture(row).get()
        #expect(d.id == "a" && d.confidence == 0.5 && d.kind == .other)
        let bad = Array(#"{"id":"a","organisation":"A","status":"gone"}"#.utf8)
        #expect(throws: RecordError.self) { try SnapshotFile.decodeDeparture(bad).get() }
    }
}
