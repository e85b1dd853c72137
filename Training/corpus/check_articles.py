#!/usr/bin/env python3
"""Validate the training articles in Training/corpus/articles/ (stdlib only).

For every NNN_slug it checks:
  - NNN_slug.txt: UTF-8, 80-700 words, ends with exactly one newline;
  - NNN_slug.json: {"title": str, "published": "YYYY-MM-DD" or null, "language": "en"};
  - NNN_slug.gold.json: a JSON array of rows in the devset format, with allowed
    field values, and every evidence / supporting / alias string an exact
    substring of the .txt; group rows' members each have a row of their own.
Numbering must run 001..N without gaps or duplicates.

Usage: python3 check_articles.py [ARTICLES_DIR] [--min-words N] [--max-words N]
Exit status 0 when everything is valid, 1 otherwise.
"""
import datetime
import json
import os
import re
import sys

KINDS = {"ngo", "media", "university", "government", "union", "hospital", "museum",
         "company", "sports", "research", "other"}
STATUSES = {"left", "suspended", "announced"}
ROW_KEYS_REQUIRED = ["organisation", "country", "kind", "status", "announced", "effective",
                     "platforms", "evidence"]
ROW_KEYS_OPTIONAL = {"aliases", "members", "supporting", "accept", "note"}
ACCEPT_KEYS = {"status", "announced", "effective", "platforms", "country", "kind"}
NAME_RE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.(txt|json|gold\.json)$")
PLATFORM_RE = re.compile(r"^[a-z0-9][a-z0-9 ._-]*$")


def valid_date(v):
    """YYYY-MM-DD or YYYY-MM (a real calendar date), or None."""
    if v is None:
        return True
    if not isinstance(v, str):
        return False
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            datetime.date.fromisoformat(v)
            return True
        if re.fullmatch(r"\d{4}-\d{2}", v):
            return 1 <= int(v[5:]) <= 12
    except ValueError:
        return False
    return False


def valid_country(v):
    return isinstance(v, str) and re.fullmatch(r"[A-Z]{2}", v) is not None and v != "UK"


def check_row(i, row, text, errs):
    where = f"row {i}"
    if not isinstance(row, dict):
        errs.append(f"{where}: not an object")
        return
    name = row.get("organisation")
    where = f"row {i} ({name!r})"
    for k in ROW_KEYS_REQUIRED:
        if k not in row:
            errs.append(f"{where}: missing {k}")
    for k in row:
        if k not in ROW_KEYS_REQUIRED and k not in ROW_KEYS_OPTIONAL:
            errs.append(f"{where}: unknown field {k}")
    if not isinstance(name, str) or not name.strip():
        errs.append(f"{where}: organisation must be a non-empty string")
    # null is allowed: a group of several countries, or a country the text does not give.
    if "country" in row and row["country"] is not None and not valid_country(row["country"]):
        errs.append(f"{where}: country must be ISO alpha-2 (GB for the UK): {row['country']!r}")
    if "kind" in row and row["kind"] not in KINDS:
        errs.append(f"{where}: bad kind {row['kind']!r}")
    if "status" in row and row["status"] not in STATUSES:
        errs.append(f"{where}: bad status {row['status']!r}")
    for k in ("announced", "effective"):
        if k in row and not valid_date(row[k]):
            errs.append(f"{where}: bad {k} date {row[k]!r}")
    pl = row.get("platforms")
    if "platforms" in row:
        if not isinstance(pl, list) or not all(isinstance(p, str) and PLATFORM_RE.match(p) for p in pl):
            errs.append(f"{where}: platforms must be a list of lower-case names: {pl!r}")
        elif len(set(pl)) != len(pl):
            errs.append(f"{where}: duplicate platform")
        elif "x" in pl or "twitter" in pl:
            errs.append(f"{where}: X/Twitter is not a destination")
    ev = row.get("evidence")
    if "evidence" in row:
        if not isinstance(ev, str) or not ev.strip():
            errs.append(f"{where}: evidence must be a non-empty string")
        elif ev not in text:
            errs.append(f"{where}: evidence not in text: {ev[:80]!r}")
        elif ev != ev.strip():
            errs.append(f"{where}: evidence has surrounding whitespace")
        elif "\n" in ev:
            errs.append(f"{where}: evidence spans lines")
    for k in ("supporting", "aliases", "members"):
        if k in row:
            v = row[k]
            if not isinstance(v, list) or not v or not all(isinstance(s, str) and s.strip() for s in v):
                errs.append(f"{where}: {k} must be a non-empty list of strings")
                continue
            if len(set(v)) != len(v):
                errs.append(f"{where}: duplicate in {k}")
            if k != "members":
                for s in v:
                    if s not in text:
                        errs.append(f"{where}: {k[:-1] if k.endswith('s') else k} not in text: {s[:80]!r}")
    if "supporting" in row and isinstance(row["supporting"], list) and ev in row["supporting"]:
        errs.append(f"{where}: supporting repeats the evidence")
    if "aliases" in row and isinstance(row["aliases"], list) and name in row["aliases"]:
        errs.append(f"{where}: alias repeats the organisation name")
    if "note" in row and not isinstance(row["note"], str):
        errs.append(f"{where}: note must be a string")
    if "accept" in row:
        acc = row["accept"]
        if not isinstance(acc, dict):
            errs.append(f"{where}: accept must be an object")
            return
        for k, vals in acc.items():
            if k not in ACCEPT_KEYS:
                errs.append(f"{where}: accept has unknown key {k}")
                continue
            if not isinstance(vals, list) or not vals:
                errs.append(f"{where}: accept.{k} must be a non-empty list")
                continue
            for v in vals:
                ok = {
                    "status": lambda x: x in STATUSES,
                    "announced": valid_date,
                    "effective": valid_date,
                    "country": lambda x: x is None or valid_country(x) or x == "EU",
                    "kind": lambda x: x in KINDS,
                    "platforms": lambda x: isinstance(x, list) and all(
                        isinstance(p, str) and PLATFORM_RE.match(p) for p in x),
                }[k](v)
                if not ok:
                    errs.append(f"{where}: bad accept.{k} value {v!r}")
            if k in row and row[k] not in vals:
                errs.append(f"{where}: accept.{k} does not include the gold value {row[k]!r}")


def check_article(base, d, min_words, max_words):
    errs = []
    paths = {ext: os.path.join(d, base + ext) for ext in (".txt", ".json", ".gold.json")}
    for ext, p in paths.items():
        if not os.path.isfile(p):
            errs.append(f"missing {base}{ext}")
    if errs:
        return errs, None
    raw = open(paths[".txt"], "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"txt is not UTF-8: {e}"], None
    if text.startswith("\ufeff"):
        errs.append("txt starts with a BOM")
    if not text.endswith("\n") or text.endswith("\n\n"):
        errs.append("txt must end with exactly one newline")
    if "\r" in text:
        errs.append("txt contains carriage returns")
    words = len(text.split())
    if not min_words <= words <= max_words:
        errs.append(f"txt has {words} words (want {min_words}-{max_words})")
    try:
        side = json.load(open(paths[".json"], encoding="utf-8"))
    except ValueError as e:
        errs.append(f"sidecar is not JSON: {e}")
        side = None
    if side is not None:
        if not isinstance(side, dict) or set(side) != {"title", "published", "language"}:
            errs.append(f"sidecar must have exactly title, published, language: {side!r}"[:200])
        else:
            if not isinstance(side["title"], str) or not side["title"].strip():
                errs.append("sidecar title must be a non-empty string")
            pub = side["published"]
            if pub is not None and not (isinstance(pub, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub)
                                        and valid_date(pub)):
                errs.append(f"sidecar published must be YYYY-MM-DD or null: {pub!r}")
            if side["language"] != "en":
                errs.append("sidecar language must be 'en'")
    try:
        gold = json.load(open(paths[".gold.json"], encoding="utf-8"))
    except ValueError as e:
        return errs + [f"gold is not JSON: {e}"], None
    if not isinstance(gold, list):
        return errs + ["gold must be a JSON array"], None
    for i, row in enumerate(gold):
        check_row(i, row, text, errs)
    names = [r.get("organisation") for r in gold if isinstance(r, dict)]
    if len(set(names)) != len(names):
        errs.append("duplicate organisation rows")
    for r in gold:
        if isinstance(r, dict) and isinstance(r.get("members"), list):
            for m in r["members"]:
                if m not in names:
                    errs.append(f"member {m!r} of {r.get('organisation')!r} has no row of its own")
    return errs, gold


def main():
    args = sys.argv[1:]
    min_words, max_words = 80, 700
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")
    rest = []
    i = 0
    while i < len(args):
        if args[i] == "--min-words":
            min_words = int(args[i + 1]); i += 2
        elif args[i] == "--max-words":
            max_words = int(args[i + 1]); i += 2
        else:
            rest.append(args[i]); i += 1
    if rest:
        d = rest[0]
    bases, problems = {}, []
    for fn in sorted(os.listdir(d)):
        m = NAME_RE.match(fn)
        if not m:
            problems.append(f"{fn}: unexpected file name")
            continue
        base = f"{m.group(1)}_{m.group(2)}"
        prev = bases.setdefault(int(m.group(1)), base)
        if prev != base:
            problems.append(f"{fn}: number {m.group(1)} used by {prev} too")
    nums = sorted(bases)
    if nums and nums != list(range(1, nums[-1] + 1)):
        missing = sorted(set(range(1, nums[-1] + 1)) - set(nums))
        problems.append(f"numbering has gaps: {missing}")
    n_rows = n_empty = n_pub = 0
    statuses = {}
    for n in nums:
        base = bases[n]
        errs, gold = check_article(base, d, min_words, max_words)
        problems += [f"{base}: {e}" for e in errs]
        if gold is not None:
            n_rows += len(gold)
            n_empty += not gold
            for r in gold:
                if isinstance(r, dict):
                    statuses[r.get("status")] = statuses.get(r.get("status"), 0) + 1
        try:
            if json.load(open(os.path.join(d, base + ".json"), encoding="utf-8")).get("published"):
                n_pub += 1
        except (ValueError, OSError, AttributeError):
            pass
    for p in problems:
        print("ERROR", p)
    st = ", ".join(f"{k}={v}" for k, v in sorted(statuses.items(), key=str))
    print(f"articles={len(nums)} rows={n_rows} no_rows={n_empty} published={n_pub} statuses: {st}")
    print("OK" if not problems else f"FAILED: {len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
