import ExodusCore

/// The OpenAPI 3.1 description of the API, written by hand to match what the
/// routes serve; the contract test (`make contract`) holds the two together.
public enum OpenAPIDocument {
    /// The document for a service with this version. `adminReload` says whether
    /// `POST /admin/reload` exists (an admin token is configured and the service can
    /// reload); without it the route and its bearer scheme are left out, so that every
    /// operation described answers as described (a contract test checks the 401).
    public static func json(version: String, adminReload: Bool) -> String {
        template
            .replacing(marker: "@VERSION@", with: version)
            .replacing(marker: "@ADMIN_PATH@", with: adminReload ? adminPath : "")
            .replacing(marker: "@SECURITY_SCHEMES@", with: adminReload ? securitySchemes : "")
    }

    /// The document for the routes `APIRoutes.router(context)` registers.
    public static func json(for context: APIContext) -> String {
        json(version: context.options.version, adminReload: context.hasAdminReload)
    }

    /// The `/admin/reload` entry of "paths", with the comma that joins it to the entry before.
    private static let adminPath = #"""
,
    "/admin/reload": {
      "post": {
        "operationId": "reload",
        "summary": "Re-read seeds and sources and swap in a new snapshot",
        "description": "Described, and served, only when an admin token is configured. Requests in flight finish on the old snapshot.",
        "security": [{"adminToken": []}],
        "responses": {
          "200": {"description": "What changed. When nothing could be read, outcome is kept_previous and the previous snapshot is still served.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReloadReport"}}}},
          "401": {"description": "Missing or wrong token.", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "409": {"description": "A reload is already running.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        }
      }
    }
"""#

    /// The first member of "components", with its trailing comma.
    private static let securitySchemes = #"""
    "securitySchemes": {
      "adminToken": {"type": "http", "scheme": "bearer", "description": "The EXODUS_ADMIN_TOKEN value."}
    },
"""#

    private static let template = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Exodus",
    "version": "@VERSION@",
    "summary": "Which organisations left X (formerly Twitter), when, and where they went.",
    "description": "Departures are extracted from source documents with verbatim evidence. Dates are partial: YYYY-MM-DD or YYYY-MM, as precise as the text allows, or null. Errors are RFC 9457 problem details.",
    "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/": {
      "get": {
        "operationId": "dashboard",
        "summary": "The dashboard: an HTML page for people",
        "description": "Same-origin only, under a strict Content-Security-Policy. The page keeps its view (search, filters, sort, page size) in its own query string, which the server does not read.",
        "responses": {
          "200": {"description": "The page.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Content-Security-Policy": {"$ref": "#/components/headers/ContentSecurityPolicy"}}, "content": {"text/html": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"}
        }
      }
    },
    "/dashboard.css": {
      "get": {
        "operationId": "dashboardStyle",
        "summary": "The dashboard's stylesheet",
        "responses": {
          "200": {"description": "CSS.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"text/css": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"}
        }
      }
    },
    "/dashboard.js": {
      "get": {
        "operationId": "dashboardScript",
        "summary": "The dashboard's script",
        "responses": {
          "200": {"description": "JavaScript.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/javascript": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"}
        }
      }
    },
    "/departures": {
      "get": {
        "operationId": "listDepartures",
        "summary": "A filtered, sorted page of departures",
        "description": "List parameters accept repeated values (platform=a&platform=b) or comma-separated values (platform=a,b); values of one parameter combine with OR, different parameters with AND. An unknown parameter is a 400 naming the accepted ones. A cursor from another snapshot or for other filters is a 400 stale-cursor: start again from the first page.",
        "parameters": [
          {"$ref": "#/components/parameters/platform"},
          {"$ref": "#/components/parameters/country"},
          {"$ref": "#/components/parameters/kind"},
          {"$ref": "#/components/parameters/status"},
          {"$ref": "#/components/parameters/q"},
          {"$ref": "#/components/parameters/since"},
          {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/document"},
          {"$ref": "#/components/parameters/sort"},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}},
          {"name": "min_confidence", "in": "query", "description": "Only departures whose confidence is at least this. The default leaves out the rows the extractor is least sure of; it is the cut that training chose (see the README's extraction section for its measured precision). 0 shows every row. /stats counts what the default hides.", "schema": {"type": "number", "minimum": 0, "maximum": 1, "default": \#(Confidence.defaultMinimum)}},
          {"name": "cursor", "in": "query", "description": "The next_cursor of a previous page, unchanged. A cursor is bound to the snapshot and the filters it was issued for; any other is a 400 stale-cursor or invalid-parameter.", "schema": {"type": "string", "maxLength": 128}}
        ],
        "responses": {
          "200": {"description": "A page of departures.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Link": {"description": "The next page (RFC 8288), when there is one.", "schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DepartureList"}}, "text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}}, "links": {"FirstDeparture": {"operationId": "getDeparture", "parameters": {"id": "$response.body#/items/0/id"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "406": {"description": "The Accept header allows none of application/json, text/csv and application/x-ndjson.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/departures.csv": {
      "get": {
        "operationId": "exportDeparturesCSV",
        "summary": "Every departure matching the filters, as CSV",
        "description": "RFC 4180, UTF-8, CRLF line ends, a header row and one row per departure; the same filters, order and rows as /departures, never paged (limit and cursor are a 400). Columns: id, organisation, aliases, kind, country, status, announced, effective, platforms, group, members, confidence, evidence_count, first_evidence_quote, first_evidence_document, first_evidence_url. A list is its items joined by ';'; null is an empty field. A text field beginning with =, +, -, @, TAB, CR or ' gets one extra leading ' so that spreadsheets show it as text (formula injection); drop that one ' to get the value back. Also served by /departures with Accept: text/csv.",
        "parameters": [
          {"$ref": "#/components/parameters/platform"},
          {"$ref": "#/components/parameters/country"},
          {"$ref": "#/components/parameters/kind"},
          {"$ref": "#/components/parameters/status"},
          {"$ref": "#/components/parameters/q"},
          {"$ref": "#/components/parameters/since"},
          {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/document"},
          {"$ref": "#/components/parameters/sort"}
        ],
        "responses": {
          "200": {"description": "The CSV, as an attachment named after the snapshot version. Its length is known in advance; the rows are made as they are sent.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "Content-Disposition": {"description": "attachment; filename=\"exodus-departures-<snapshot>.csv\"", "schema": {"type": "string"}}, "X-Total-Count": {"$ref": "#/components/headers/TotalCount"}}, "content": {"text/csv": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/departures.ndjson": {
      "get": {
        "operationId": "exportDeparturesNDJSON",
        "summary": "Every departure matching the filters, one JSON object a line",
        "description": "Newline-delimited JSON: each line is a Departure exactly as /departures lists it, ended by LF; the same filters, order and rows as /departures, never paged (limit and cursor are a 400). Also served by /departures with Accept: application/x-ndjson.",
        "parameters": [
          {"$ref": "#/components/parameters/platform"},
          {"$ref": "#/components/parameters/country"},
          {"$ref": "#/components/parameters/kind"},
          {"$ref": "#/components/parameters/status"},
          {"$ref": "#/components/parameters/q"},
          {"$ref": "#/components/parameters/since"},
          {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/document"},
          {"$ref": "#/components/parameters/sort"}
        ],
        "responses": {
          "200": {"description": "The departures. Its length is known in advance; the lines are made as they are sent.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}, "X-Total-Count": {"$ref": "#/components/headers/TotalCount"}}, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/feed.atom": {
      "get": {
        "operationId": "feed",
        "summary": "An Atom 1.0 feed of the 50 latest departures matching the filters",
        "description": "RFC 4287. Newest announcement first, undated departures last. An entry's id is a tag URI made from the departure id (stable across snapshots); its title is '<organisation> leaves X', 'pauses X' or 'will leave X'; its content gives the dates, the platforms and the first evidence quote with a link to its source. Every updated element comes from the data (announcement date, else effective date, else the source's publication date), never from the clock. sort, limit and cursor are a 400.",
        "parameters": [
          {"$ref": "#/components/parameters/platform"},
          {"$ref": "#/components/parameters/country"},
          {"$ref": "#/components/parameters/kind"},
          {"$ref": "#/components/parameters/status"},
          {"$ref": "#/components/parameters/q"},
          {"$ref": "#/components/parameters/since"},
          {"$ref": "#/components/parameters/until"},
          {"$ref": "#/components/parameters/document"}
        ],
        "responses": {
          "200": {"description": "The feed.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/departures/{id}": {
      "get": {
        "operationId": "getDeparture",
        "summary": "One departure with its evidence and the documents quoted",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 200}}],
        "responses": {
          "200": {"description": "The departure.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DepartureDetail"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/platforms": {
      "get": {
        "operationId": "listPlatforms",
        "summary": "Destination platforms by number of departures",
        "responses": {
          "200": {"description": "Platforms, most departures first.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PlatformList"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/stats": {
      "get": {
        "operationId": "getStats",
        "summary": "Counts by platform, country, kind, status and month of announcement",
        "responses": {
          "200": {"description": "Counts. A month-precision date counts in its month; unknown dates and countries are counted apart.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/documents": {
      "get": {
        "operationId": "listDocuments",
        "summary": "The source documents, without their text",
        "responses": {
          "200": {"description": "Documents.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DocumentList"}}}, "links": {"FirstDocument": {"operationId": "getDocument", "parameters": {"id": "$response.body#/items/0/id"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/documents/{id}": {
      "get": {
        "operationId": "getDocument",
        "summary": "One source document with its text",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 200}}],
        "responses": {
          "200": {"description": "The document.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DocumentDetail"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/healthz": {
      "get": {
        "operationId": "health",
        "summary": "Liveness: 200 while the process serves",
        "responses": {
          "200": {"description": "Alive.", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "version"], "properties": {"status": {"const": "ok"}, "version": {"type": "string"}}, "additionalProperties": false}}}}
        }
      }
    },
    "/readyz": {
      "get": {
        "operationId": "readiness",
        "summary": "Readiness: 200 once a snapshot is loaded",
        "responses": {
          "200": {"description": "Ready.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ready"}}}},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus metrics (text exposition format 0.0.4)",
        "responses": {
          "200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document",
        "responses": {
          "200": {"description": "OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/snapshot": {
      "get": {
        "operationId": "getSnapshot",
        "summary": "The current snapshot as a file, for serving replicas (exodus serve --snapshot URL)",
        "description": "Off unless enabled (--publish-snapshot, snapshot.publish or EXODUS_SNAPSHOT_PUBLISH=true); then 404. Format 1: a JSON header line (format_version, extractor_version, content_version, counts, body_bytes, body_fnv1a64), then one JSON line per document and per departure. The ETag is the snapshot version.",
        "responses": {
          "200": {"description": "The snapshot file.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/NotReady"}
        }
      }
    }@ADMIN_PATH@
  },
  "components": {
@SECURITY_SCHEMES@    "headers": {
      "ETag": {"description": "Strong entity tag of the representation.", "schema": {"type": "string"}},
      "TotalCount": {"description": "How many departures the export holds.", "schema": {"type": "string", "pattern": "^[0-9]+$"}},
      "ContentSecurityPolicy": {"description": "Only same-origin scripts, styles and requests; no framing.", "schema": {"type": "string"}}
    },
    "parameters": {
      "platform": {"name": "platform", "in": "query", "style": "form", "explode": true, "description": "Destination platform id.", "schema": {"type": "array", "items": {"$ref": "#/components/schemas/PlatformId"}}},
      "country": {"name": "country", "in": "query", "style": "form", "explode": true, "description": "ISO 3166-1 alpha-2 code, case-insensitive.", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}}},
      "kind": {"name": "kind", "in": "query", "style": "form", "explode": true, "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}}},
      "status": {"name": "status", "in": "query", "style": "form", "explode": true, "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Status"}}},
      "q": {"name": "q", "in": "query", "description": "Case- and diacritic-insensitive text matched against names and aliases.", "schema": {"type": "string", "maxLength": 200}},
      "since": {"name": "since", "in": "query", "description": "Earliest announcement (inclusive); a month-precision date matches when its month overlaps the range.", "schema": {"$ref": "#/components/schemas/DateBound"}},
      "until": {"name": "until", "in": "query", "description": "Latest announcement (inclusive).", "schema": {"$ref": "#/components/schemas/DateBound"}},
      "document": {"name": "document", "in": "query", "description": "Only departures evidenced by this document id.", "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
      "sort": {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["-announced", "announced", "organisation", "-organisation"], "default": "-announced"}}
    },
    "responses": {
      "NotModified": {"description": "The client's copy (If-None-Match / If-Modified-Since) is current."},
      "BadRequest": {"description": "A parameter is not allowed; detail names it and what is allowed.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "NotFound": {"description": "No such resource.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "NotReady": {"description": "No snapshot is loaded yet.", "headers": {"Retry-After": {"schema": {"type": "string"}}}, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "PlatformId": {"type": "string", "pattern": "^(?![xX]$)(?![tT][wW][iI][tT][tT][eE][rR]$)[A-Za-z0-9-]{1,32}$", "description": "Lower-case platform id such as bluesky, mastodon, threads; X is never a destination."},
      "Kind": {"type": "string", "enum": ["ngo", "media", "university", "government", "union", "hospital", "museum", "company", "sports", "research", "other"]},
      "Status": {"type": "string", "enum": ["left", "suspended", "announced"]},
      "PartialDate": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$", "description": "YYYY-MM-DD or YYYY-MM; null when the text does not give it."},
      "DateBound": {"type": "string", "pattern": "^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8]))?)?$", "description": "YYYY, YYYY-MM or YYYY-MM-DD (any real calendar day is accepted; the pattern shows the always-valid days)."},
      "Evidence": {"type": "object", "required": ["document", "quote"], "properties": {"document": {"type": "string"}, "quote": {"type": "string", "description": "A verbatim substring of the document's text."}}, "additionalProperties": false},
      "Departure": {
        "type": "object",
        "required": ["id", "organisation", "aliases", "kind", "country", "status", "announced", "effective", "platforms", "members", "group", "confidence", "evidence"],
        "properties": {
          "id": {"type": "string"},
          "organisation": {"type": "string"},
          "aliases": {"type": "array", "items": {"type": "string"}},
          "kind": {"$ref": "#/components/schemas/Kind"},
          "country": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$"},
          "status": {"$ref": "#/components/schemas/Status"},
          "announced": {"$ref": "#/components/schemas/PartialDate"},
          "effective": {"$ref": "#/components/schemas/PartialDate"},
          "platforms": {"type": "array", "items": {"type": "string"}},
          "members": {"type": "array", "items": {"type": "string"}, "description": "On a collective: the ids of its named members."},
          "group": {"type": ["string", "null"], "description": "On a member: the id of its collective."},
          "confidence": {"type": "number", "minimum": 0, "maximum": 1, "description": "How likely the row is right, calibrated on held-out text (rows at 0.9 were right about nine times in ten). Rows entered by hand are 1."},
          "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}}
        },
        "additionalProperties": false
      },
      "DepartureDetail": {
        "type": "object",
        "required": ["id", "organisation", "aliases", "kind", "country", "status", "announced", "effective", "platforms", "members", "group", "confidence", "evidence"],
        "properties": {
          "id": {"type": "string"},
          "organisation": {"type": "string"},
          "aliases": {"type": "array", "items": {"type": "string"}},
          "kind": {"$ref": "#/components/schemas/Kind"},
          "country": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$"},
          "status": {"$ref": "#/components/schemas/Status"},
          "announced": {"$ref": "#/components/schemas/PartialDate"},
          "effective": {"$ref": "#/components/schemas/PartialDate"},
          "platforms": {"type": "array", "items": {"type": "string"}},
          "members": {"type": "array", "items": {"type": "string"}},
          "group": {"type": ["string", "null"]},
          "confidence": {"type": "number", "minimum": 0, "maximum": 1},
          "evidence": {"type": "array", "items": {
            "type": "object",
            "required": ["document", "quote", "title", "url", "publisher", "published"],
            "properties": {
              "document": {"type": "string"}, "quote": {"type": "string"},
              "title": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
              "publisher": {"type": ["string", "null"]}, "published": {"$ref": "#/components/schemas/PartialDate"}
            },
            "additionalProperties": false
          }}
        },
        "additionalProperties": false
      },
      "DepartureList": {
        "type": "object",
        "required": ["items", "total", "next_cursor"],
        "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Departure"}},
          "total": {"type": "integer", "minimum": 0},
          "next_cursor": {"type": ["string", "null"]}
        },
        "additionalProperties": false
      },
      "PlatformList": {
        "type": "object",
        "required": ["items", "total"],
        "properties": {
          "items": {"type": "array", "items": {"type": "object", "required": ["platform", "departures"], "properties": {"platform": {"type": "string"}, "departures": {"type": "integer", "minimum": 1}}, "additionalProperties": false}},
          "total": {"type": "integer", "minimum": 0}
        },
        "additionalProperties": false
      },
      "Counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
      "Stats": {
        "type": "object",
        "required": ["departures", "documents", "by_platform", "by_country", "unknown_country", "by_kind", "by_status", "by_month", "unknown_month", "snapshot", "min_confidence", "hidden_below_min_confidence"],
        "properties": {
          "departures": {"type": "integer", "minimum": 0, "description": "Departures at or above the default min_confidence; every count below is over these."},
          "documents": {"type": "integer", "minimum": 0},
          "min_confidence": {"type": "number", "minimum": 0, "maximum": 1, "description": "The default min_confidence of GET /departures."},
          "hidden_below_min_confidence": {"type": "integer", "minimum": 0, "description": "Departures the default min_confidence leaves out."},
          "by_platform": {"$ref": "#/components/schemas/Counts"},
          "by_country": {"$ref": "#/components/schemas/Counts"},
          "unknown_country": {"type": "integer", "minimum": 0},
          "by_kind": {"$ref": "#/components/schemas/Counts"},
          "by_status": {"$ref": "#/components/schemas/Counts"},
          "by_month": {"$ref": "#/components/schemas/Counts"},
          "unknown_month": {"type": "integer", "minimum": 0},
          "snapshot": {"type": "object", "required": ["version", "built_at"], "properties": {"version": {"type": "string"}, "built_at": {"type": "string", "format": "date-time"}}, "additionalProperties": false}
        },
        "additionalProperties": false
      },
      "FetchStatus": {
        "type": ["object", "null"],
        "required": ["time", "status", "error"],
        "properties": {"time": {"type": "string"}, "status": {"type": "string"}, "error": {"type": ["string", "null"]}},
        "additionalProperties": false
      },
      "Document": {
        "type": "object",
        "required": ["id", "title", "url", "publisher", "published", "language", "departures", "last_fetch"],
        "properties": {
          "id": {"type": "string"},
          "title": {"type": ["string", "null"]},
          "url": {"type": ["string", "null"]},
          "publisher": {"type": ["string", "null"]},
          "published": {"$ref": "#/components/schemas/PartialDate"},
          "language": {"type": ["string", "null"]},
          "departures": {"type": "array", "items": {"type": "string"}},
          "last_fetch": {"$ref": "#/components/schemas/FetchStatus"}
        },
        "additionalProperties": false
      },
      "DocumentDetail": {
        "type": "object",
        "required": ["id", "title", "url", "publisher", "published", "language", "departures", "last_fetch", "text"],
        "properties": {
          "id": {"type": "string"},
          "title": {"type": ["string", "null"]},
          "url": {"type": ["string", "null"]},
          "publisher": {"type": ["string", "null"]},
          "published": {"$ref": "#/components/schemas/PartialDate"},
          "language": {"type": ["string", "null"]},
          "departures": {"type": "array", "items": {"type": "string"}},
          "last_fetch": {"$ref": "#/components/schemas/FetchStatus"},
          "text": {"type": "string"}
        },
        "additionalProperties": false
      },
      "DocumentList": {
        "type": "object",
        "required": ["items", "total"],
        "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}}, "total": {"type": "integer", "minimum": 0}},
        "additionalProperties": false
      },
      "Ready": {
        "type": "object",
        "required": ["status", "snapshot"],
        "properties": {
          "status": {"const": "ready"},
          "snapshot": {"type": "object", "required": ["version", "built_at", "documents", "departures"], "properties": {"version": {"type": "string"}, "built_at": {"type": "string", "format": "date-time"}, "documents": {"type": "integer", "minimum": 0}, "departures": {"type": "integer", "minimum": 0}}, "additionalProperties": false}
        },
        "additionalProperties": false
      },
      "ReloadReport": {
        "type": "object",
        "required": ["trigger", "outcome", "documents", "departures_before", "departures_after", "snapshot_version", "failures", "problems"],
        "properties": {
          "trigger": {"type": "string"},
          "outcome": {"type": "string", "enum": ["swapped", "unchanged", "kept_previous"]},
          "documents": {"type": "object", "required": ["added", "updated", "unchanged", "failed", "removed"], "properties": {"added": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "failed": {"type": "integer"}, "removed": {"type": "integer"}}, "additionalProperties": false},
          "departures_before": {"type": "integer"},
          "departures_after": {"type": "integer"},
          "snapshot_version": {"type": "string"},
          "failures": {"type": "array", "items": {"type": "object", "required": ["url", "reason"], "properties": {"url": {"type": "string"}, "reason": {"type": "string"}}, "additionalProperties": false}},
          "problems": {"type": "array", "items": {"type": "string"}}
        },
        "additionalProperties": false
      },
      "Problem": {
        "type": "object",
        "required": ["type", "title", "status"],
        "properties": {
          "type": {"type": "string"},
          "title": {"type": "string"},
          "status": {"type": "integer", "minimum": 400, "maximum": 599},
          "detail": {"type": "string"},
          "instance": {"type": "string"},
          "parameter": {"type": "string"}
        }
      }
    }
  }
}
"""#
}

private extension String {
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
}
