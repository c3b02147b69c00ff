#!/usr/bin/env python3
"""How `spiral review --list` and `spiral export --all --format csv` grow with the store.

Generates one store of the largest size with spiral-plan-generator (realistic plans in every
shipped language), takes the first 100 and 1,000 of its plans as the smaller stores, then times
each command as a whole process, median of many runs:

  cold   the store's list index (.index.tsv) deleted before each run: every plan file is parsed,
         as on the first listing after a restore from backup
  warm   the index up to date, as on every later listing

Peak memory (GNU time's maximum resident set) is taken from one warm run at each size.
This is a benchmark, never a test: it prints numbers and exits 0 unless something could not run.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(argv, runs, before=None):
    samples = []
    for _ in range(runs):
        if before:
            before()
        t0 = time.perf_counter()
        out = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append((time.perf_counter() - t0) * 1000)
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {out.stderr.decode()[-400:]}")
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "max_ms": max(samples), "runs": runs}


def peak_kb(argv):
    with tempfile.NamedTemporaryFile(mode="r", suffix=".txt") as report:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return int(open(report.name).read().strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spiral", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--runs", type=int, default=15, help="warm runs per command and size")
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--work", help="where to keep the generated stores (default: a temporary folder)")
    ap.add_argument("--json")
    args = ap.parse_args()

    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = args.work or tempfile.mkdtemp(prefix="spiral-bench-stores-")
    biggest = os.path.join(work, f"plans-{sizes[-1]}")
    if not os.path.isdir(biggest) or len([f for f in os.listdir(biggest) if f.endswith(".json")]) != sizes[-1]:
        shutil.rmtree(biggest, ignore_errors=True)
        print(f"generating {sizes[-1]} plans…", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run([args.generator, "--count", str(sizes[-1]), "--store", biggest, "--quiet"], check=True)
        print(f"  {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    plans = sorted(f for f in os.listdir(biggest) if f.endswith(".json"))
    stores = {}
    for n in sizes:
        if n == sizes[-1]:
            stores[n] = biggest
            continue
        d = os.path.join(work, f"plans-{n}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d, mode=0o700)
        for name in plans[:n]:
            shutil.copyfile(os.path.join(biggest, name), os.path.join(d, name))
        stores[n] = d

    results = {"sizes": {}, "plan_bytes_mean": statistics.fmean(os.path.getsize(os.path.join(biggest, p)) for p in plans)}
    for n in sizes:
        store = stores[n]
        index = os.path.join(store, ".index.tsv")

        def drop_index():
            if os.path.exists(index):
                os.remove(index)

        review = [args.spiral, "review", "--list", "--store", store]
        export = [args.spiral, "export", "--all", "--format", "csv", "--store", store]
        search = [args.spiral, "review", "--list", "--search", "nguyen", "--store", store]
        row = {
            "review_cold": timed(review, args.cold_runs, before=drop_index),
            "review_warm": timed(review, args.runs),
            "export_csv_warm": timed(export, args.runs),
            "search_warm": timed(search, args.runs),
            "review_peak_kb": peak_kb(review),
            "export_peak_kb": peak_kb(export),
        }
        results["sizes"][str(n)] = row
        print(f"{n:>6} plans: review --list {row['review_warm']['median_ms']:7.1f} ms warm, "
              f"{row['review_cold']['median_ms']:8.1f} ms cold; export --all csv {row['export_csv_warm']['median_ms']:7.1f} ms; "
              f"search {row['search_warm']['median_ms']:7.1f} ms; peak {row['review_peak_kb'] / 1024:.1f} MB")
    results["sealed"] = sealed_listing(args, biggest, work)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)


def sealed_listing(args, plain_store, work):
    """The largest store sealed (`spiral keys init --seal-existing`, as a centre would), then
    `review --list` with the centre key: warm (the practitioner's sealed cache up to date) and
    cold (the cache deleted: every plan's sealed listing opened). The key's unlock (scrypt, once
    per run) is timed alone on an empty sealed store, since it is in every figure."""
    sealed = os.path.join(work, "sealed")
    shutil.rmtree(sealed, ignore_errors=True)
    shutil.copytree(plain_store, os.path.join(sealed, "plans"))
    store, config, key = os.path.join(sealed, "plans"), os.path.join(sealed, "centre.json"), os.path.join(sealed, "centre-key")
    phrase = os.path.join(sealed, "passphrase")
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.copy(os.path.join(here, "..", "Config", "centre.json"), config)
    with open(phrase, "w") as f:
        f.write("bench key passphrase\n")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(sealed, "cache"))
    t0 = time.perf_counter()
    subprocess.run([args.spiral, "keys", "init", "--seal-existing", "--config", config, "--key-file", key, "--store", store],
                   input=b"bench key passphrase\nbench key passphrase\n", env=env, check=True, stdout=subprocess.DEVNULL)
    seal_s = time.perf_counter() - t0
    empty = os.path.join(sealed, "empty")
    os.makedirs(empty, mode=0o700)
    unlock = [args.spiral, "review", "--list", "--config", config, "--key-file", key, "--key-passphrase-file", phrase]
    review = unlock + ["--store", store]
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]

    def drop_cache():
        shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
    row = {
        "plans": len([f for f in os.listdir(store) if f.endswith(".json")]),
        "seal_existing_s": seal_s,
        "unlock": timed(unlock + ["--store", empty], 5),
        "review_cold": timed(review, args.cold_runs, before=drop_cache),
        "review_warm": timed(review, args.runs),
    }
    print(f"sealed {row['plans']} plans in {seal_s:.1f} s; review --list {row['review_warm']['median_ms']:.0f} ms warm, "
          f"{row['review_cold']['median_ms']:.0f} ms cold, of which unlocking the key {row['unlock']['median_ms']:.0f} ms")
    return row


if __name__ == "__main__":
    main()
