/// Appends JSON to a byte buffer in the order fields are written, so every
/// representation has a stable field order (RFC 8259). No reflection, no
/// intermediate dictionaries: encoding a snapshot's list is one pass.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per nesting level: does the next member need a comma before it?
    private var needsComma: [Bool] = [false]

    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":` ; the value written next belongs to it.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma[needsComma.count - 1] = false
    }

    /// Writes a key that is not known at compile time (it is escaped).
    public mutating func key(dynamic name: String) {
        separate()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) { separate(); appendEscaped(value) }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func null() { separate(); bytes.append(contentsOf: [110, 117, 108, 108]) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: Array((value ? "true" : "false").utf8)) }
    public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func double(_ value: Double) {
        separate()
        if value.isFinite { bytes.append(contentsOf: Array(String(value).utf8)) } else { bytes.append(contentsOf: [110, 117, 108, 108]) }
    }

    /// Inserts already-encoded JSON: a precomputed row, or members of the object being written.
    public mutating func raw(_ encoded: some Collection<UInt8>) { separate(); bytes.append(contentsOf: encoded) }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: runs of bytes that need no escape are copied whole (text is mostly such runs).
    private mutating func appendEscaped(_ s: String) {
        var s = s
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8 { src in
            var run = 0
            for i in 0..<src.count {
                let b = src[i]
                if b >= 0x20, b != 0x22, b != 0x5C, b != 0x7F { continue }
                if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[run..<i])) }
                run = i + 1
                bytes.append(92)
                switch b {
                case UInt8(ascii: "\""): bytes.append(34)
                case UInt8(ascii: "\\"): bytes.append(92)
                case 0x0A: bytes.append(110)
                case 0x0D: bytes.append(114)
                case 0x09: bytes.append(116)
                default:
                    bytes.append(117); bytes.append(48); bytes.append(48)
                    bytes.append(Self.hex[Int(b >> 4)]); bytes.append(Self.hex[Int(b & 15)])
                }
            }
            if run < src.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[run...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
