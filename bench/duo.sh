#!/usr/bin/env bash
# Compares the CPU time of two ctg binaries on the same cold build, run at the same time.
#
#   bench/duo.sh ROUNDS BIN_A BIN_B [PROJECT]     (PROJECT: bench/out/anchor-1000 by default)
#
# Each round builds PROJECT with A and with B at once, each pinned to one CPU (`taskset`,
# swapped every other round), into new folders under bench/out/duo/. Run one after the
# other, the two builds of a pair can meet different states of these shared machines (their
# CPU time moved by ±10 % from one run to the next); run side by side, whatever slows the
# machine slows both. It prints each round's CPU time (user + system) and the ratio B/A,
# then the ratio of the totals. Wall time is not compared: each build has one core only.
#
# The outputs are kept until the end (deleting thousands of files makes ext4 slower at
# creating the next ones: README.md, "Cold builds and ext4"), dropped from the page cache
# after each round, and deleted when the script ends; the deletion is stamped as run.sh
# stamps its own, so that a run.sh started within 5 minutes waits.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: bench/duo.sh ROUNDS BIN_A BIN_B [PROJECT]" >&2; exit 2; }
ROUNDS=$1 A=$2 B=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=${4:-$ROOT/bench/out/anchor-1000}
OUT=$ROOT/bench/out/duo
[ -d "$PROJECT" ] || { echo "no project at $PROJECT (bench/run.sh with HUGO=1 makes the anchor corpus)" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "two CPUs at least are needed" >&2; exit 2; }
mkdir -p "$OUT"
trap 'rm -rf "$OUT"; touch "$ROOT/bench/out/.corbeille-supprimee"' EXIT

evict() { python3 "$ROOT/bench/evict.py" "$@"; }  # drops the folders' pages from the page cache

for ((i = 1; i <= ROUNDS; i++)); do
    if ((i % 2)); then ca=0 cb=1; else ca=1 cb=0; fi
    da=$OUT/a$i db=$OUT/b$i
    taskset -c $ca /usr/bin/time -f '%U %S' -o "$OUT/a.time" "$A" build "$PROJECT" --output "$da" >/dev/null 2>&1 &
    pa=$!
    taskset -c $cb /usr/bin/time -f '%U %S' -o "$OUT/b.time" "$B" build "$PROJECT" --output "$db" >/dev/null 2>&1 &
    pb=$!
    wait $pa || { echo "round $i: A failed" >&2; exit 1; }
    wait $pb || { echo "round $i: B failed" >&2; exit 1; }
    echo "$(tail -n 1 "$OUT/a.time") $(tail -n 1 "$OUT/b.time")"
    sync
    evict "$da" "$db"
done | awk '{ a = $1 + $2; b = $3 + $4; A += a; B += b; UA += $1; UB += $3
              printf "round %d: A %.2f s, B %.2f s CPU, B/A %.3f\n", NR, a, b, b / a }
            END { printf "total: B/A %.3f (CPU), %.3f (user only), %d rounds\n", B / A, UB / UA, NR }'
