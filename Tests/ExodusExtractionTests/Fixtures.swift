import Foundation
import ExodusCore
import ExodusTraining
@testable import ExodusExtraction

/// Test documents and gold rows, read from the test bundle's Gold folder only.
enum Fixtures {
    static let goldDirectory: String = Bundle.module.resourcePath! + "/Gold"

    static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    static func json(_ path: String) -> Any? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    /// A document from `stem.txt` and its `stem.json` sidecar.
    static func document(_ directory: String, _ stem: String) -> Document {
        let meta = json(directory + "/" + stem + ".json") as? [String: Any] ?? [:]
        return Document(
            id: stem, title: meta["title"] as? String, url: meta["url"] as? String,
            publisher: meta["publisher"] as? String,
            published: (meta["published"] as? String).flatMap { PartialDate(iso: $0) },
            language: meta["language"] as? String, text: read(directory + "/" + stem + ".txt"))
    }

    static func gold(_ directory: String, _ stem: String) -> [[String: Any]] {
        json(directory + "/" + stem + ".gold.json") as? [[String: Any]] ?? []
    }

    /// The articles of one gold folder (`devset`, `heldout`), as (name, document, gold).
    static func folder(_ name: String) -> [(String, Document, [[String: Any]])] {
        let dir = goldDirectory + "/" + name
        let stems = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".gold.json") }.map { String($0.dropLast(".gold.json".count)) }.sorted()
        return stems.map { ($0, document(dir, $0), gold(dir, $0)) }
    }

    /// Every scored article: the dev set and the seed, as (name, document, gold).
    static func articles() -> [(String, Document, [[String: Any]])] {
        var out = folder("devset")
        out.append(("seed", document(goldDirectory, "seed"), gold(goldDirectory, "seed")))
        return out
    }

    /// Scores one article and prints its line, its misses, spurious rows and wrong fields
    /// (and every row with EXODUS_DUMP set).
    static func report(_ name: String, _ document: Document, _ gold: [[String: Any]], _ rows: [Departure]) -> Scorer.Result {
        let r = Scorer.score(gold: gold, pred: rows.map(row))
        if ProcessInfo.processInfo.environment["EXODUS_DUMP"] != nil {
            for d in rows {
                print(
                    "  row: \(d.organisation) [\(d.aliases.joined(separator: "|"))] \(d.country?.rawValue ?? "-") \(d.kind) \(d.status) a=\(d.announced?.iso ?? "-") e=\(d.effective?.iso ?? "-") p=\(d.platforms) members=\(d.members) group=\(d.group ?? "-")"
                )
                for e in d.evidence { print("       > \(e.quote.prefix(110))") }
            }
        }
        print(
            String(
                format: "%@  gold=%d pred=%d matched=%d  P=%.3f R=%.3f F1=%.3f fields=%.3f",
                name, r.gold, r.predicted, r.tp, r.precision, r.recall, r.f1, r.fieldAccuracy))
        if !r.missed.isEmpty { print("  missed:   " + r.missed.joined(separator: "; ")) }
        if !r.spurious.isEmpty { print("  spurious: " + r.spurious.joined(separator: "; ")) }
        for w in r.wrongFields { print("  field:    " + w) }
        return r
    }

    /// A departure as a scorer row.
    static func row(_ d: Departure) -> [String: Any] { Corpus.row(d) }
}
