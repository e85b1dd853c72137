import Foundation
import ExodusCore
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
        return Document(id: stem, title: meta["title"] as? String, url: meta["url"] as? String,
                        publisher: meta["publisher"] as? String,
                        published: (meta["published"] as? String).flatMap { PartialDate(iso: $0) },
                        language: meta["language"] as? String, text: read(directory + "/" + stem + ".txt"))
    }

    static func gold(_ directory: String, _ stem: String) -> [[String: Any]] {
        json(directory + "/" + stem + ".gold.json") as? [[String: Any]] ?? []
    }

    /// Every scored article: the dev set and the seed, as (name, document, gold).
    static func articles() -> [(String, Document, [[String: Any]])] {
        let dev = goldDirectory + "/devset"
        let stems = ((try? FileManager.default.contentsOfDirectory(atPath: dev)) ?? [])
            .filter { $0.hasSuffix(".gold.json") }.map { String($0.dropLast(".gold.json".count)) }.sorted()
        var out = stems.map { ($0, document(dev, $0), gold(dev, $0)) }
        out.append(("seed", document(goldDirectory, "seed"), gold(goldDirectory, "seed")))
        return out
    }

    /// A departure as a scorer row.
    static func row(_ d: Departure) -> [String: Any] {
        [
            "organisation": d.organisation, "status": d.status.rawValue,
            "announced": d.announced?.iso as Any, "effective": d.effective?.iso as Any,
            "platforms": d.platforms.map(\.rawValue), "country": d.country?.rawValue as Any,
            "evidence": d.evidence.map(\.quote),
        ]
    }
}
