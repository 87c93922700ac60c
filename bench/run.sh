#!/usr/bin/env bash
# ctg benchmark (issue "Speed and memory"). Never part of the tests.
#
#   bench/run.sh                 N = 100 1000 5000, 5 runs each
#   RUNS=3 bench/run.sh 100 1000 sizes and number of runs of your choice
#   HUGO=1 bench/run.sh 1000     also time Hugo on the anchor corpus (../shared/bench), same run
#
# For each N: generates the corpus (bench/gen_corpus.py, seed $SEED), times `ctg check DIR
# --format json` and `ctg build DIR --output OUT` RUNS times each with GNU time (wall,
# user+sys CPU, peak RSS), times a one-convention edit under `ctg serve`, and prints a
# Markdown table of medians; then the same for the example project (content/ of the repo).
#
# Environment: RUNS (5), SEED (1), OUT (bench/out), CTG (a ctg binary: skips the release
# build), SCRATCH_PATH (SwiftPM --scratch-path for the release build), HUGO (0),
# SHARED_BENCH (../shared/bench), SERVE (1: measure the incremental rebuild), EDITS (RUNS),
# SYNC (1: write the dirty pages of earlier runs back to disk, untimed, before each timed run),
# EVICT (1: then drop the set-aside outputs of earlier runs from the page cache, untimed),
# WAIT (1: start timing 5 minutes after the previous run deleted its set-aside outputs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
SEED=${SEED:-1}
OUT=${OUT:-$ROOT/bench/out}
HUGO=${HUGO:-0}
SERVE=${SERVE:-1}
SYNC=${SYNC:-1}
EVICT=${EVICT:-1}
EDITS=${EDITS:-$RUNS}
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(100 1000 5000); fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RAW=$OUT/runs.tsv            # one line per run: n, command, run, wall, cpu, rss_kib, exit, pages, note
: > "$RAW"

say() { printf '%s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt() {  # need_apt COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installation du paquet Debian $2…"
    as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null
}
[ -x /usr/bin/time ] || need_apt /usr/bin/time time
command -v python3 >/dev/null || { say "python3 est requis"; exit 2; }

# ---- ctg, release build ------------------------------------------------------------
CTG_GIVEN=${CTG:-}
if [ -z "${CTG:-}" ]; then
    SP=()
    [ -n "${SCRATCH_PATH:-}" ] && SP=(--scratch-path "$SCRATCH_PATH")
    say "scripts/release-build.sh ${SP[*]}"
    CTG=$(bash "$ROOT/scripts/release-build.sh" "${SP[@]}")
fi
[ -x "$CTG" ] || { say "binaire ctg introuvable : $CTG"; exit 2; }
# A private copy: a rebuild in the repo during the benchmark must not swap the binary under it.
cp "$CTG" "$OUT/ctg.bin"
CTG_SRC=$CTG
CTG=$OUT/ctg.bin
REV=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')
[ -n "${CTG_GIVEN:-}" ] && REV="given binary; repo at $REV"
say "ctg : $CTG_SRC ($REV), copied to $CTG"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
# Free memory and page cache, printed with the results: on a virtual machine, writing files
# into memory the guest has not used yet (or gave back) costs several times more system
# time than into memory the page cache already holds (bench/README.md, "Memory state").
mem_state() { awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } /^Cached:/ { c = $2 }
    END { printf "%.1f GB free, %.1f GB page cache of %.1f GB", f / 1e6 * 1.024, c / 1e6 * 1.024, t / 1e6 * 1.024 }' /proc/meminfo; }
MEM0=$(mem_state)

# ---- output folders of earlier runs: moved aside, deleted at the end --------------------
# A build "into an absent folder" must not follow the deletion of thousands of files: ext4
# skips inodes freed less than 60 s ago (5 min while their table block is dirty) when it
# allocates new ones, and each new file or folder then scans past them. Deleting the previous
# output right before each timed run made that scan the measure: the system time of the
# same cold build of 1,000 conventions grew from 0.4 s to 3.8 s over five runs. So the
# previous output (and ctg's reserve beside it) is renamed into $TRASH, untimed, for Hugo
# and ctg alike, and $TRASH is deleted once every run is timed.
TRASH=$OUT/corbeille
# The same holds across runs: a run that starts within 5 minutes of the previous one deleting
# its set-aside outputs (20 GB for the full run) times that scan in its cold builds (a cold
# build of 1,000 went from 0.62 to 0.86 s, with 0.4 s more system time). So the deletion is
# stamped, and a run waits until 5 minutes after it (WAIT=0 to skip the wait).
DELETED_STAMP=$OUT/.corbeille-supprimee
wait_after_deletion() {
    [ "${WAIT:-1}" = 0 ] || [ ! -f "$DELETED_STAMP" ] && return 0
    local left=$(( $(stat -c %Y "$DELETED_STAMP") + 300 - $(date +%s) ))
    if [ "$left" -gt 0 ]; then
        say "sorties d'une mesure précédente supprimées il y a moins de 5 minutes : attente de $left s (WAIT=0 pour ne pas attendre)"
        sleep "$left"
    fi
}
if [ -d "$TRASH" ]; then
    say "corbeille d'une mesure interrompue : suppression"
    rm -rf "$TRASH"
    touch "$DELETED_STAMP"
fi
wait_after_deletion
mkdir -p "$TRASH"
ASIDE=()  # what set_aside moved since the last evict_aside
set_aside() {  # set_aside DIR: DIR and its ctg reserve (.DIR.ctg-reserve) into $TRASH
    local d=$1 r k to
    r="$(dirname "$d")/.$(basename "$d").ctg-reserve"
    for k in "$d" "$r"; do
        if [ -e "$k" ]; then
            to=$(mktemp -u "$TRASH/$(basename "$k").XXXXXX")
            mv "$k" "$to"
            ASIDE+=("$to")
        fi
    done
    return 0
}

# evict_aside: drops the pages of what was just set aside from the page cache (they are clean
# after `sync`). Kept there, the outputs of a whole run (about 15 GB with N = 5,000) filled the
# cache, and later cold builds paid for the kernel reclaiming it (bench/README.md).
evict_aside() {
    [ ${#ASIDE[@]} -eq 0 ] && return 0
    python3 "$ROOT/bench/evict.py" "${ASIDE[@]}"
    ASIDE=()
}

# ---- one timed command, RUNS times ---------------------------------------------------
# timed N LABEL CLEAN_DIR PAGES_DIR -- CMD...  (CLEAN_DIR, and its ctg reserve, set aside
# before each run, untimed: see set_aside; PAGES_DIR is where *.html are counted after the
# run; "-" for none)
timed() {
    local n=$1 label=$2 clean=$3 pages_dir=$4; shift 5
    local i tf rc line pages note
    local runs=${TIMED_RUNS:-$RUNS} k
    tf=$(mktemp)
    for ((i = 1; i <= runs; i++)); do
        k=${TIMED_RUN:-$i}  # the run's number, when the caller times one run at a time
        [ "$clean" != - ] && set_aside "$clean"
        # Each cold build of 5,000 conventions leaves 1.5 GB of dirty pages: written back here,
        # untimed, rather than during the next run (bench/README.md, "Cold builds and ext4").
        [ "$SYNC" = 1 ] && sync
        [ "$EVICT" = 1 ] && evict_aside
        set +e
        /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$OUT/last.stdout" 2>"$OUT/last.stderr"
        rc=$?
        set -e
        line=$(tail -n 1 "$tf")
        pages=-
        [ "$pages_dir" != - ] && [ -d "$pages_dir" ] && pages=$(find "$pages_dir" -name '*.html' | wc -l)
        note=-
        if [ "$label" = "ctg check" ]; then
            note=$(python3 -c 'import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print("%s errors, %s warnings" % (d["errors"], d["warnings"]))
except Exception:
    print("no JSON report")' "$OUT/last.stdout")
        fi
        [ $rc -ne 0 ] && note="$note; exit $rc: $(grep -v '^ *$' "$OUT/last.stderr" | head -n 1 | cut -c1-80 | tr '\t' ' ')"
        read -r wall user sys rss <<<"$line"
        printf '%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s\t%s\n' "$n" "$label" "$k" "$wall" \
            "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rss" "$rc" "$pages" "$note" >>"$RAW"
        say "  $label N=$n run $k/$RUNS: ${wall}s wall, ${rss} KiB, exit $rc"
    done
    rm -f "$tf"
}

# ---- incremental rebuild under ctg serve ----------------------------------------------
# Saves one convention EDITS times (a marker sentence appended to its body) and records
# (1) the rebuild time ctg serve reports ("Reconstruit en N ms") and (2) the delay from the
# save to the updated page being served over HTTP (includes the watcher's 8 ms burst window: serve watches with inotify).
serve_bench() {
    local n=$1 dir=$2 log=$OUT/serve-$n.log pid port file id i prc=0
    if ! "$CTG" serve --help >/dev/null 2>&1; then
        # TODO(bench): `ctg serve` is absent in this build: no incremental number (never faked).
        printf '%s\tctg serve (edit)\t0\t-\t-\t-\t-\t-\tctg serve absent: not measured\n' "$n" >>"$RAW"
        return
    fi
    file=$(find "$dir/content/territoires" -maxdepth 1 -name '*.md' | sort | sed -n "$((n / 2 + 1))p")
    id=$(basename "$file" .md)
    cp "$file" "$OUT/serve-edit.bak"
    "$CTG" serve "$dir" --port 0 >"$log" 2>&1 &
    pid=$!
    trap "kill $pid 2>/dev/null || true" EXIT  # never leave the server behind
    for ((i = 0; i < 6000; i++)); do  # the first full build happens before listening
        port=$(sed -n 's#.*http://127\.0\.0\.1:\([0-9]*\)/.*#\1#p' "$log" | head -n 1)
        [ -n "$port" ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        printf '%s\tctg serve (edit)\t0\t-\t-\t-\t-\t-\tserve did not start: %s\n' "$n" "$(tail -n 1 "$log" | cut -c1-80)" >>"$RAW"
        kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
        return
    fi
    python3 - "$file" "http://127.0.0.1:$port/territoires/$id/index.html" "$EDITS" "$log" "$n" "$pid" >>"$RAW" <<'PY' || prc=$?
import os, re, sys, time, urllib.request
path, url, edits, log, n, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
orig = open(path, encoding="utf-8").read()
def get():
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8", "replace")
def hwm():
    try:
        return next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM"))
    except Exception:
        return "-"
for _ in range(500):  # the first request may come before the socket accepts (seen once)
    try:
        get()
        break
    except OSError:
        time.sleep(0.02)
lat = []
for k in range(1, edits + 1):
    marker = f"Marqueur de mesure {k}-{time.time_ns() % 100000}."
    tmp = os.path.join(os.path.dirname(log), "serve-edit.tmp")  # same file system, outside content/
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(orig + "\n" + marker + "\n")
    t0 = time.monotonic()
    os.replace(tmp, path)
    seen = False
    while time.monotonic() - t0 < 10:
        if marker in get():
            seen = True
            break
        time.sleep(0.002)
    lat.append(time.monotonic() - t0 if seen else None)
    time.sleep(0.5)
time.sleep(0.5)
# One line per save: the first build says "Site construit" (a ctg from before 22357ec said
# "Reconstruit" for it too: drop that one).
text = open(log, encoding="utf-8").read()
ms = [int(x) for x in re.findall(r"Reconstruit en (\d+) ms", text)]
if "Site construit" not in text:
    ms = ms[1:]
rss = hwm()
for k, l in enumerate(lat):
    reb = f"{ms[k] / 1000:.3f}" if k < len(ms) else "-"
    note = f"page served {l * 1000:.0f} ms after save" if l is not None else "edit not on the page after 10 s"
    print(f"{n}\tctg serve (edit)\t{k + 1}\t{reb}\t-\t{rss}\t0\t-\t{note}")
PY
    [ "$prc" = 0 ] || say "  ctg serve N=$n : mesure interrompue (voir ci-dessus)"
    cp "$OUT/serve-edit.bak" "$file"
    kill -TERM $pid 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    kill -KILL $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    trap - EXIT
    say "  ctg serve N=$n: $(grep -c 'Reconstruit' "$log") rebuilds logged"
}

# ---- the corpora -----------------------------------------------------------------------
for n in "${SIZES[@]}"; do
    dir=$OUT/ctg-$n
    say "N=$n: corpus (seed $SEED)…"
    set_aside "$dir"  # the generator would delete the old one (see set_aside)
    python3 "$ROOT/bench/gen_corpus.py" --n "$n" --out "$dir" --seed "$SEED"
    timed "$n" "ctg check" - - -- "$CTG" check "$dir" --format json
    timed "$n" "ctg build" "$OUT/site-$n" "$OUT/site-$n" -- "$CTG" build "$dir" --output "$OUT/site-$n"
    # The usual case: the previous site is there (the first run makes the reserve, see README).
    timed "$n" "ctg build (rebuild)" - "$OUT/site-$n" -- "$CTG" build "$dir" --output "$OUT/site-$n"
    [ "$SERVE" = 1 ] && serve_bench "$n" "$dir"
    if [ "$HUGO" = 1 ]; then
        if [ ! -f "$SHARED_BENCH/gen_corpus.py" ]; then
            say "HUGO=1 : $SHARED_BENCH/gen_corpus.py absent, Hugo non mesuré"
        else
            command -v hugo >/dev/null || need_apt hugo hugo
            say "N=$n: anchor corpus (Hugo form and ctg form)…"
            set_aside "$OUT/hugo-$n"
            set_aside "$OUT/anchor-$n"
            python3 "$SHARED_BENCH/gen_corpus.py" --n "$n" --out "$OUT/hugo-$n" --format hugo
            python3 "$SHARED_BENCH/gen_corpus.py" --n "$n" --out "$OUT/anchor-$n" --format ctg
            # Alternated run by run: a machine that slows down or speeds up during the
            # measure (they are shared) weighs on both tools alike.
            for ((r = 1; r <= RUNS; r++)); do
                TIMED_RUNS=1 TIMED_RUN=$r timed "$n" "hugo (anchor)" "$OUT/hugo-$n/public" "$OUT/hugo-$n/public" -- \
                    hugo --quiet -s "$OUT/hugo-$n"
                TIMED_RUNS=1 TIMED_RUN=$r timed "$n" "ctg build (anchor)" "$OUT/site-anchor-$n" "$OUT/site-anchor-$n" -- \
                    "$CTG" build "$OUT/anchor-$n" --output "$OUT/site-anchor-$n"
            done
        fi
    fi
done
timed example "ctg build" "$OUT/site-example" "$OUT/site-example" -- "$CTG" build "$ROOT" --output "$OUT/site-example"

# ---- the table of medians ---------------------------------------------------------------
python3 - "$RAW" "$OUT" "$RUNS" "$CTG_SRC ($REV)" "$LOAD0" "$(cut -d' ' -f1-3 /proc/loadavg)" "$MEM0" "$(mem_state)" <<'PY' | tee "$OUT/results.md"
import csv, datetime, os, statistics, sys
raw, out, runs, ctg, load0, load1, mem0, mem1 = sys.argv[1:9]
print(f"ctg: {ctg}; {datetime.date.today()}; {os.cpu_count()} cores; load average {load0} at start, {load1} at end")
print(f"memory: {mem0} at start; {mem1} at end\n")
rows = {}
for r in csv.reader(open(raw, encoding="utf-8"), delimiter="\t"):
    rows.setdefault((r[0], r[1]), []).append(r)
def med(vals, fmt):
    v = [float(x) for x in vals if x not in ("-", "")]
    return fmt.format(statistics.median(v)) if v else "–"
def mb(n):
    d = os.path.join(out, f"ctg-{n}", "content")
    if not os.path.isdir(d):
        return ""
    s = sum(os.path.getsize(os.path.join(p, f)) for p, _, fs in os.walk(d) for f in fs)
    return f" ({s / 1e6:.1f} MB)"
print(f"| N | command | runs | wall s | CPU s | peak MiB | pages | notes |")
print(f"|---|---|---|---|---|---|---|---|")
wall, cpu = {}, {}
for (n, cmd), rs in rows.items():
    w = med([r[3] for r in rs], "{:.3f}")
    wall[(n, cmd)] = w
    cpu[(n, cmd)] = med([r[4] for r in rs], "{:.2f}")
    notes = sorted({r[8] for r in rs if r[8] != "-"})
    if cmd == "ctg serve (edit)":
        lat = [r[8].split()[2] for r in rs if r[8].startswith("page served")]
        if lat or any(r[3] != "-" for r in rs):
            page = (f"page served {med(lat, '{:.0f}')} ms after save (median, includes the watcher's 8 ms burst window and the HTTP request)"
                    if len(lat) == len(rs) else f"edited text on the page in {len(lat)} of {len(rs)} edits")
            notes = ["wall = rebuild time reported by serve", page]
    rc = {r[6] for r in rs} - {"0", "-"}
    if rc:
        notes.append("non-zero exit: " + ",".join(sorted(rc)))
    rss = med([int(r[5]) / 1024 if r[5] not in ("-", "") else "-" for r in rs], "{:.0f}")
    print(f"| {n}{mb(n) if n.isdigit() and cmd == 'ctg check' else ''} | {cmd} | {len(rs)} | {w} | "
          f"{med([r[4] for r in rs], '{:.2f}')} | {rss} | {med([r[7] for r in rs], '{:.0f}')} | {'; '.join(notes) or ''} |")
def refused(*keys):
    """Why no ratio of these commands is given: some of their runs did not exit 0, and a
    failed run's time is not the tool's. None when every run succeeded."""
    bad = [(k[1], sum(r[6] not in ("0", "-") for r in rows.get(k, [])), len(rows.get(k, []))) for k in keys]
    why = "; ".join(f"{f} of {m} runs of {cmd} failed" for cmd, f, m in bad if f)
    return f"NOT COMPUTED ({why}: a failed run is not a time)" if why else None
def ratio(a, b, t=wall):
    if refused(a, b):
        return None
    try:
        return f"{float(t[a]) / float(t[b]):.2f}"
    except (KeyError, ValueError, ZeroDivisionError):
        return None
print()
for cmd in ("ctg build", "ctg check"):
    if ("5000", cmd) in rows and ("1000", cmd) in rows and (why := refused(("5000", cmd), ("1000", cmd))):
        print(f"- {cmd}: wall(5000) / wall(1000): {why}")
        continue
    r = ratio(("5000", cmd), ("1000", cmd))
    if r:
        print(f"- {cmd}: wall(5000) / wall(1000) = {r} (target ≤ 5.5)")
for n in sorted({k[0] for k in wall if k[0].isdigit()}, key=int):
    if (n, "hugo (anchor)") in rows and (why := refused((n, "hugo (anchor)"), (n, "ctg build (anchor)"))):
        print(f"- N={n}: Hugo / ctg build, same anchor corpus: {why}")
        continue
    r = ratio((n, "hugo (anchor)"), (n, "ctg build (anchor)"))
    if r:
        c = ratio((n, "hugo (anchor)"), (n, "ctg build (anchor)"), cpu)
        print(f"- N={n}: Hugo / ctg build, same anchor corpus: wall {r}×, CPU {c}× (target ≥ 10× wall at 1000)")
print(f"\nMedians of {runs} runs; raw runs in {raw}.")
PY
say "suppression des sorties mises de côté ($TRASH)…"
rm -rf "$TRASH"
touch "$DELETED_STAMP"  # the next run waits 5 minutes after this (see wait_after_deletion)
