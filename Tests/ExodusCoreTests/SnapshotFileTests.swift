import ExodusCore
import Foundation
import Testing

/// The snapshot file format: a round trip gives the same snapshot, and every kind of damage
/// is refused with its own error, before any record is trusted.
@Suite struct SnapshotFileTests {
    func sample() -> Snapshot {
        let text = "Acme Trust quit X on 14 January.\nThe \"Beta\" Fund\tpaused its account; see café ☕ 𝄞.\u{1}"
        let a = Document(
            id: "doc-a", title: "Leaving X", url: "https://news.example/a", publisher: "Example News",
            published: PartialDate(iso: "2025-01-16"), language: "en", text: text)
        let b = Document(id: "doc-b", text: "Gamma Museum left X.")
        let rows = [
            Departure(
                id: "acme-trust", organisation: "Acme Trust", aliases: ["Acme"], kind: .ngo,
                country: CountryCode(rawValue: "FR"), status: .left, announced: PartialDate(iso: "2025-01-14"),
                effective: PartialDate(iso: "2025-01"), platforms: [Platform(rawValue: "bluesky")!, Platform(rawValue: "mastodon")!],
                evidence: [Evidence(document: "doc-a", quote: "Acme Trust quit X on 14 January.")], confidence: 0.8312345678901234),
            Departure(
                id: "beta-fund", organisation: "The \"Beta\" Fund", status: .suspended, members: ["x-1"], group: nil,
                evidence: [Evidence(document: "doc-a", quote: "The \"Beta\" Fund\tpaused its account; see café ☕ 𝄞.\u{1}")],
                confidence: 0.1),
            Departure(
                id: "gamma-museum", organisation: "Gamma Museum", kind: .museum, status: .left, group: "beta-fund",
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
        #expect(header.contains("\"format_version\":\(SnapshotFile.formatVersion)"))
        let v3 = header.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":3")
        expectError(Array((v3 + "\n").utf8) + body) { $0 == .unsupportedFormatVersion(3) }
        let v0 = header.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":0")
        expectError(Array((v0 + "\n").utf8) + body) { $0 == .unsupportedFormatVersion(0) }
        expectError(Array("{\"format\":\"something-else\",\"format_version\":1}\n".utf8)) {
            if case .notASnapshot = $0 { return true } else { return false }
        }
        expectError([]) { if case .notASnapshot = $0 { return true } else { return false } }
        #expect(SnapshotFile.ReadError.unsupportedFormatVersion(3).description.contains("format version 3 is not supported"))
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
        #expect(text.contains("\"confidence\":0.1,"))
        text = text.replacingOccurrences(of: "\"confidence\":0.1,", with: "\"confidence\":0.2,")
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

    /// The header of `header` with the length and hash of `body`: a consistent file whose
    /// records only the record checks can refuse.
    func consistent(_ header: String, _ body: [UInt8]) -> [UInt8] {
        var h = header
        let oldHash = String(h.split(separator: "\"body_fnv1a64\":\"")[1].prefix(16))
        h = h.replacingOccurrences(of: oldHash, with: SnapshotFile.fnv1a64Hex(body))
        let oldLength = h.split(separator: "\"body_bytes\":")[1].prefix { $0.isNumber }
        h = h.replacingOccurrences(of: "\"body_bytes\":\(oldLength)", with: "\"body_bytes\":\(body.count)")
        return Array((h + "\n").utf8) + body
    }

    @Test func aDepartureLineIsTheAPIRowByteForByte() throws {
        let s = sample()
        let (_, body) = parts()
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for (i, d) in s.departures.enumerated() {
            #expect(lines[s.documents.count + i] == DepartureJSON.row(d))
        }
        // The reader's rows are the file's bytes.
        let (_, back) = try SnapshotFile.decode(SnapshotFile.encode(s, extractorVersion: "t"))
        for i in back.departures.indices {
            #expect(back.departures.withRow(i) { Array($0) } == DepartureJSON.row(s.departures[i]))
            #expect(back.departures.id(at: i) == s.departures[i].id)
        }
    }

    @Test func aRowNotWrittenAsTheWriterWritesItIsRefused() {
        let (header, body) = parts()
        let text = String(decoding: body, as: UTF8.self)
        // Valid JSON, same values, other bytes: a space, an escaped slash, another field order.
        for (from, to) in [
            ("\"aliases\":[\"Acme\"]", "\"aliases\": [\"Acme\"]"),
            ("\"organisation\":\"Acme Trust\"", "\"organisation\":\"Acme\\u0020Trust\""),
            ("\"id\":\"gamma-museum\",\"organisation\":\"Gamma Museum\"", "\"organisation\":\"Gamma Museum\",\"id\":\"gamma-museum\""),
        ] {
            #expect(text.contains(from), "\(from)")
            let changed = Array(text.replacingOccurrences(of: from, with: to).utf8)
            expectError(consistent(header, changed)) {
                if case .badRecord(_, let why) = $0 { return why.contains("not written as format 2 writes it") } else { return false }
            }
        }
    }

    @Test func rowsOutOfTheDefaultOrderAreRefused() {
        let (header, body) = parts()
        var lines: [[UInt8]] = body.split(separator: 0x0A).map(Array.init)
        lines.swapAt(lines.count - 1, lines.count - 2)
        let swapped: [UInt8] = lines.flatMap { $0 + [0x0A] }
        expectError(consistent(header, swapped)) {
            if case .badRecord(_, let why) = $0 { return why.contains("default order") } else { return false }
        }
        // A row repeated in place of its neighbour: ids must be unique.
        lines = body.split(separator: 0x0A).map(Array.init)
        lines[lines.count - 1] = lines[lines.count - 2]
        expectError(consistent(header, lines.flatMap { $0 + [UInt8(0x0A)] })) {
            if case .badRecord(_, let why) = $0 { return why.contains("default order") } else { return false }
        }
    }

    /// A departure as format 1 spelt it: the row's fields with `confidence` moved after `evidence`.
    static func formatOneLine(_ d: Departure) -> [UInt8] {
        let row = String(decoding: DepartureJSON.row(d), as: UTF8.self)
        guard let c = row.range(of: ",\"confidence\":"), let e = row.range(of: ",\"evidence\":", range: c.upperBound..<row.endIndex) else {
            return Array(row.utf8)
        }
        let confidence = row[c.lowerBound..<e.lowerBound]
        let rest = row[e.lowerBound...].dropLast()  // without the closing brace
        return Array((row[..<c.lowerBound] + rest + confidence + "}").utf8)
    }

    @Test func formatOneFilesAreStillRead() throws {
        // Format 1: the same documents, departures with evidence before confidence.
        let s = sample()
        let (header, body) = parts()
        var lines: [[UInt8]] = body.split(separator: 0x0A).map(Array.init)
        for (i, d) in s.departures.enumerated() { lines[s.documents.count + i] = Self.formatOneLine(d) }
        #expect(lines.last != DepartureJSON.row(s.departures[s.departures.count - 1]), "format 1 lines differ from rows")
        let v1 = header.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":1")
        let (h, back) = try SnapshotFile.decode(consistent(v1, lines.flatMap { $0 + [UInt8(0x0A)] }))
        #expect(h.formatVersion == 1)
        #expect(back.version == s.version && back.departures == s.departures)
        // Written again, it is format 2.
        #expect(SnapshotFile.encode(back, extractorVersion: "t") == SnapshotFile.encode(s, extractorVersion: "t"))
    }
}
