import ExodusCore

/// An opaque page cursor: the snapshot version, the offset of the next row and
/// a fingerprint of the filters, base64url-encoded.
///
/// A cursor is stable across identical snapshots (same content, same version).
/// Used against a different snapshot, or with different filters, it is refused
/// with 400 `stale-cursor` and the client starts again from the first page: a
/// silent restart would repeat or skip rows without telling anyone.
public struct Cursor: Sendable, Equatable {
    public let version: String
    public let offset: Int
    public let fingerprint: String

    public init(version: String, offset: Int, fingerprint: String) {
        self.version = version
        self.offset = offset
        self.fingerprint = fingerprint
    }

    public init?(encoded: String) {
        guard encoded.utf8.count <= 128, let bytes = Base64URL.decode(encoded),
            let text = String(validating: bytes, as: UTF8.self)
        else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "c1", parts[1].utf8.count == 16,
            let offset = Int(parts[2]), offset >= 0, offset < 100_000_000, parts[3].utf8.count == 16
        else { return nil }
        self.init(version: String(parts[1]), offset: offset, fingerprint: String(parts[3]))
    }

    public var encoded: String { Base64URL.encode(Array("c1.\(version).\(offset).\(fingerprint)".utf8)) }

    /// A fingerprint of everything in the query except the page position.
    public static func fingerprint(of q: DepartureQuery) -> String {
        var parts: [String] = []
        parts.append(q.platforms.map(\.rawValue).sorted().joined(separator: ","))
        parts.append(q.countries.map(\.rawValue).sorted().joined(separator: ","))
        parts.append(q.kinds.map(\.rawValue).sorted().joined(separator: ","))
        parts.append(q.statuses.map(\.rawValue).sorted().joined(separator: ","))
        parts.append(q.text.map { NameKey($0).rawValue } ?? "")
        parts.append(q.since.map { String($0.value) } ?? "")
        parts.append(q.until.map { String($0.value) } ?? "")
        parts.append(q.document ?? "")
        parts.append(q.sort.rawValue)
        parts.append(String(q.limit))
        // Appended only when not the default, so cursors issued before the parameter existed
        // still fit the same question.
        if q.minConfidence != Confidence.defaultMinimum { parts.append(String(q.minConfidence)) }
        return fnv1a(parts.joined(separator: "\u{1F}"))
    }
}

/// FNV-1a 64-bit of a string, as 16 hex digits.
func fnv1a(_ s: String) -> String { fnv1a(bytes: s.utf8) }

func fnv1a(bytes: some Sequence<UInt8>) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String) -> [UInt8]? {
        var values: [UInt32] = []
        for b in s.utf8 {
            guard let v = alphabet.firstIndex(of: b) else { return nil }
            values.append(UInt32(v))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + 4, values.count)]
            var n: UInt32 = 0
            for (k, v) in chunk.enumerated() { n |= v << (18 - 6 * UInt32(k)) }
            out.append(UInt8(n >> 16 & 255))
            if chunk.count > 2 { out.append(UInt8(n >> 8 & 255)) }
            if chunk.count > 3 { out.append(UInt8(n & 255)) }
            i += 4
        }
        return out
    }
}
