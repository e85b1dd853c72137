// RFC 9457 problem details, used for every error the server itself generates.

/// An RFC 9457 `application/problem+json` document.
///
/// ```swift
/// return ProblemDetails(status: .notFound, detail: "No departure with id 42.").response
/// ```
public struct ProblemDetails: Sendable {
    /// A URI reference naming the problem type; `about:blank` means "see the status".
    public var type: String
    /// A short summary; defaults to the status reason phrase.
    public var title: String
    /// The HTTP status.
    public var status: HTTPStatus
    /// What exactly was wrong with this request.
    public var detail: String?
    /// Optional URI reference for this occurrence.
    public var instance: String?

    public init(
        status: HTTPStatus, title: String? = nil, detail: String? = nil,
        type: String = "about:blank", instance: String? = nil
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.type = type
        self.instance = instance
    }

    /// The media type of problem documents.
    public static let contentType = "application/problem+json"

    /// The JSON document: `{"type":…,"title":…,"status":…,"detail":…}`.
    public var json: String {
        var s = "{\"type\":"
        appendJSONString(type, to: &s)
        s += ",\"title\":"
        appendJSONString(title, to: &s)
        s += ",\"status\":\(status.code)"
        if let detail {
            s += ",\"detail\":"
            appendJSONString(detail, to: &s)
        }
        if let instance {
            s += ",\"instance\":"
            appendJSONString(instance, to: &s)
        }
        s += "}"
        return s
    }

    /// A response carrying this document, with `headers` added.
    public func response(headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: HTTPBody(string: json, contentType: ProblemDetails.contentType))
    }

    /// A response carrying this document.
    public var response: HTTPResponse { response() }
}

/// Appends `value` as a JSON string literal (RFC 8259 §7).
public func appendJSONString(_ value: String, to out: inout String) {
    out.append("\"")
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": out.append("\\\"")
        case "\\": out.append("\\\\")
        case "\n": out.append("\\n")
        case "\r": out.append("\\r")
        case "\t": out.append("\\t")
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out.append("\"")
}
