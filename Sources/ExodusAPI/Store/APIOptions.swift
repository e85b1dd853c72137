/// How the API answers, beyond what the snapshot holds.
public struct APIOptions: Sendable {
    /// `Cache-Control: public, max-age=N` on snapshot-derived responses.
    public var cacheMaxAge = 60
    /// Origins allowed by CORS; `*` allows any (for GET, HEAD and OPTIONS).
    public var corsOrigins = ["*"]
    /// The bearer token for `/admin/*`; nil answers those paths with 404.
    public var adminToken: String? = nil
    /// The service version, shown in `/healthz` and `/openapi.json`.
    public var version = "0.0.0"

    public init() {}

    public static let jsonType = "application/json; charset=utf-8"
    public static let problemType = "application/problem+json"
    /// `GET /snapshot`: the snapshot file, newline-delimited JSON (see `SnapshotFile`).
    public static let snapshotType = "application/x-ndjson"

    var allowsAnyOrigin: Bool { corsOrigins.contains("*") }
}
