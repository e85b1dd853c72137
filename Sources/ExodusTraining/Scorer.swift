import Foundation

/// A port of the dev set's score.py: name normalisation, maximum matching
/// (exact names first, then whole-word containment), per-field checks with
/// `accept` lists, micro-averaged precision, recall and F1.
public struct Scorer {
    public static let fields = ["status", "announced", "effective", "platforms", "country"]

    public struct Result {
        public var tp = 0, predicted = 0, gold = 0
        public var fieldRight: [String: Int] = [:]
        public var missed: [String] = []
        public var spurious: [String] = []
        public var wrongFields: [String] = []

        public init(tp: Int = 0, predicted: Int = 0, gold: Int = 0) {
            self.tp = tp
            self.predicted = predicted
            self.gold = gold
        }

        public var precision: Double { predicted > 0 ? Double(tp) / Double(predicted) : (gold == 0 ? 1 : 0) }
        public var recall: Double { gold > 0 ? Double(tp) / Double(gold) : 1 }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
        public var fieldAccuracy: Double {
            tp > 0 ? Double(fieldRight.values.reduce(0, +)) / Double(tp * Scorer.fields.count) : 0
        }

        public static func + (a: Result, b: Result) -> Result {
            var r = Result(tp: a.tp + b.tp, predicted: a.predicted + b.predicted, gold: a.gold + b.gold)
            r.fieldRight = a.fieldRight.merging(b.fieldRight, uniquingKeysWith: +)
            return r
        }
    }

    public static func normName(_ s: String?) -> String {
        guard let s else { return "" }
        let decomposed = s.decomposedStringWithCompatibilityMapping
        var out = ""
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if "'\u{2019}\u{2018}\u{02BC}`\u{00B4}".unicodeScalars.contains(scalar) { continue }
            let ch = Character(scalar)
            if ch.isLetter || ch.isNumber { out += String(ch).lowercased() } else { out += " " }
        }
        var words = out.split(separator: " ").map(String.init)
        if words.first == "the" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    public static func containsWords(_ a: String, _ b: String) -> Bool {
        let ta = a.split(separator: " "), tb = b.split(separator: " ")
        guard !ta.isEmpty, !tb.isEmpty else { return false }
        let (short, long) = ta.count <= tb.count ? (ta, tb) : (tb, ta)
        for i in 0...(long.count - short.count) where Array(long[i..<(i + short.count)]) == short { return true }
        return false
    }

    public static func normField(_ field: String, _ v: Any?) -> AnyHashable? {
        if v == nil || v is NSNull { return field == "platforms" ? AnyHashable(Set<String>()) : nil }
        switch field {
        case "announced", "effective":
            guard let s = (v as? String)?.trimmingCharacters(in: .whitespaces), !s.isEmpty,
                s.lowercased() != "null", s.lowercased() != "none"
            else { return nil }
            return AnyHashable(s.count >= 10 ? String(s.prefix(10)) : s)
        case "platforms":
            let list: [String]
            if let s = v as? String {
                list = s.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
            } else {
                list = (v as? [Any] ?? []).map { "\($0)" }
            }
            return AnyHashable(Set(list.map { $0.filter { !$0.isWhitespace }.lowercased() }.filter { !$0.isEmpty }))
        default:
            guard let s = (v as? String)?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
            return AnyHashable(field == "country" ? s.uppercased() : s.lowercased())
        }
    }

    public static func fieldOK(_ field: String, _ pred: [String: Any], _ gold: [String: Any]) -> Bool {
        let got = normField(field, pred[field])
        var allowed: [Any?] = [gold[field]]
        if let accept = gold["accept"] as? [String: Any], let list = accept[field] as? [Any] { allowed += list.map { $0 } }
        return allowed.contains { normField(field, $0) == got }
    }

    /// gold index -> pred index
    public static func match(_ gold: [[String: Any]], _ pred: [[String: Any]]) -> [Int: Int] {
        let variants: [Set<String>] = gold.map { g in
            var vs: Set<String> = [normName(g["organisation"] as? String)]
            for a in g["aliases"] as? [String] ?? [] { vs.insert(normName(a)) }
            return vs.filter { !$0.isEmpty }
        }
        var edges: [([Int], [Int])] = []
        for p in pred {
            let name = normName((p["organisation"] ?? p["organization"] ?? p["name"]) as? String)
            var exact: [Int] = [], partial: [Int] = []
            if !name.isEmpty {
                for (gi, vs) in variants.enumerated() {
                    if vs.contains(name) { exact.append(gi) } else if vs.contains(where: { containsWords(name, $0) }) { partial.append(gi) }
                }
            }
            edges.append((exact, partial))
        }
        var goldOf: [Int: Int] = [:]
        func augment(_ pi: Int, _ seen: inout Set<Int>, _ usePartial: Bool) -> Bool {
            let (exact, partial) = edges[pi]
            for gi in exact + (usePartial ? partial : []) where !seen.contains(gi) {
                seen.insert(gi)
                if goldOf[gi] == nil || augment(goldOf[gi]!, &seen, usePartial) {
                    goldOf[gi] = pi
                    return true
                }
            }
            return false
        }
        for usePartial in [false, true] {
            for pi in pred.indices where !goldOf.values.contains(pi) {
                var seen = Set<Int>()
                _ = augment(pi, &seen, usePartial)
            }
        }
        return goldOf
    }

    public static func score(gold: [[String: Any]], pred: [[String: Any]]) -> Result {
        let goldOf = match(gold, pred)
        var r = Result(tp: goldOf.count, predicted: pred.count, gold: gold.count)
        for f in fields { r.fieldRight[f] = 0 }
        for (gi, pi) in goldOf.sorted(by: { $0.key < $1.key }) {
            for f in fields {
                if fieldOK(f, pred[pi], gold[gi]) {
                    r.fieldRight[f, default: 0] += 1
                } else {
                    r.wrongFields.append("\(gold[gi]["organisation"] ?? "?").\(f): got \(pred[pi][f] ?? "nil"), want \(gold[gi][f] ?? "nil")")
                }
            }
        }
        let matchedPreds = Set(goldOf.values)
        r.missed = gold.indices.filter { goldOf[$0] == nil }.map { gold[$0]["organisation"] as? String ?? "?" }
        r.spurious = pred.indices.filter { !matchedPreds.contains($0) }.map { pred[$0]["organisation"] as? String ?? "?" }
        return r
    }
}
