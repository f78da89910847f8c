#!/usr/bin/env python3
"""Splits the objectivity corpus into a development set and a hold-out, deterministically.

The split was made once, before any rule was tuned on the corpus. It pools both files, groups the sentences by
context, label and category, orders each group by a salted SHA-256 of the sentence (a seeded shuffle that does
not depend on any language's random number generator) and deals the group out alternately, so both files get
about half of every context, label and category.

    python3 split-corpus.py           # checks that the files are exactly the seeded split of their pooled sentences
    python3 split-corpus.py --write   # rewrites both files as that split

Once sentences have been moved from the hold-out to development (see README.md), the files are no longer the
seeded split and --write must not be run again: it would put moved sentences back into the hold-out.
"""

import hashlib
import pathlib
import sys

SEED = "caseload-objectivity-corpus-2026-12"
HERE = pathlib.Path(__file__).resolve().parent
DEVELOPMENT = HERE / "corpus-development.tsv"
HOLDOUT = HERE / "corpus-holdout.tsv"
HEADER = "label\tcategory\tcontext\tsentence"
CONTEXTS = ["early-help", "childrens-social-care", "careers-iag", "send", "youth-work"]


def read(path):
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != HEADER:
        sys.exit(f"{path.name}: the first line must be the header: {HEADER!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        columns = line.split("\t")
        if len(columns) != 4:
            sys.exit(f"{path.name} line {number}: expected 4 tab-separated columns, found {len(columns)}")
        rows.append(tuple(columns))
    return rows


def shuffle_key(row):
    return hashlib.sha256(f"{SEED}\t{row[3]}".encode("utf-8")).hexdigest()


def split(rows):
    groups = {}
    for row in rows:
        label, category, context, _ = row
        groups.setdefault((CONTEXTS.index(context), label != "opinion", category), []).append(row)
    development, holdout = [], []
    next_to_holdout = True  # carried across groups so odd-sized groups do not all favour one file
    for key in sorted(groups):
        for row in sorted(groups[key], key=shuffle_key):
            (holdout if next_to_holdout else development).append(row)
            next_to_holdout = not next_to_holdout
    return development, holdout


def render(rows):
    return "\n".join([HEADER] + ["\t".join(row) for row in rows]) + "\n"


def main():
    pooled = read(DEVELOPMENT) + read(HOLDOUT)
    texts = [row[3] for row in pooled]
    if len(set(texts)) != len(texts):
        sys.exit("a sentence appears more than once across the two files")
    development, holdout = split(pooled)
    if "--write" in sys.argv[1:]:
        DEVELOPMENT.write_text(render(development), encoding="utf-8")
        HOLDOUT.write_text(render(holdout), encoding="utf-8")
        print(f"wrote {len(development)} development and {len(holdout)} hold-out sentences")
        return
    same = (DEVELOPMENT.read_text(encoding="utf-8") == render(development)
            and HOLDOUT.read_text(encoding="utf-8") == render(holdout))
    print(("the files are" if same else "the files are NOT") + f" the seeded split of their {len(pooled)} sentences")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
