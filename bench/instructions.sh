#!/usr/bin/env bash
# Counts the instructions a ctg build executes, with valgrind's callgrind, for each binary
# given: the same count from one run to the next, where the time of a build on these shared
# machines moves by ±10 % (README.md, "Instructions counted").
#
#   bench/instructions.sh BIN [BIN…]          (PROJECT: bench/out/anchor-1000 by default)
#   PROJECT=dir TOP=30 bench/instructions.sh BIN
#
# For each binary: the total, then the TOP functions by their own instructions. A copy of the
# binary without its debug sections is run (valgrind 3.19 gives up on the DWARF of Swift 6.3's
# static binaries); the symbols stay, so the functions keep their names. About 100 s a binary
# for the corpus of 1,000. Counts are of user code only: the kernel's work (writing the pages,
# making the folders) is not in them, so a change to how files are written is timed instead.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/instructions.sh BIN [BIN…]" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=${PROJECT:-$ROOT/bench/out/anchor-1000}
TOP=${TOP:-15}
[ -d "$PROJECT" ] || { echo "no project at $PROJECT (bench/run.sh with HUGO=1 makes the anchor corpus)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for bin in "$@"; do
    name=$(basename "$bin")
    strip --strip-debug -o "$WORK/$name" "$bin"
    valgrind --tool=callgrind --callgrind-out-file="$WORK/$name.cg" \
        "$WORK/$name" build "$PROJECT" --output "$WORK/site-$name" >/dev/null 2>"$WORK/$name.log" \
        || { echo "$bin: the build failed under valgrind (see below)" >&2; tail -5 "$WORK/$name.log" >&2; exit 1; }
    total=$(sed -n 's/.*refs: *//p' "$WORK/$name.log" | tr -d ,)
    printf '%s: %s instructions\n' "$bin" "$total"
    callgrind_annotate "$WORK/$name.cg" 2>/dev/null | grep -E '^ *[0-9,]+ \( *[0-9.]+%\)  ' | grep -v 'PROGRAM TOTALS' \
        | head -n "$TOP" | { command -v swift >/dev/null && swift demangle --simplified || cat; } \
        | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | cut -c1-150 || true  # head closes the pipe early (SIGPIPE)
    rm -rf "$WORK/site-$name"
done
