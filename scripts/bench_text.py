#!/usr/bin/env python3
"""`make bench`: the kiosk binary's size, and the text layer: 10,000 lines of mixed scripts
wrapped to 40 columns and measured (spiral-text-bench), as wall-clock time (median of rounds)
and, when valgrind is installed, as instructions counted by callgrind for 1,000 lines: steady
on a noisy machine, so a change to the text layer shows even when the clock cannot."""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--static", required=True, help="the binary make kiosk runs")
    parser.add_argument("--text-bench", required=True)
    parser.add_argument("--json", required=True)
    options = parser.parse_args()
    result = {"kiosk_binary_mb": os.path.getsize(options.static) / 1e6}
    out = subprocess.run([options.text_bench, "--rounds", "9"], capture_output=True, text=True, check=True).stdout
    fields = dict(re.findall(r"(\w+) ([\d.]+)", out))
    result["wrap_10000_lines_ms"] = float(fields["median_ms"])
    result["wrap_columns"] = int(fields["columns"])
    if shutil.which("valgrind"):
        with tempfile.TemporaryDirectory() as work:
            # Valgrind 3.19 cannot read the Swift toolchain's debug information: count a copy without it.
            stripped = os.path.join(work, "spiral-text-bench")
            shutil.copy(options.text_bench, stripped)
            subprocess.run(["strip", "-g", stripped], check=True)
            run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/out", stripped,
                                  "--rounds", "1", "--lines", "1000"], capture_output=True, text=True)
            match = re.search(r"Collected : (\d+)", run.stderr)
            if match:
                result["wrap_1000_lines_instructions"] = int(match.group(1))
    with open(options.json, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
