#!/usr/bin/env python3
"""Turns the results of `make bench` (.build/bench/*.json and the package-benchmark markdown)
into docs/benchmarks.md: the machine, each target with its figure and whether it was met, and
every measurement. Usage: bench_report.py RESULTS_DIR > docs/benchmarks.md"""
import datetime
import json
import os
import platform
import re
import subprocess
import sys


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def version(package):
    return sh(f"dpkg-query -W -f='${{Version}}' {package} 2>/dev/null") or "?"


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem / 1024 / 1024:.0f} GiB",
        f"- System: {sh('. /etc/os-release && echo $PRETTY_NAME')}, Linux {platform.release()}",
        f"- Swift: {sh('swift --version 2>&1 | head -1')}",
        "- Debian packages: " + ", ".join(f"{p} {version(p)}" for p in ("libicu72", "libreadline8", "dialog")),
        f"- Run: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}",
    ]


def in_process(markdown):
    """{benchmark: {metric: p50}} from package-benchmark's markdown output."""
    table, name = {}, None
    for line in markdown.splitlines():
        if line.startswith("### "):
            name = line[4:].strip()
            table[name] = {}
        elif name and line.startswith("| ") and not line.startswith("| Metric"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) >= 4 and cells[3]:
                table[name][cells[0]] = cells[3]  # p50 (cells: metric, p0, p25, p50, ...)
    return table


def ok(met):
    return "met" if met else "**missed**"


def main():
    d = sys.argv[1]
    startup = json.load(open(os.path.join(d, "startup.json")))
    scale = json.load(open(os.path.join(d, "scale.json")))
    md_path = os.path.join(d, "in-process.md")
    markdown = open(md_path, encoding="utf-8").read() if os.path.exists(md_path) else ""
    ip = in_process(markdown)
    s = startup["startup"]
    kiosk_name = next((k for k in s if k == "spiral kiosk (static)"), next(k for k in s if k.startswith("spiral kiosk")))
    kiosk = s[kiosk_name]["median_ms"]
    dialog = s.get("dialog --inputbox", {}).get("median_ms")
    floor = s["/bin/true"]["median_ms"]
    mem = startup.get("memory", {})
    sizes = scale["sizes"]
    big = sizes[max(sizes, key=int)]
    review10k = big["review_warm"]["median_ms"]

    def per_plan(key):
        """Marginal cost per plan over the lower and the upper step of sizes: growing no worse
        than linearly means the upper step costs no more per plan than the lower one (with
        room for timing noise, which dominates at 100 plans)."""
        ns = sorted(sizes, key=int)
        lo, mid, hi = ns[0], ns[len(ns) // 2], ns[-1]
        a = (sizes[mid][key]["median_ms"] - sizes[lo][key]["median_ms"]) / (int(mid) - int(lo))
        b = (sizes[hi][key]["median_ms"] - sizes[mid][key]["median_ms"]) / (int(hi) - int(mid))
        return a, b, f"{int(lo):,} to {int(mid):,}", f"{int(mid):,} to {int(hi):,}"

    out = ["# Benchmarks", "",
           "Written by `make bench` (scripts/bench.sh); do not edit by hand. Benchmarks are never part of",
           "`make test`: nothing here can fail a build. Figures are medians unless said otherwise.", "",
           "## Machine", ""] + machine() + ["", "## Targets", "",
           "| target | figure | |", "|:--|:--|:--|"]
    if dialog:
        out.append(f"| first prompt ≤ 3× `dialog --inputbox` drawing its first box (same run) | "
                   f"{kiosk:.1f} ms vs {dialog:.1f} ms = {kiosk / dialog:.1f}× | {ok(kiosk <= 3 * dialog)} |")
    out.append(f"| first prompt ≤ 15 ms (foundation issue) | {kiosk:.1f} ms | {ok(kiosk <= 15)} |")
    if mem:
        worst = max(mem["session"]["max_rss_mb"], mem["session_with_pin"]["max_rss_mb"])
        out.append(f"| peak memory of a kiosk session ≤ 30 MB | {mem['session']['max_rss_mb']:.1f} MB "
                   f"({mem['session_with_pin']['max_rss_mb']:.1f} MB with a PIN) | {ok(worst <= 30)} |")
    out.append(f"| `review --list` at {int(max(sizes, key=int)):,} plans ≤ 300 ms | {review10k:.0f} ms (index up to date); "
               f"{big['review_cold']['median_ms'] / 1000:.1f} s when every plan is parsed | {ok(review10k <= 300)} |")
    for key, label in (("review_warm", "`review --list`"), ("export_csv_warm", "`export --all --format csv`")):
        a, b, lower, upper = per_plan(key)
        ns = sorted(sizes, key=int)
        mid, hi = ns[len(ns) // 2], ns[-1]
        growth = sizes[hi][key]["median_ms"] / sizes[mid][key]["median_ms"]
        # Linear (with a fixed start-up cost) grows by at most the ratio of the sizes; anything
        # worse than linear grows by more. Marginal costs are shown too, but at 100 plans they
        # are within the timing noise.
        out.append(f"| {label} grows no worse than linearly | {int(hi):,} plans take {growth:.1f}× as long as "
                   f"{int(mid):,} (linear: at most {int(hi) / int(mid):.0f}×); {a * 1000:.0f} µs more per plan from "
                   f"{lower}, {b * 1000:.0f} µs from {upper} | {ok(growth <= int(hi) / int(mid))} |")
    speech_path = os.path.join(d, "speech.json")
    if os.path.exists(speech_path):
        sp = json.load(open(speech_path))["key_to_player_ms"]
        out.append(f"| read-aloud key to the player starting ≤ 200 ms median (read-aloud issue) | {sp['median_ms']:.0f} ms "
                   f"(min {sp['min_ms']:.0f}, max {sp['max_ms']:.0f}, {sp['runs']} presses) | {ok(sp['median_ms'] <= 200)} |")
    sealed = scale.get("sealed")
    if sealed:
        w, c, u = sealed["review_warm"]["median_ms"], sealed["review_cold"]["median_ms"], sealed["unlock"]["median_ms"]
        out.append(f"| sealed: `review --list` at {sealed['plans']:,} plans ≤ 500 ms warm, ≤ 3 s cold (sealing issue) | "
                   f"{w:.0f} ms warm, {c / 1000:.1f} s cold (each including {u:.0f} ms to unlock the key) | {ok(w <= 500 and c <= 3000)} |")
    plain_save = ip.get("PlanStore.update (kiosk save after an answer)", {}).get("Time (wall clock) (μs) *")
    sealed_save = ip.get("PlanStore.update sealed (kiosk save after an answer)", {}).get("Time (wall clock) (μs) *")
    if plain_save and sealed_save:
        extra = (int(sealed_save) - int(plain_save)) / 1000
        out.append(f"| sealing adds ≤ 1 ms to a save (median; sealing issue) | {extra:+.2f} ms "
                   f"({int(plain_save) / 1000:.2f} ms plain, {int(sealed_save) / 1000:.2f} ms sealed) | {ok(extra <= 1)} |")
    save = ip.get("PlanStore.update (kiosk save after an answer)", {}).get("Time (wall clock) (μs) *")
    if save:
        out.append(f"| saving after an answer ≤ 5 ms (foundation issue) | {int(save) / 1000:.2f} ms (lock, re-read, write, fsync, rename, fsync dir) | {ok(int(save) <= 5000)} |")

    # The start-up, size and text issue's table, each figure from this run.
    text_path = os.path.join(d, "text.json")
    text = json.load(open(text_path)) if os.path.exists(text_path) else {}
    if dialog:
        out.append(f"| first kiosk screen ≤ 1.5× `dialog --inputbox` (start-up issue, same run; supervised, as `make kiosk` runs it) | "
                   f"{kiosk:.1f} ms vs {dialog:.1f} ms = {kiosk / dialog:.2f}× | {ok(kiosk <= 1.5 * dialog)} |")
        single = next((r["median_ms"] for k, r in s.items() if k.startswith("spiral kiosk --once")), None)
        if single:
            out.append(f"| the same, one family in the kiosk's own process (`--once`) | "
                       f"{single:.1f} ms vs {dialog:.1f} ms = {single / dialog:.2f}× | {ok(single <= 1.5 * dialog)} |")
    if "kiosk_binary_mb" in text:
        out.append(f"| kiosk binary ≤ 30 MB (start-up issue; the static build `make kiosk` runs) | "
                   f"{text['kiosk_binary_mb']:.0f} MB | {ok(text['kiosk_binary_mb'] <= 30)} |")
    if mem:
        worst = max(mem["session"]["max_rss_mb"], mem["session_with_pin"]["max_rss_mb"])
        out.append(f"| peak memory of a kiosk session ≤ 20 MB (start-up issue) | {worst:.1f} MB | {ok(worst <= 20)} |")
    if "wrap_10000_lines_ms" in text:
        instructions = text.get("wrap_1000_lines_instructions")
        counted = f"; {instructions / 1e6:.0f} M instructions for 1,000 lines (callgrind)" if instructions else ""
        out.append(f"| wrap and measure 10,000 lines of mixed scripts ≤ 60 ms (start-up issue) | "
                   f"{text['wrap_10000_lines_ms']:.0f} ms{counted} | {ok(text['wrap_10000_lines_ms'] <= 60)} |")
    export_path = os.path.join(d, "export.json")
    exports = json.load(open(export_path)).get("formats", {}) if os.path.exists(export_path) else {}
    for fmt in ("html", "markdown", "text"):
        t = exports.get(fmt, {}).get("median_ms")
        if t is None:
            us = ip.get(f"Export a 100-goal plan: {fmt}", {}).get("Time (wall clock) (μs) *")
            t = int(us) / 1000 if us else None
        if t is not None:
            out.append(f"| export a 100-goal plan as {fmt} ≤ 10 ms (start-up issue; spiral-export-bench) | {t:.1f} ms | {ok(t <= 10)} |")
    cold = big["review_cold"]["median_ms"]
    out.append(f"| `review --list` at {int(max(sizes, key=int)):,} plans, index lost, ≤ 1.5 s (start-up issue) | "
               f"{cold / 1000:.1f} s | {ok(cold <= 1500)} |")
    out.append("| a 200,000-character paste at a prompt: linear, next key within 1 s (start-up issue) | "
               "not measured by `make bench` | — |")

    out += ["", "## Start-up: from `exec` to the first prompt on screen", "",
            "Each command in a new 80×24 pseudo-terminal, interleaved in a shuffled order after warm-up runs",
            "(scripts/bench_startup.py). The kiosk is ready when its prompt mark is drawn after the whole",
            "language screen; `dialog` when the bottom-right corner of its box is drawn; `/bin/true` when it",
            "exits (the floor: fork and exec). The kiosk runs as `make kiosk` runs it, supervised (each family's",
            "session in a process of its own), but for the `--once` row (one family, in the kiosk's own process).",
            "Each kiosk build keeps its own cache folder across its runs, as",
            "a kiosk machine does (the notes that spare a start re-reading the language files name the",
            "program that wrote them); *first start* has an empty one at every run, as after installing or",
            "upgrading.", "",
            "| command | median | p90 | min | max | runs |", "|:--|--:|--:|--:|--:|--:|"]
    for name, r in s.items():
        out.append(f"| {name} | {r['median_ms']:.2f} ms | {r['p90_ms']:.2f} ms | {r['min_ms']:.2f} ms | {r['max_ms']:.2f} ms | {r['runs']} |")
    if mem:
        out += ["", f"Peak memory (GNU time, maximum resident set) of a kiosk session that answers the first "
                f"{len(mem['session']['steps']) - 2} questions and leaves with Ctrl-D: "
                f"{mem['session']['max_rss_mb']:.1f} MB; with a PIN chosen (scrypt): {mem['session_with_pin']['max_rss_mb']:.1f} MB."]

    out += ["", "## A growing store: `review --list` and `export --all --format csv`", "",
            f"Stores made by `spiral-plan-generator` (realistic plans in every shipped language, "
            f"{scale['plan_bytes_mean'] / 1024:.0f} KB per plan on average; scripts/bench_scale.py). "
            "*Warm*: the store's list index is up to date, as on every listing after the first. *Cold*: the "
            "index deleted first, so every plan file is parsed (after a restore from backup, say).", "",
            "| plans | review --list (warm) | review --list (cold) | export --all csv (warm) | search \"nguyen\" | peak memory (review) |",
            "|--:|--:|--:|--:|--:|--:|"]
    for n in sorted(sizes, key=int):
        r = sizes[n]
        out.append(f"| {int(n):,} | {r['review_warm']['median_ms']:.0f} ms | {r['review_cold']['median_ms']:.0f} ms | "
                   f"{r['export_csv_warm']['median_ms']:.0f} ms | {r['search_warm']['median_ms']:.0f} ms | {r['review_peak_kb'] / 1024:.1f} MB |")

    if ip:
        out += ["", "## In-process (package-benchmark, release)", "",
                "From `swift package --package-path Benchmarks benchmark`; p50 of each benchmark's samples.", "",
                "| benchmark | wall clock (p50) | mallocs (p50) | resident peak |", "|:--|--:|--:|--:|"]
        for name, m in ip.items():
            wall = next((v + " " + re.findall(r"\(([^()]*)\)", k)[-1] for k, v in m.items() if k.startswith("Time (wall clock)")), "")
            mallocs = next((v + (" K" if "(K)" in k else "") for k, v in m.items() if k.startswith("Malloc")), "")
            peak = next((v + " " + re.findall(r"\(([^()]*)\)", k)[-1] + "B" for k, v in m.items() if k.startswith("Memory (resident peak)")), "")
            out.append(f"| {name} | {wall} | {mallocs} | {peak} |")
    out += ["", "## Notes", ""]
    notes_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_notes.md")
    if os.path.exists(notes_path):
        out += open(notes_path, encoding="utf-8").read().rstrip().splitlines()
    print("\n".join(out))


if __name__ == "__main__":
    main()
