#!/usr/bin/env python3
"""Check corpus articles 301-450 (writer D, longer and messier texts): file triples, sidecars, gold rows.

Usage: python3 Training/corpus/check_articles_d.py [ARTICLES_DIR] [--complete]
Exit status 1 if any error. Standard library only.
"""
import json, os, re, sys, datetime

LO, HI = 301, 450
MIN_WORDS, MAX_WORDS = 150, 450
KINDS = {"ngo", "media", "university", "government", "union", "hospital", "museum",
         "company", "sports", "research", "other"}
STATUSES = {"left", "suspended", "announced"}
ROW_KEYS = ["organisation", "aliases", "country", "kind", "status", "announced", "effective",
            "platforms", "members", "evidence", "supporting", "accept", "note"]
REQUIRED = ["organisation", "country", "kind", "status", "announced", "effective", "platforms", "evidence"]
ACCEPT_KEYS = {"status", "announced", "effective", "platforms", "country", "kind"}
NAME = re.compile(r"^(\d{3})_([a-z0-9]+(?:_[a-z0-9]+)*)\.(txt|json|gold\.json)$")


def valid_date(v, day_only=False):
    if v is None:
        return True
    if not isinstance(v, str):
        return False
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            datetime.date.fromisoformat(v)
            return True
        if not day_only and re.fullmatch(r"\d{4}-\d{2}", v):
            return 1 <= int(v[5:]) <= 12
    except ValueError:
        return False
    return False


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_DAY_RE = "(" + "|".join(DAYS) + ")"
_MON_RE = "(" + "|".join(MONTHS) + ")"
WEEKDAY_DATE = [
    (re.compile(_DAY_RE + r",? (\d{1,2})(?:st|nd|rd|th)? " + _MON_RE + r",? (\d{4})"), (0, 1, 2, 3)),
    (re.compile(_DAY_RE + r",? " + _MON_RE + r" (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})"), (0, 2, 1, 3)),
]


def weekday_errors(text):
    """A weekday written next to a full date must be that date's weekday."""
    out = []
    for rx, (iw, idd, im, iy) in WEEKDAY_DATE:
        for m in rx.finditer(text):
            g = m.groups()
            try:
                d = datetime.date(int(g[iy]), MONTHS.index(g[im]) + 1, int(g[idd]))
            except ValueError:
                out.append(f"impossible date {m.group(0)!r}")
                continue
            if DAYS[d.weekday()] != g[iw]:
                out.append(f"{m.group(0)!r} is a {DAYS[d.weekday()]}")
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    d = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")
    errors, warns, missing = [], [], []
    groups = {}
    for fn in sorted(os.listdir(d)):
        m = NAME.match(fn)
        if not m:
            if fn[:3].isdigit() and LO <= int(fn[:3]) <= HI:
                errors.append(f"{fn}: bad file name")
            continue
        n = int(m.group(1))
        if not LO <= n <= HI:
            continue
        groups.setdefault(n, {}).setdefault(m.group(2), set()).add(m.group(3))
    n_rows = n_empty = n_pub = 0
    statuses = {}
    words_all = []
    for n in range(LO, HI + 1):
        if n not in groups:
            (errors if "--complete" in sys.argv else missing).append(f"{n:03d}: missing")
            continue
        if len(groups[n]) != 1:
            errors.append(f"{n:03d}: several slugs {sorted(groups[n])}")
            continue
        slug, exts = next(iter(groups[n].items()))
        base = os.path.join(d, f"{n:03d}_{slug}")
        tag = f"{n:03d}_{slug}"
        if exts != {"txt", "json", "gold.json"}:
            errors.append(f"{tag}: files {sorted(exts)}")
            continue
        raw = open(base + ".txt", "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"{tag}: txt not UTF-8")
            continue
        if not text.endswith("\n") or text.endswith("\n\n") or text.startswith("\ufeff"):
            errors.append(f"{tag}: txt must end with exactly one newline (and have no BOM)")
        if "\r" in text or "\t" in text:
            errors.append(f"{tag}: CR or TAB in txt")
        for e in weekday_errors(text):
            errors.append(f"{tag}: {e}")
        wc = len(text.split())
        words_all.append(wc)
        if not MIN_WORDS <= wc <= MAX_WORDS:
            errors.append(f"{tag}: {wc} words (want {MIN_WORDS}-{MAX_WORDS})")
        try:
            side = json.load(open(base + ".json", encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{tag}.json: {e}")
            continue
        if not isinstance(side, dict) or set(side) != {"title", "published", "language"}:
            errors.append(f"{tag}.json: keys must be title, published, language")
        else:
            if not isinstance(side["title"], str) or not side["title"].strip():
                errors.append(f"{tag}.json: empty title")
            if not valid_date(side["published"], day_only=True):
                errors.append(f"{tag}.json: published must be YYYY-MM-DD or null")
            if side["language"] != "en":
                errors.append(f"{tag}.json: language must be en")
        pub = side.get("published") if isinstance(side, dict) else None
        n_pub += pub is not None
        try:
            rows = json.load(open(base + ".gold.json", encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{tag}.gold.json: {e}")
            continue
        if not isinstance(rows, list):
            errors.append(f"{tag}.gold.json: not a list")
            continue
        n_rows += len(rows)
        n_empty += not rows
        names = [r.get("organisation") for r in rows if isinstance(r, dict)]
        if len(set(names)) != len(names):
            errors.append(f"{tag}: duplicate organisation names")
        for i, r in enumerate(rows):
            w = f"{tag} row {i} ({r.get('organisation') if isinstance(r, dict) else '?'})"
            if not isinstance(r, dict):
                errors.append(f"{w}: not an object")
                continue
            for k in REQUIRED:
                if k not in r:
                    errors.append(f"{w}: missing {k}")
            for k in r:
                if k not in ROW_KEYS:
                    errors.append(f"{w}: unknown key {k}")
            if not isinstance(r.get("organisation"), str) or not r.get("organisation", "").strip():
                errors.append(f"{w}: empty organisation")
            c = r.get("country")
            if c is not None and not (isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c)) or c == "UK":
                errors.append(f"{w}: country {c!r} is not ISO-2 (GB for the UK)")
            if r.get("kind") not in KINDS:
                errors.append(f"{w}: kind {r.get('kind')!r}")
            st = r.get("status")
            statuses[st] = statuses.get(st, 0) + 1
            if st not in STATUSES:
                errors.append(f"{w}: status {st!r}")
            for k in ("announced", "effective"):
                if not valid_date(r.get(k)):
                    errors.append(f"{w}: {k} {r.get(k)!r} not YYYY-MM-DD / YYYY-MM / null")
            if pub and isinstance(r.get("announced"), str) and r["announced"] > pub:
                errors.append(f"{w}: announced {r['announced']} after publication {pub}")
            if st == "announced" and pub and isinstance(r.get("effective"), str) and r["effective"][:len(pub)] < pub[:len(r['effective'])]:
                warns.append(f"{w}: status announced but effective {r['effective']} before publication {pub}")
            p = r.get("platforms")
            if not isinstance(p, list) or any(not isinstance(x, str) or x != x.lower() or not x for x in p):
                errors.append(f"{w}: platforms must be a list of lower-case names")
            elif "x" in p or "twitter" in p:
                errors.append(f"{w}: X/Twitter is not a destination")
            ev = r.get("evidence")
            if not isinstance(ev, str) or not ev.strip() or ev not in text:
                errors.append(f"{w}: evidence not an exact substring: {ev!r:.80}")
            elif ev != ev.strip():
                errors.append(f"{w}: evidence has surrounding whitespace")
            elif "\n" in ev:
                errors.append(f"{w}: evidence spans lines")
            for key in ("supporting", "aliases"):
                v = r.get(key, [])
                if not isinstance(v, list):
                    errors.append(f"{w}: {key} not a list")
                    continue
                for s in v:
                    if not isinstance(s, str) or not s or s not in text:
                        errors.append(f"{w}: {key} not an exact substring: {s!r:.80}")
                if key == "aliases" and r.get("organisation") in v:
                    errors.append(f"{w}: alias repeats the organisation name")
            if "members" in r:
                mem = r["members"]
                if not isinstance(mem, list) or not mem or any(not isinstance(x, str) for x in mem):
                    errors.append(f"{w}: members must be a non-empty list of names")
                else:
                    for x in mem:
                        if x not in names:
                            warns.append(f"{w}: member {x!r} has no row of its own")
            acc = r.get("accept")
            if acc is not None:
                if not isinstance(acc, dict):
                    errors.append(f"{w}: accept not an object")
                else:
                    for k, v in acc.items():
                        if k not in ACCEPT_KEYS or not isinstance(v, list):
                            errors.append(f"{w}: accept.{k} bad")
                            continue
                        if k in ("announced", "effective") and not all(valid_date(x) for x in v):
                            errors.append(f"{w}: accept.{k} has a bad date")
                        if k == "status" and not all(x in STATUSES for x in v):
                            errors.append(f"{w}: accept.status has a bad value")
                        if k == "platforms" and not all(isinstance(x, list) for x in v):
                            errors.append(f"{w}: accept.platforms must be a list of lists")
                        if k != "platforms" and r.get(k) not in v:
                            warns.append(f"{w}: accept.{k} does not include the gold value")
            if "note" in r and not isinstance(r["note"], str):
                errors.append(f"{w}: note not a string")
    for x in warns:
        print("warning:", x)
    for x in errors:
        print("ERROR:", x)
    done = len([n for n in groups if LO <= n <= HI])
    print(f"articles {done}/{HI - LO + 1}, gold rows {n_rows}, articles with no rows {n_empty}, "
          f"with published date {n_pub}, statuses {dict(sorted(statuses.items(), key=lambda kv: str(kv[0])))}, "
          f"words min/max {min(words_all) if words_all else 0}/{max(words_all) if words_all else 0}")
    if missing:
        print(f"not yet written: {len(missing)} (pass --complete to make this an error)")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
