#!/usr/bin/env python3
"""Compares the DuckDB peer's members with a segment-batch run: scripts/bench --check-peer.

    scripts/bench-check-peer.py <job.json> <report.json> <peer members.csv>

For every filter segment of the job: the member count (the report's customers_count against the peer's
rows), and then, static segment by static segment, the members themselves in order (the run's
segments/<seg id>.csv against the peer's rows of that chunk). Prints every segment that differs and exits
with 1 if any does. Streams the peer's file (sorted by segment, then identity), one chunk in memory at a time.
"""
import csv
import itertools
import json
import os
import sys


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    job_file, report_file, members_file = sys.argv[1:]
    with open(job_file, encoding="utf-8") as f:
        job = json.load(f)
    with open(report_file, encoding="utf-8") as f:
        report = json.load(f)
    run_dir = os.path.dirname(report_file)
    by_name = {entry["segment"]["name"]: entry for entry in report["segments"]}
    names = [segment["name"] for segment in job["segments"]]

    counts, differing_chunks, checked_chunks = {}, {}, 0
    with open(members_file, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for (segment, chunk), members in itertools.groupby(rows, key=lambda row: (int(row[0]), int(row[1]))):
            members = [(row[2], row[3]) for row in members]
            counts[segment] = counts.get(segment, 0) + len(members)
            entry = by_name.get(names[segment - 1])
            statics = entry.get("static_segments", []) if entry else []
            if chunk > len(statics):
                differing_chunks.setdefault(segment, []).append(f"chunk {chunk} not in the run")
                continue
            with open(os.path.join(run_dir, statics[chunk - 1]["file"]), encoding="utf-8", newline="") as s:
                theirs = [(row[0], row[1]) for row in itertools.islice(csv.reader(s), 1, None)]
            checked_chunks += 1
            if theirs != members:
                first = next((i for i, (a, b) in enumerate(zip(theirs, members)) if a != b), min(len(theirs), len(members)))
                differing_chunks.setdefault(segment, []).append(
                    f"chunk {chunk}: {len(theirs)} vs {len(members)} members, first difference at member {first + 1}")

    differing = 0
    for number, name in enumerate(names, start=1):
        entry = by_name.get(name)
        theirs = entry["customers_count"] if entry else None
        ours = counts.get(number, 0)
        if theirs != ours or number in differing_chunks:
            differing += 1
            print(f"segment {number} {name!r}: segment-batch {theirs}, peer {ours}"
                  + "".join(f"\n    {line}" for line in differing_chunks.get(number, [])))
    if differing:
        print(f"check-peer: {differing} of {len(names)} segments differ")
        sys.exit(1)
    print(f"check-peer: all {len(names)} segments match: member counts, and {checked_chunks} static segments "
          f"member for member in order ({sum(counts.values())} memberships)")


if __name__ == "__main__":
    main()
