/// A parsed `application/x-www-form-urlencoded` query string (WHATWG URL
/// standard §5.1): `+` is a space, percent escapes are decoded, pairs keep
/// their order, and a name may repeat.
public struct QueryString: Sendable {
    public private(set) var pairs: [(name: String, value: String)] = []

    /// Parses the text after `?` (without it). At most `maxPairs` pairs are read;
    /// beyond that the query is rejected by returning nil.
    public init?(_ raw: String?, maxPairs: Int = 64) {
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < maxPairs else { return nil }
            let (name, value): (Substring, Substring)
            if let eq = part.firstIndex(of: "=") {
                (name, value) = (part[..<eq], part[part.index(after: eq)...])
            } else {
                (name, value) = (part, "")
            }
            guard let n = Self.decode(name), let v = Self.decode(value) else { return nil }
            pairs.append((n, v))
        }
    }

    /// Every value given for `name`, in order.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Percent-decodes; nil when an escape is malformed or the result is not UTF-8.
    static func decode(_ s: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else { return nil }
                bytes.append(h << 4 | l)
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}
