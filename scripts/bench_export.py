#!/usr/bin/env python3
"""`make bench`: exporting one 100-goal plan as html, markdown, text (and json, csv), in-process
(spiral-export-bench), as `spiral export` does once the plan is open. The plan is written by
spiral-plan-generator --goals 100: a family's kiosk answers, then 100 goals agreed and rated at
three reviews each."""
import argparse
import glob
import json
import os
import re
import subprocess
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--generator", required=True)
    parser.add_argument("--export-bench", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        store = os.path.join(work, "plans")
        subprocess.run([options.generator, "--count", "1", "--goals", "100", "--languages", "en", "--store", store,
                        "--quiet"], check=True)
        plan = [p for p in glob.glob(os.path.join(store, "*.json")) if not os.path.basename(p).startswith(".")][0]
        out = subprocess.run([options.export_bench, plan, "--rounds", str(options.rounds)], capture_output=True,
                             text=True, check=True).stdout
    result = {"goals": int(re.search(r"goals (\d+)", out).group(1)), "formats": {}}
    for fmt, median, least, size in re.findall(r"format (\w+) median_ms ([\d.]+) min_ms ([\d.]+) bytes (\d+)", out):
        result["formats"][fmt] = {"median_ms": float(median), "min_ms": float(least), "bytes": int(size)}
    with open(options.json, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
