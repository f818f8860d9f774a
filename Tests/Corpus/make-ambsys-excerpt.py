#!/usr/bin/env python3
"""Writes nhse/ambsys/AmbSYS-to-Jan-2021-excerpt.csv from the full AmbSYS CSV in ../shared:
the header and every row of six whole months, byte for byte, in the published order.
   python3 Tests/Corpus/make-ambsys-excerpt.py ../shared/data/nhse/ambsys/AmbSYS-to-Jan-2021.csv"""
import os, sys

MONTHS = {(2017, 8), (2017, 12), (2020, 10), (2020, 11), (2020, 12), (2021, 1)}
source = sys.argv[1]
lines = open(source, "rb").read().split(b"\n")
rows = [lines[0]] + [l for l in lines[1:] if l and tuple(int(x) for x in l.split(b",")[:2]) in MONTHS]
target = os.path.join(os.path.dirname(__file__), "nhse/ambsys/AmbSYS-to-Jan-2021-excerpt.csv")
open(target, "wb").write(b"\n".join(rows) + b"\n")
print(f"{target}: {len(rows) - 1} rows")
