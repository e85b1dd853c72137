"""Reads the exports and the feed back with the tools their users have, and
compares every value with the JSON API's. Usage: check_exports.py BASE_URL"""
import csv
import html
import io
import json
import sys
import urllib.request
from urllib.parse import urlencode

import feedparser

BASE = sys.argv[1]
COLUMNS = ["id", "organisation", "aliases", "kind", "country", "status", "announced", "effective",
           "platforms", "group", "members", "confidence", "evidence_count",
           "first_evidence_quote", "first_evidence_document", "first_evidence_url"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def get(path, accept=None):
    req = urllib.request.Request(BASE + path, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req) as r:
        return r.status, dict(r.headers), r.read()


def all_departures(params):
    """Every departure the JSON list gives for these filters, following next_cursor."""
    items, cursor = [], None
    while True:
        q = dict(params, limit=500)
        if cursor:
            q["cursor"] = cursor
        _, _, body = get("/departures?" + urlencode(q))
        page = json.loads(body)
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


documents = {d["id"]: d for d in json.loads(get("/documents")[2])["items"]}


def expected_row(d):
    """The CSV values of a departure, from its JSON (null is empty, lists joined by ;)."""
    first = d["evidence"][0] if d["evidence"] else None
    url = documents.get(first["document"], {}).get("url") if first else None
    values = {
        "id": d["id"], "organisation": d["organisation"], "aliases": ";".join(d["aliases"]),
        "kind": d["kind"], "country": d["country"], "status": d["status"], "announced": d["announced"],
        "effective": d["effective"], "platforms": ";".join(d["platforms"]), "group": d["group"],
        "members": ";".join(d["members"]), "confidence": d.get("confidence"),
        "evidence_count": str(len(d["evidence"])),
        "first_evidence_quote": first["quote"] if first else None,
        "first_evidence_document": first["document"] if first else None,
        "first_evidence_url": url,
    }
    return ["" if values[c] is None else str(values[c]) for c in COLUMNS]


def unguard(field):
    """Undoes the formula-injection guard: one leading ' is dropped."""
    return field[1:] if field.startswith("'") else field


def check_csv(params):
    label = "/departures.csv?" + urlencode(params)
    items = all_departures(params)
    status, headers, body = get("/departures.csv?" + urlencode(params))
    check(status == 200, f"{label}: status {status}")
    check(headers.get("Content-Type") == "text/csv; charset=utf-8", f"{label}: content type")
    check(headers.get("Content-Disposition", "").startswith('attachment; filename="exodus-departures-'), f"{label}: disposition")
    text = body.decode("utf-8")
    expected = [expected_row(d) for d in items]

    # 1. Python's csv module (RFC 4180 dialect: the default "excel" one).
    rows = list(csv.reader(io.StringIO(text, newline="")))
    check(rows[0] == COLUMNS, f"{label}: header {rows[0]}")
    check(len(rows) - 1 == len(items), f"{label}: {len(rows) - 1} rows, JSON has {len(items)}")
    for row, want in zip(rows[1:], expected):
        check([unguard(f) for f in row] == want, f"{label}: csv row {row[0]!r} differs:\n  {row}\n  {want}")
        for f in row:
            check(not f.startswith(FORMULA_START), f"{label}: field {f!r} starts like a formula")

    # 2. A spreadsheet-style reader: pandas, every cell as text, no NA guessing.
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        frame = pandas.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False, encoding="utf-8")
        check(list(frame.columns) == COLUMNS, f"{label}: pandas columns {list(frame.columns)}")
        got = [[unguard(v) for v in r] for r in frame.itertuples(index=False, name=None)]
        check(got == expected, f"{label}: pandas values differ")
    # The dialect a sniffing reader would guess from the text is the one we wrote.
    sample = text[:4096]
    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    check(dialect.delimiter == "," and dialect.quotechar == '"', f"{label}: sniffed {dialect.delimiter!r}")
    check(csv.Sniffer().has_header(sample), f"{label}: sniffer sees no header")
    sniffed = list(csv.reader(io.StringIO(text, newline=""), dialect))
    check(sniffed == rows, f"{label}: sniffed read differs")

    # Content negotiation gives the same bytes.
    _, h2, negotiated = get("/departures?" + urlencode(params), accept="text/csv")
    check(negotiated == body, f"{label}: Accept: text/csv differs")
    check(h2.get("Vary") == "Accept", f"{label}: Vary")
    return len(items)


def check_ndjson(params):
    label = "/departures.ndjson?" + urlencode(params)
    items = all_departures(params)
    status, headers, body = get("/departures.ndjson?" + urlencode(params))
    check(headers.get("Content-Type") == "application/x-ndjson", f"{label}: content type")
    lines = body.decode("utf-8").split("\n")
    check(lines[-1] == "", f"{label}: last line not ended by LF")
    check([json.loads(line) for line in lines[:-1]] == items, f"{label}: lines differ from JSON")
    _, _, negotiated = get("/departures?" + urlencode(params), accept="application/x-ndjson")
    check(negotiated == body, f"{label}: Accept: application/x-ndjson differs")


def check_feed(params):
    label = "/feed.atom?" + urlencode(params)
    status, headers, body = get("/feed.atom?" + urlencode(params))
    check(headers.get("Content-Type") == "application/atom+xml; charset=utf-8", f"{label}: content type")
    feed = feedparser.parse(body, response_headers={"content-location": BASE + "/feed.atom", "content-type": headers["Content-Type"]})
    check(not feed.bozo, f"{label}: not well-formed: {feed.get('bozo_exception')}")
    check(feed.version == "atom10", f"{label}: version {feed.version}")
    check(feed.feed.get("updated_parsed") is not None, f"{label}: feed has no updated")
    want = [d for d in all_departures(dict(params))][:50]   # default order: newest first, undated last
    check(len(feed.entries) == len(want), f"{label}: {len(feed.entries)} entries, want {len(want)}")
    verbs = {"left": "leaves X", "suspended": "pauses X", "announced": "will leave X"}
    for e, d in zip(feed.entries, want):
        check(e.id == "tag:exodus,2025:departure/" + d["id"], f"{label}: id {e.id}")
        check(e.title == d["organisation"] + " " + verbs[d["status"]], f"{label}: title {e.title!r}")
        check(e.get("updated_parsed") is not None, f"{label}: {d['id']} has no updated")
        if d["announced"]:
            check(e.updated.startswith(d["announced"] if len(d["announced"]) == 10 else d["announced"] + "-01"),
                  f"{label}: {d['id']} updated {e.updated} vs announced {d['announced']}")
        content = html.unescape(e.content[0].value)
        if d["evidence"]:
            first = d["evidence"][0]
            check(" ".join(first["quote"].split()) in " ".join(content.split()),
                  f"{label}: {d['id']} content lacks its quote")
            url = documents.get(first["document"], {}).get("url")
            if url:
                check(url in content and e.link == url, f"{label}: {d['id']} source link")
        for p in d["platforms"]:
            check(p in content, f"{label}: {d['id']} content lacks platform {p}")
    check(headers.get("ETag") and get("/feed.atom?" + urlencode(params))[2] == body, f"{label}: not stable")


counts = []
for params in [{}, {"country": "FR"}, {"platform": "bluesky", "sort": "organisation"}, {"q": "sum"}, {"kind": "ngo", "sort": "-organisation"}]:
    counts.append(check_csv(params))
    check_ndjson(params)
for params in [{}, {"country": "DE"}, {"status": "left"}]:
    check_feed(params)
check(counts[0] >= 17, f"expected the seed and the hostile document to give at least 17 departures, got {counts[0]}")

if failures:
    print(f"{len(failures)} export check(s) failed")
    sys.exit(1)
print(f"exports: CSV (csv module, pandas, sniffer), NDJSON and Atom (feedparser) match the JSON API; {counts[0]} departures")
