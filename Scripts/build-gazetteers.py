#!/usr/bin/env python3
"""Rebuild the gazetteer files in Sources/ExodusExtraction/Data/ (standard library only).

Usage:
    python3 Scripts/build-gazetteers.py \
        --universities PATH   # a checkout or bare git dir of Hipo/university-domains-list
        --countries PATH      # datasets/country-codes
        --cities PATH         # datasets/world-cities
        --towns PATH          # joelacus/world-cities (its towns of more than 5,000 people)
        --clubs PATH          # openfootball/clubs
        [--check]             # compare with the committed files instead of writing them

A PATH may be a work tree or a git directory (bare or `.git`); a git directory is read at HEAD with
`git show`. The hand-written lists come from Sources/ExodusExtraction/Data/hand/. The output is the
same bytes for the same inputs: every list is sorted by key, and conflicts are settled by fixed rules.

Output format (see Data/README.md): one entry a line, `key<TAB>country<TAB>kind`, sorted by the
UTF-8 bytes of the key, `-` for an unknown field. `letters.tsv` is `hex code point<TAB>replacement`.
"""

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Sources", "ExodusExtraction", "Data")
HAND = os.path.join(DATA, "hand")

KINDS = {"ngo", "media", "university", "government", "union", "hospital", "museum", "company", "sports", "research", "other"}

# ---------------------------------------------------------------------------------------------
# Normalisation. Gazetteer.swift implements the same rules; letters.tsv carries the only part that
# needs Unicode tables (precomposed letters to ASCII), so both sides agree by construction.

# Letters that NFKD does not take apart.
SPECIAL = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ŀ": "l", "Ŀ": "l",
    "ƒ": "f", "ɑ": "a", "ǝ": "e", "ə": "e", "Ə": "e",
}
# Deleted without a break: apostrophes and the full stop ("U.S." -> "us", "Women's" -> "womens").
DELETED = {"'", "’", "‘", "ʼ", "`", "´", "."}
# Code points that letters.tsv covers: Latin-1 Supplement to IPA Extensions, Latin Extended
# Additional, ligatures, and the punctuation above.
RANGES = [(0x00A0, 0x02AF), (0x1E00, 0x1EFF), (0xFB00, 0xFB06), (0x2018, 0x2019)]


def fold_char(c):
    """What one non-ASCII character becomes: ASCII letters/digits, "" (deleted) or " " (a break)."""
    if c in DELETED:
        return ""
    if c in SPECIAL:
        return SPECIAL[c]
    out = []
    for d in unicodedata.normalize("NFKD", c):
        if unicodedata.combining(d):
            continue
        d = SPECIAL.get(d, d)
        out.append(d.lower())
    s = "".join(out)
    if s and all(ch.isascii() and ch.isalnum() for ch in s):
        return s
    if not s or all(unicodedata.combining(ch) for ch in s):
        return ""
    return None  # not foldable: left to the general rule


def letters_table():
    rows = []
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            if unicodedata.category(c) == "Cn":
                continue
            f = fold_char(c)
            if f is None:
                continue
            rows.append((cp, f))
    return rows


LETTERS = dict((chr(cp), f) for cp, f in letters_table())


def normalise(name):
    """The key of a name: folded to ASCII, lower case, words split by single spaces, "&" read as
    "and", no leading "the". Returns None when a character cannot be folded to ASCII."""
    out = []
    for c in name:
        if c.isascii():
            if c.isalnum():
                out.append(c.lower())
            elif c in DELETED:
                pass
            elif c == "&":
                out.append(" and ")
            else:
                out.append(" ")
        elif unicodedata.combining(c):
            pass
        elif c in LETTERS:
            out.append(LETTERS[c])
        elif c.isalnum():
            return None
        else:
            out.append(" ")
    words = "".join(out).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) or None


# ---------------------------------------------------------------------------------------------
# Reading the fetched repositories.

def read(repo, path):
    """A file of a work tree or of a git directory (at HEAD)."""
    if os.path.exists(os.path.join(repo, path)):
        with open(os.path.join(repo, path), encoding="utf-8") as f:
            return f.read()
    return subprocess.run(["git", "--git-dir", repo, "show", "HEAD:" + path], check=True,
                          capture_output=True).stdout.decode("utf-8")


def list_files(repo):
    if os.path.isdir(os.path.join(repo, ".git")) or not os.path.exists(os.path.join(repo, "HEAD")):
        out = []
        for d, _, fs in os.walk(repo):
            if ".git" in d.split(os.sep):
                continue
            out += [os.path.relpath(os.path.join(d, f), repo) for f in fs]
        return sorted(out)
    names = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD"], check=True,
                           capture_output=True).stdout.decode("utf-8").split("\n")
    return sorted(n for n in names if n)


def hand_lines(name):
    with open(os.path.join(HAND, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                yield n, line


def strip_parens(s):
    return re.sub(r"\s*\([^)]*\)", "", s).strip()


# ---------------------------------------------------------------------------------------------
# Tables: key -> set of (country, kind) votes, then one value per key.

class Table:
    def __init__(self):
        self.votes = {}

    def add(self, name, country, kind, min_words=1):
        key = normalise(name)
        if key is None or len(key.split()) < min_words or len(key) < 2:
            return
        self.votes.setdefault(key, set()).add((country or "-", kind or "-"))

    def resolved(self):
        """One (country, kind) per key: a field on which the sources disagree becomes `-`; a key
        with neither field left is dropped (an ambiguous name gives no answer)."""
        out = {}
        for key, votes in self.votes.items():
            countries = {c for c, _ in votes}
            kinds = {k for _, k in votes}
            country = countries.pop() if len(countries) == 1 else "-"
            kind = kinds.pop() if len(kinds) == 1 else "-"
            if country != "-" or kind != "-":
                out[key] = (country, kind)
        return out


def write(name, rows, check):
    text = "".join(f"{k}\t{c}\t{kd}\n" for k, (c, kd) in sorted(rows.items()))
    return emit(name, text, check)


def emit(name, text, check):
    path = os.path.join(DATA, name)
    if check:
        with open(path, encoding="utf-8") as f:
            same = f.read() == text
        print(f"{name}: {'same' if same else 'DIFFERS'}")
        return same
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{name}: {text.count(chr(10))} entries, {len(text.encode('utf-8'))} bytes")
    return True


# ---------------------------------------------------------------------------------------------

def country_names(countries_repo):
    """ISO-2 code -> English names, and code -> capital, from datasets/country-codes."""
    rows = list(csv.DictReader(io.StringIO(read(countries_repo, "data/country-codes.csv"))))
    names, capitals = {}, {}
    for r in rows:
        code = r["ISO3166-1-Alpha-2"].strip()
        if not re.fullmatch(r"[A-Z]{2}", code):
            continue
        ns = []
        for field in ("CLDR display name", "UNTERM English Short", "official_name_en"):
            v = strip_parens(r.get(field) or "")
            if v and "," not in v:
                ns.append(v)
        names[code] = ns
        if r.get("Capital"):
            capitals[code] = r["Capital"].strip()
    return names, capitals


def demonyms():
    """hand/demonyms.txt: `CC: name, name, ...`."""
    t = Table()
    for n, line in hand_lines("demonyms.txt"):
        code, _, rest = line.partition(":")
        code = code.strip()
        assert re.fullmatch(r"[A-Z]{2}", code), f"demonyms.txt:{n}: bad code {code!r}"
        for v in rest.split(","):
            if v.strip():
                t.add(v.strip(), code, None)
    return t


def lexicon_words():
    """Every lower-case word of Lexicon/*.txt (cues, triggers, kinds, ...): common words."""
    words = set()
    lexicon = os.path.join(ROOT, "Sources", "ExodusExtraction", "Lexicon")
    for name in sorted(os.listdir(lexicon)):
        with open(os.path.join(lexicon, name), encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#"):
                    words.update(re.findall(r"\b[a-z]+\b", line.split(":", 1)[-1]))
    return words


def hand_places(name):
    """A hand list of `CC: name, name, ...` lines as a Table."""
    t = Table()
    for n, line in hand_lines(name):
        code, _, rest = line.partition(":")
        assert re.fullmatch(r"[A-Z]{2}", code.strip()), f"{name}:{n}: bad code {code!r}"
        for v in rest.split(","):
            if v.strip():
                t.add(v.strip(), code.strip(), None)
    return t


REGION_SUFFIX = re.compile(r"\s+(Region|County|Province|Oblast|Department|Governorate|State|District|Prefecture|Voivodeship)$")


def places(countries_repo, cities_repo, towns_repo, demonym_keys, stop_keys):
    names, capitals = country_names(countries_repo)
    by_name = {}
    for code, ns in names.items():
        for v in ns:
            by_name[v.lower()] = code
    # world-cities spells a few countries differently from the CLDR/UNTERM names.
    for line in hand_lines("country-aliases.txt"):
        name, _, code = line[1].rpartition(":")
        by_name[name.strip().lower()] = code.strip()

    hand_stop = set()
    for _, line in hand_lines("city-stoplist.txt"):
        hand_stop.update(normalise(w) for w in line.split(","))
    stop = set(stop_keys) | hand_stop

    cities = Table()
    regions = Table()
    unknown = set()
    for r in csv.DictReader(io.StringIO(read(cities_repo, "data/world-cities.csv"))):
        code = by_name.get(r["country"].strip().lower())
        if code is None:
            unknown.add(r["country"])
            continue
        cities.add(r["name"], code, None)
        regions.add(r["subcountry"], code, None)
        # "Kisumu County", "Waikato Region": the bare name is how text names it too.
        bare = REGION_SUFFIX.sub("", r["subcountry"])
        if bare != r["subcountry"]:
            regions.add(bare, code, None)
    if unknown:
        print("world-cities countries without a code (skipped):", ", ".join(sorted(unknown)), file=sys.stderr)
    # Smaller towns (more than 5,000 people) of Britain and Ireland, from a second GeoNames
    # extract: their local papers name market towns of 5,000 to 15,000 people ("Morpeth",
    # "Cockermouth") that the list of larger cities lacks. Only those two countries: elsewhere the
    # extra towns are mostly words and surnames ("August", "Keyes", "Band"). They only add names
    # that list lacks: a key it has keeps its answer, since a city of 15,000 is likelier meant
    # than a town of 5,000 of the same name.
    towns = Table()
    for r in csv.DictReader(io.StringIO(read(towns_repo, "world_cities_5000.csv"))):
        code = r["country"].strip()
        if code in ("GB", "IE"):
            towns.add(r["name"], code, None)
    large = {k: set(v) for k, v in cities.votes.items()}
    for key, votes in towns.votes.items():
        if key not in cities.votes:
            cities.votes[key] = set(votes)

    city_rows = {}
    for key, (country, _) in cities.resolved().items():
        # A city name is kept only when it names one country, is no common word or first name,
        # is not a demonym or country word (those have their own list), and is not too short.
        if country == "-" or key in stop or key in demonym_keys or len(key) < 4:
            continue
        city_rows[key] = (country, "-")
    out = {}
    # Countries and capitals win over any city of the same name.
    t = Table()
    for code, ns in names.items():
        for v in ns:
            t.add(v, code, None)
        # A capital that is also a common word or first name ("Victoria", "Kingston") is left out too.
        if code in capitals and normalise(capitals[code]) not in hand_stop:
            t.add(capitals[code], code, None)
    for key, v in t.resolved().items():
        if v[0] != "-":
            out[key] = v
    # First-level regions (a US state, a Canadian province, a German Land, a New Zealand region) of
    # one country, under the same rules as a city, that are no country, capital or city elsewhere
    # ("Sucre" is a Venezuelan state and Bolivia's capital). Their own file: the extractor counts
    # them toward a story's country, not inside names ("Tasman" is a region and a sea).
    region_rows = {}
    for key, (country, _) in regions.resolved().items():
        if country == "-" or key in stop or key in demonym_keys or len(key) < 4 or key in out:
            continue
        # "South West" (Cameroon), "Far North", "Upper East": names made only of compass and
        # size words name a part of any country in English text.
        if all(w in COMPASS_WORDS for w in key.split()):
            continue
        # (Against the larger cities only: a small town called "Vermont" or "Piedmont" abroad
        # does not unseat a state.)
        if any(c != country for c, _ in large.get(key, ())):
            continue
        region_rows[key] = (country, "-")
    # hand/regions.txt wins over the data set.
    for key, v in hand_places("regions.txt").resolved().items():
        region_rows[key] = v
    # hand/places.txt wins over both.
    h = hand_places("places.txt")
    for key, v in h.resolved().items():
        if v[0] != "-":
            out[key] = v
        else:
            out.pop(key, None)
    # A city that is also a country, capital or hand-listed place stays in places.tsv only.
    strong = set(out) | set(h.votes)
    return (out, {k: v for k, v in city_rows.items() if k not in strong},
            {k: v for k, v in region_rows.items() if k not in strong})


def universities(repo):
    t = Table()
    for u in json.loads(read(repo, "world_universities_and_domains.json")):
        code = (u.get("alpha_two_code") or "").strip().upper()
        if re.fullmatch(r"[A-Z]{2}", code):
            t.add(u["name"], code, "university", min_words=2)
    return t


CLUB_COUNTRY = {"eng": "GB", "sco": "GB", "wal": "GB", "nir": "GB", "kos": "XK"}


def clubs(repo, t):
    for path in list_files(repo):
        base = os.path.basename(path)
        m = re.fullmatch(r"([a-z]+)\.clubs\.txt", base)
        if not m:
            continue
        code = CLUB_COUNTRY.get(m.group(1), m.group(1).upper())
        if not re.fullmatch(r"[A-Z]{2}", code):
            continue
        for raw in read(repo, path).split("\n"):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip() or line.lstrip().startswith("=") or "//" in line:
                continue
            if line.lstrip().startswith("|"):
                names = line.strip().strip("|").split("|")
            elif not line[0].isspace() and not re.match(r"^[ivx]+\)", line):
                names = [line.split(",", 1)[0]]
            else:
                continue
            for name in names:
                name = re.sub(r"\[[a-z]+\]", "", name).strip()
                # Bare town names ("Arsenal", "Fulham") are places as often as clubs: keep names of
                # two or more words only.
                if name:
                    t.add(name, code, "sports", min_words=2)


def hand_organisations():
    """hand/organisations.txt: `CC kind: name, name, ...` (kind media, government, ...)."""
    t = Table()
    for n, line in hand_lines("organisations.txt"):
        head, _, rest = line.partition(":")
        code, kind = head.split()
        assert re.fullmatch(r"[A-Z]{2}|-", code), f"organisations.txt:{n}: bad code {code!r}"
        assert kind in KINDS, f"organisations.txt:{n}: bad kind {kind!r}"
        for v in rest.split(","):
            if v.strip():
                t.add(v.strip(), code, kind)
    return t


def headwords():
    """hand/headwords.txt: `kind: word, word, ...`; a word written `-word` also ends compounds
    ("Stadtbibliothek" ends in "-bibliothek"); its key keeps the leading `-`. A word spelled exactly
    as in Lexicon/kinds.txt is refused (the lexicon matches it already); a spelling the lexicon does
    not match ("rádio", "théâtre") is welcome."""
    # The English kind words of the lexicon, which this list must not repeat.
    english = set()
    with open(os.path.join(ROOT, "Sources", "ExodusExtraction", "Lexicon", "kinds.txt"), encoding="utf-8") as f:
        for line in f:
            if ":" in line and not line.startswith("#"):
                english.update(w.strip().lower() for w in line.split(":", 1)[1].split(","))
    out = {}
    for n, line in hand_lines("headwords.txt"):
        kind, _, rest = line.partition(":")
        kind = kind.strip()
        assert kind in KINDS, f"headwords.txt:{n}: bad kind {kind!r}"
        for v in rest.split(","):
            v = v.strip()
            if not v:
                continue
            suffix = v.startswith("-")
            key = normalise(v.lstrip("-"))
            assert key, f"headwords.txt:{n}: empty word"
            key = "-" + key if suffix else key
            assert out.get(key, ("-", kind))[1] == kind, f"headwords.txt:{n}: {v!r} has two kinds"
            assert suffix or v.lower() not in english, f"headwords.txt:{n}: {v!r} is already in Lexicon/kinds.txt"
            out[key] = ("-", kind)
    return out


# Words that alone make a region's name generic: "South West", "Centre Nord", "Eastern Region".
COMPASS_WORDS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern", "southern",
    "eastern", "western", "central", "centre", "center", "far", "upper", "lower", "mid", "middle", "inner", "outer",
    "greater", "nord", "sud", "est", "ouest", "region", "province", "district", "highlands", "lowlands",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--universities", required=True)
    ap.add_argument("--countries", required=True)
    ap.add_argument("--cities", required=True)
    ap.add_argument("--towns", required=True)
    ap.add_argument("--clubs", required=True)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()

    dem = demonyms().resolved()
    orgs = universities(a.universities)
    clubs(a.clubs, orgs)
    org_rows = orgs.resolved()
    # The hand list is authoritative for the names it has.
    org_rows.update(hand_organisations().resolved())

    ok = True
    ok &= emit("letters.tsv", "".join(f"{cp:05X}\t{f}\n" for cp, f in sorted(letters_table())), a.check)
    ok &= write("demonyms.tsv", dem, a.check)
    heads = headwords()
    # Words that many countries' organisation names share ("union", "federal") are no place.
    countries_of_word = {}
    for key, (country, _) in org_rows.items():
        for w in set(key.split()):
            countries_of_word.setdefault(w, set()).add(country)
    generic = {w for w, cs in countries_of_word.items() if len(cs) >= 4}
    stop_keys = lexicon_words() | {k.lstrip("-") for k in heads} | generic
    strong, cities, regions = places(a.countries, a.cities, a.towns, set(dem), stop_keys)
    ok &= write("places.tsv", strong, a.check)
    ok &= write("cities.tsv", cities, a.check)
    ok &= write("regions.tsv", regions, a.check)
    ok &= write("organisations.tsv", org_rows, a.check)
    ok &= write("headwords.tsv", heads, a.check)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
