/// Reads the members of one JSON object with strict checks: each wrong type
/// and each key nobody asked for becomes a `FileProblem` naming the key and line.
///
/// Usage: read every expected field, then call `finish()` to report unknown keys.
package struct JSONFields {
    package let path: String
    package let context: String
    private let members: [(key: String, value: LocatedJSON, line: Int)]
    private let line: Int
    private var consumed: Set<String> = []
    package private(set) var problems: [FileProblem] = []

    /// Parses `bytes` as a document holding one JSON object. When it does not parse, the
    /// reason is appended to `problems` (as `path:line: …`) and nil returned.
    package static func parse(_ bytes: [UInt8], path: String, problems: inout [FileProblem]) -> JSONFields? {
        do {
            return try JSONFields(try LocatedJSON.parse(bytes), path: path)
        } catch let e as LocatedJSON.SyntaxError {
            problems.append(FileProblem(path: path, line: e.line, e.message))
        } catch let e as FileProblem {
            problems.append(e)
        } catch {
            problems.append(FileProblem(path: path, line: nil, "\(error)"))
        }
        return nil
    }

    /// `context` names the object in messages, e.g. "sources.urls[2]"; empty at top level.
    package init(_ json: LocatedJSON, path: String, context: String = "") throws(FileProblem) {
        guard case .object(let members, let line) = json else {
            throw FileProblem(
                path: path, line: json.line,
                "\(context.isEmpty ? "the file" : context) must be a JSON object, not \(json.typeName)")
        }
        self.path = path
        self.context = context
        self.members = members
        self.line = line
    }

    private func name(_ key: String) -> String { context.isEmpty ? key : "\(context).\(key)" }

    package mutating func raw(_ key: String) -> (value: LocatedJSON, line: Int)? {
        consumed.insert(key)
        guard let m = members.first(where: { $0.key == key }) else { return nil }
        return (m.value, m.line)
    }

    private mutating func fail(_ line: Int, _ message: String) {
        problems.append(FileProblem(path: path, line: line, message))
    }

    /// A string, or nil when absent or null.
    package mutating func string(_ key: String) -> String? {
        guard let (value, line) = raw(key) else { return nil }
        switch value {
        case .null: return nil
        case .string(let s, _): return s
        default: fail(line, "\(name(key)) must be a string, not \(value.typeName)"); return nil
        }
    }

    /// An integer within `range`, or nil when absent or null.
    package mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let (value, line) = raw(key) else { return nil }
        switch value {
        case .null: return nil
        case .number(let d, let text, _):
            guard d.rounded() == d, let i = Int(exactly: d) else {
                fail(line, "\(name(key)) must be a whole number, not \(text)"); return nil
            }
            guard range.contains(i) else {
                fail(line, "\(name(key)) must be between \(range.lowerBound) and \(range.upperBound), not \(text)"); return nil
            }
            return i
        default:
            fail(line, "\(name(key)) must be a number, not \(value.typeName)"); return nil
        }
    }

    /// A number within `range`, or nil when absent or null.
    package mutating func double(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let (value, line) = raw(key) else { return nil }
        switch value {
        case .null: return nil
        case .number(let d, let text, _):
            guard range.contains(d) else {
                fail(line, "\(name(key)) must be between \(range.lowerBound) and \(range.upperBound), not \(text)"); return nil
            }
            return d
        default:
            fail(line, "\(name(key)) must be a number, not \(value.typeName)"); return nil
        }
    }

    package mutating func bool(_ key: String) -> Bool? {
        guard let (value, line) = raw(key) else { return nil }
        switch value {
        case .null: return nil
        case .bool(let b, _): return b
        default: fail(line, "\(name(key)) must be true or false, not \(value.typeName)"); return nil
        }
    }

    /// An array of strings, or nil when absent or null.
    package mutating func strings(_ key: String) -> [String]? {
        guard let (value, line) = raw(key) else { return nil }
        switch value {
        case .null: return nil
        case .array(let items, _):
            var out: [String] = []
            for (i, item) in items.enumerated() {
                if case .string(let s, _) = item {
                    out.append(s)
                } else {
                    fail(item.line, "\(name(key))[\(i)] must be a string, not \(item.typeName)")
                }
            }
            return out
        default:
            fail(line, "\(name(key)) must be an array of strings, not \(value.typeName)"); return nil
        }
    }

    /// A nested object, read by `body`; nil when absent or null.
    package mutating func object<T>(_ key: String, _ body: (inout JSONFields) -> T) -> T? {
        guard let (value, _) = raw(key), !value.isNull else { return nil }
        do {
            var nested = try JSONFields(value, path: path, context: name(key))
            let result = body(&nested)
            nested.finish()
            problems += nested.problems
            return result
        } catch {
            problems.append(error)
            return nil
        }
    }

    /// An array of objects, each read by `body`.
    package mutating func objects<T>(_ key: String, _ body: (inout JSONFields) -> T?) -> [T]? {
        guard let (value, line) = raw(key), !value.isNull else { return nil }
        guard case .array(let items, _) = value else {
            fail(line, "\(name(key)) must be an array, not \(value.typeName)"); return nil
        }
        var out: [T] = []
        for (i, item) in items.enumerated() {
            do {
                var nested = try JSONFields(item, path: path, context: "\(name(key))[\(i)]")
                let result = body(&nested)
                nested.finish()
                problems += nested.problems
                if let result { out.append(result) }
            } catch {
                problems.append(error)
            }
        }
        return out
    }

    /// Records a problem found by the caller while interpreting a field.
    package mutating func report(_ key: String, _ message: String) {
        let line = members.first(where: { $0.key == key })?.line ?? self.line
        fail(line, "\(name(key)) \(message)")
    }

    /// Reports every key that no reader asked for.
    package mutating func finish() {
        let known = consumed.sorted().joined(separator: ", ")
        for m in members where !consumed.contains(m.key) {
            fail(m.line, "unknown key \"\(name(m.key))\" (known keys here: \(known))")
        }
    }
}
