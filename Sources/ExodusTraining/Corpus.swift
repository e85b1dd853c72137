import Foundation
import ExodusCore

/// An annotated article: `NAME.txt`, its `NAME.json` sidecar and its `NAME.gold.json` rows
/// (the dev set's layout and conventions; see Training/README.md).
public struct Article {
    public let name: String
    public let document: Document
    public let gold: [[String: Any]]
}

/// One labelled clause: does `sentence` say that `organisation` left X (`left`), paused
/// (`suspended`), said it will leave (`announced`), or none of these (`none`)?
public struct Clause {
    public let label: String
    public let organisation: String
    public let sentence: String
    /// "file:line", for messages.
    public let origin: String

    public var isDeparture: Bool { label != "none" }
}

public enum Corpus {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(description: "\(path) is not UTF-8") }
        return text
    }

    static func json(_ path: String) -> Any? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    /// Every article of a folder that has a `.gold.json`, in name order.
    public static func articles(in directory: String) throws -> [Article] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".gold.json") }.map { String($0.dropLast(".gold.json".count)) }.sorted()
        return try names.map { stem in
            let base = directory + "/" + stem
            let meta = json(base + ".json") as? [String: Any] ?? [:]
            guard let gold = json(base + ".gold.json") as? [[String: Any]] else {
                throw Problem(description: "\(base).gold.json is not a JSON array of rows")
            }
            let document = Document(
                id: stem, title: meta["title"] as? String, url: meta["url"] as? String,
                publisher: meta["publisher"] as? String,
                published: (meta["published"] as? String).flatMap { PartialDate(iso: $0) },
                language: meta["language"] as? String, text: try read(base + ".txt"))
            return Article(name: stem, document: document, gold: gold)
        }
    }

    /// Every clause of the `.tsv` files of a folder (LABEL, ORGANISATION, SENTENCE; `#` starts
    /// a comment), files in name order.
    public static func clauses(in directory: String) throws -> [Clause] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tsv") }.sorted()
        var out: [Clause] = []
        for file in files {
            let text = try read(directory + "/" + file)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.isEmpty || line.hasPrefix("#") { continue }
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                let origin = "\(file):\(n + 1)"
                guard parts.count == 3, ["left", "suspended", "announced", "none"].contains(parts[0]),
                    parts[2].contains(parts[1])
                else {
                    throw Problem(description: "\(origin): expected LABEL<TAB>ORGANISATION<TAB>SENTENCE with the organisation in the sentence")
                }
                out.append(Clause(label: String(parts[0]), organisation: String(parts[1]), sentence: String(parts[2]), origin: origin))
            }
        }
        return out
    }

    /// A row in the shape the scorer reads.
    public static func row(_ d: Departure) -> [String: Any] {
        [
            "organisation": d.organisation, "status": d.status.rawValue,
            "announced": d.announced?.iso as Any, "effective": d.effective?.iso as Any,
            "platforms": d.platforms.map(\.rawValue), "country": d.country?.rawValue as Any,
            "evidence": d.evidence.map(\.quote),
        ]
    }
}
