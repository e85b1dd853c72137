import Dispatch
import ExodusCore

extension Extractor {
    /// Extracts every document, spread over the machine's cores. The result
    /// is in the order of `documents` and identical to extracting one by one:
    /// each document is read on its own, so only the wall time changes.
    public func extractAll(_ documents: [Document]) -> [[Departure]] {
        extractAll(documents) { self.extract($0) }
    }

    /// The same spreading for any per-document function (tests, corrections).
    public func extractAll(_ documents: [Document], _ body: @Sendable (Document) -> [Departure]) -> [[Departure]] {
        guard documents.count > 1 else { return documents.map(body) }
        var results = [[Departure]](repeating: [], count: documents.count)
        results.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            // Chunks of a few documents keep scheduling overhead small.
            let chunk = max(1, documents.count / 64)
            let chunks = (documents.count + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let end = min(documents.count, (c + 1) * chunk)
                for i in (c * chunk)..<end { out[i] = body(documents[i]) }
            }
        }
        return results
    }
}
