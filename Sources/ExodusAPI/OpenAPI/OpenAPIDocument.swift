import ExodusCore

/// The OpenAPI 3.1 description of the API, written by hand in Assets/openapi.json to match
/// what the routes serve; the contract test (`make contract`) holds the two together, and
/// a unit test checks its paths against `APIRoutes.table`.
///
/// The file is the description of a service with every route, and valid JSON as it stands
/// (so linters can read it). Two string placeholders are filled in per process:
/// `"@VERSION@"` (inside the version string) and `"@MIN_CONFIDENCE@"` (replaced, quotes
/// and all, by `Confidence.defaultMinimum`).
public enum OpenAPIDocument {
    /// The document for a service with this version. `adminReload` says whether
    /// `POST /admin/reload` exists (an admin token is configured and the service can
    /// reload); without it the route and its bearer scheme are left out, so that every
    /// operation described answers as described (a contract test checks the 401).
    public static func json(version: String, adminReload: Bool) -> String {
        var text = APIAssets.text("openapi.json")
            .replacing(marker: "@VERSION@", with: version)
            .replacing(marker: "\"@MIN_CONFIDENCE@\"", with: "\(Confidence.defaultMinimum)")
        if !adminReload {
            text = text.removingMember("/admin/reload").removingMember("securitySchemes")
        }
        return text
    }

    /// The document for the routes `APIRoutes.router(context)` registers.
    public static func json(for context: APIContext) -> String {
        json(version: context.options.version, adminReload: context.hasAdminReload)
    }
}

extension String {
    func replacing(marker: String, with value: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: marker) {
            out += rest[..<r.lowerBound]
            out += value
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// Removes the first object member `"name": {...}` of this JSON text, with the comma
    /// that joins it to its neighbours: its own line and trailing comma when a member
    /// follows, else the comma before it. Unchanged when there is no such member.
    func removingMember(_ name: String) -> String {
        let bytes = Array(utf8)
        let key = Array("\"\(name)\": ".utf8)
        guard
            let keyStart = bytes.indices.first(where: { i in
                i + key.count <= bytes.count && bytes[i..<(i + key.count)].elementsEqual(key)
            })
        else { return self }
        // The end of the value: matching brace, strings skipped.
        var i = keyStart + key.count
        var depth = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { break }
            }
            i += 1
        }
        guard i < bytes.count else { return self }
        var end = i + 1
        var start = keyStart
        var after = end
        while after < bytes.count && (bytes[after] == 32 || bytes[after] == 10) { after += 1 }
        if after < bytes.count && bytes[after] == UInt8(ascii: ",") {
            // A member follows: drop this member's line and its comma.
            while start > 0 && bytes[start - 1] == 32 { start -= 1 }
            end = after + 1
            if end < bytes.count && bytes[end] == 10 { end += 1 }
        } else {
            // The last member: drop the comma before it.
            var c = start - 1
            while c >= 0 && (bytes[c] == 32 || bytes[c] == 10) { c -= 1 }
            if c >= 0 && bytes[c] == UInt8(ascii: ",") { start = c }
        }
        return String(decoding: bytes[..<start] + bytes[end...], as: UTF8.self)
    }
}
