#!/usr/bin/env python3
"""Sorts sample file paths (one per line on stdin) by the month their published name gives
(MSitAE-APRIL-2024.csv, Full-CSV-data-file-Apr24-ZIP.zip, ...-Provider-April-2024.xls, a cancer
extract's last month in CWT-CRS-Feb-2024-to-Apr-2024-...). With --with-month prints
"YYYY-MM<TAB>path". Files with no month in the name (the AmbSYS to-date file) come last."""
import re
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
PATTERN = re.compile(r"(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-?(\d{4}|\d{2})(?!\d)", re.I)


def month(path):
    name = path.rsplit("/", 1)[-1]
    if name.lower().startswith("ambsys"):
        return None
    found = PATTERN.findall(name)
    if not found:
        return None
    word, year = found[-1]
    y = int(year) if len(year) == 4 else 2000 + int(year)
    return (y, MONTHS[word[:3].lower()])


paths = [line.strip() for line in sys.stdin if line.strip()]
keyed = sorted(paths, key=lambda p: (month(p) is None, month(p) or (0, 0), p))
for p in keyed:
    m = month(p)
    if "--with-month" in sys.argv:
        print(f"{m[0]:04d}-{m[1]:02d}\t{p}" if m else f"-\t{p}")
    else:
        print(p)
