/// A JSON value that remembers the line it started on, so that a bad config,
/// sidecar or corrections file can be reported as `file:line: what is wrong`.
///
/// Strict RFC 8259: no comments, no trailing commas, no duplicate keys.
package indirect enum LocatedJSON: Sendable {
    case null(line: Int)
    case bool(Bool, line: Int)
    case number(Double, text: String, line: Int)
    case string(String, line: Int)
    case array([LocatedJSON], line: Int)
    /// Members in file order.
    case object([(key: String, value: LocatedJSON, line: Int)], line: Int)

    package var line: Int {
        switch self {
        case .null(let l), .bool(_, let l), .number(_, _, let l), .string(_, let l), .array(_, let l), .object(_, let l):
            return l
        }
    }

    /// A short name of the JSON type, for error messages.
    package var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    package var isNull: Bool { if case .null = self { return true } else { return false } }

    package struct SyntaxError: Error, Sendable {
        package let line: Int
        package let message: String
    }

    /// Parses a whole document. Depth is capped so hostile input cannot exhaust the stack.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(SyntaxError) -> LocatedJSON {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0
        var line = 1

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(line: line, message: message) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x0A: line += 1; index += 1
                case 0x20, 0x09, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> LocatedJSON {
            guard depth < maxDepth else { throw error("nested deeper than \(maxDepth) levels") }
            guard index < bytes.count else { throw error("unexpected end of file") }
            let start = line
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string(), line: start)
            case UInt8(ascii: "t"): try literal("true"); return .bool(true, line: start)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false, line: start)
            case UInt8(ascii: "n"): try literal("null"); return .null(line: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character '\(printable(bytes[index]))'")
            }
        }

        func printable(_ b: UInt8) -> String {
            (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : "\\u{\(String(b, radix: 16))}"
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
                throw error("expected '\(word)'")
            }
            index += w.count
        }

        mutating func number() throws(SyntaxError) -> LocatedJSON {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits() -> Int {
                let s = index
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                return index - s
            }
            let intDigits = digits()
            guard intDigits > 0 else { throw error("a number needs digits") }
            if intDigits > 1 && bytes[index - intDigits] == 48 { throw error("a number may not start with 0") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("digits expected after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("digits expected in exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text) else { throw error("number out of range: \(text)") }
            return .number(value, text: text, line: line)
        }

        mutating func string() throws(SyntaxError) -> String {
            index += 1  // opening quote
            var out: [UInt8] = []
            while true {
                guard index < bytes.count else { throw error("unterminated string") }
                let b = bytes[index]
                switch b {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
                    return s
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("unterminated escape") }
                    let e = bytes[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("lone high surrogate in \\u escape")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("bad low surrogate in \\u escape") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default:
                        throw error("unknown escape '\\\(printable(e))'")
                    }
                default:
                    guard b >= 0x20 else { throw error("control character in string (escape it)") }
                    out.append(b)
                    index += 1
                }
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let d: UInt32
                switch b {
                case 48...57: d = UInt32(b - 48)
                case 65...70: d = UInt32(b - 55)
                case 97...102: d = UInt32(b - 87)
                default: throw error("bad hex digit in \\u escape")
                }
                v = v * 16 + d
                index += 1
            }
            return v
        }

        mutating func array(depth: Int) throws(SyntaxError) -> LocatedJSON {
            let start = line
            index += 1
            var items: [LocatedJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array([], line: start) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items, line: start) }
                throw error("expected ',' or ']' in array")
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> LocatedJSON {
            let start = line
            index += 1
            var members: [(key: String, value: LocatedJSON, line: Int)] = []
            var seen: Set<String> = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object([], line: start) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyLine = line
                let key = try string()
                guard seen.insert(key).inserted else { throw SyntaxError(line: keyLine, message: "duplicate key \"\(key)\"") }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
                index += 1
                skipWhitespace()
                members.append((key, try value(depth: depth + 1), keyLine))
                skipWhitespace()
                guard index < bytes.count else { throw error("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, line: start) }
                throw error("expected ',' or '}' in object")
            }
        }
    }
}

/// A problem in an input file, printed as `path:line: message`.
package struct FileProblem: Error, CustomStringConvertible, Sendable, Equatable {
    package let path: String
    package let line: Int?
    package let message: String

    package init(path: String, line: Int?, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    package var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
