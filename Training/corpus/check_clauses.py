#!/usr/bin/env python3
"""Check the labelled clause files in Training/corpus/clauses/ (stdlib only).

Each non-comment, non-blank line is  LABEL<TAB>ORGANISATION<TAB>SENTENCE  where
LABEL is left|suspended|announced|none and ORGANISATION occurs verbatim in SENTENCE.

Checks: three fields, valid label, non-empty organisation that is a substring of the
sentence, no duplicate lines (across all files), no (organisation, sentence) pair with two
different labels, sentence length 8-45 words, no stray whitespace.
Prints counts per label and per file; exits 1 on any error.

Usage: python3 check_clauses.py [DIR_OR_FILES ...]   (default: clauses/ next to this script)
"""
import collections
import os
import sys

LABELS = ("left", "suspended", "announced", "none")
MIN_WORDS, MAX_WORDS = 8, 45


def files_from(args):
    if not args:
        args = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "clauses")]
    out = []
    for a in args:
        if os.path.isdir(a):
            out += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".tsv"))
        else:
            out.append(a)
    return out


def main(argv):
    errors = []
    seen_lines = {}
    seen_pairs = {}
    total = collections.Counter()
    per_file = {}
    for path in files_from(argv[1:]):
        counts = collections.Counter()
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as fh:
            for no, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                where = "%s:%d" % (name, no)
                if line.endswith("\r"):
                    errors.append(where + ": CR line ending")
                    line = line.rstrip("\r")
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 3:
                    errors.append("%s: expected 3 tab-separated fields, got %d" % (where, len(parts)))
                    continue
                label, org, sent = parts
                if label not in LABELS:
                    errors.append("%s: bad label %r" % (where, label))
                if not org or org != org.strip():
                    errors.append("%s: empty or padded organisation %r" % (where, org))
                if sent != sent.strip() or "  " in sent:
                    errors.append("%s: stray whitespace in sentence" % where)
                if org and org not in sent:
                    errors.append("%s: organisation %r not in sentence" % (where, org))
                n = len(sent.split())
                if not MIN_WORDS <= n <= MAX_WORDS:
                    errors.append("%s: sentence has %d words (want %d-%d)" % (where, n, MIN_WORDS, MAX_WORDS))
                if line in seen_lines:
                    errors.append("%s: duplicate of %s" % (where, seen_lines[line]))
                else:
                    seen_lines[line] = where
                key = (org, sent)
                if key in seen_pairs and seen_pairs[key][0] != label:
                    errors.append("%s: conflicting label %s vs %s at %s" % (where, label, seen_pairs[key][0], seen_pairs[key][1]))
                else:
                    seen_pairs.setdefault(key, (label, where))
                counts[label] += 1
        per_file[name] = counts
        total.update(counts)

    for name, c in per_file.items():
        print("%-28s %5d  " % (name, sum(c.values())) + "  ".join("%s=%d" % (l, c[l]) for l in LABELS))
    n = sum(total.values())
    print("-" * 60)
    print("TOTAL %d clauses, %d distinct sentences" % (n, len({s for _, s in seen_pairs})))
    for l in LABELS:
        print("  %-10s %5d  %5.1f%%" % (l, total[l], 100.0 * total[l] / n if n else 0))
    pos = n - total["none"]
    print("  positives  %5d  %5.1f%%" % (pos, 100.0 * pos / n if n else 0))
    if errors:
        print("\n%d error(s):" % len(errors))
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
