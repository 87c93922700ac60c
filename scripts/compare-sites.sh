#!/usr/bin/env bash
# Compares the sites and the check reports of two ctg binaries, byte for byte:
#   scripts/compare-sites.sh OLD_CTG NEW_CTG [WORK_DIR]
# on the example (plain, --projets, --revue), the rendering fixture (plain, --revue), and the
# anchor corpus of 1,000 conventions (plain, --revue; ../shared/bench). Prints each difference;
# exits 1 when there is one. For a change of the Rendering wing that must keep every byte.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD=$1 NEW=$2 WORK=${3:-/tmp/ctg-compare}
mkdir -p "$WORK"
if [ ! -d "$WORK/anchor-1000" ]; then
    python3 "$ROOT/../shared/bench/gen_corpus.py" --n 1000 --out "$WORK/anchor-1000" --format ctg >/dev/null
fi
status=0
run() {  # run NAME PROJECT [OPTIONS...]
    local name=$1 project=$2; shift 2
    rm -rf "$WORK/old-$name" "$WORK/new-$name"
    "$OLD" build "$project" --output "$WORK/old-$name" "$@" >/dev/null 2>&1
    "$NEW" build "$project" --output "$WORK/new-$name" "$@" >/dev/null 2>&1
    if [ ! -e "$WORK/old-$name" ] && [ ! -e "$WORK/new-$name" ]; then
        echo "même résultat : $name (aucun site, le projet a des erreurs)"
    elif diff -r -q "$WORK/old-$name" "$WORK/new-$name" >"$WORK/diff-$name.txt"; then
        echo "même site : $name ($(find "$WORK/new-$name" -type f | wc -l) fichiers)"
    else
        echo "DIFFÉRENT : $name ($(wc -l <"$WORK/diff-$name.txt") fichiers, voir $WORK/diff-$name.txt)"
        status=1
    fi
}
check() {  # check NAME PROJECT
    "$OLD" check "$2" --format json >"$WORK/old-check-$1.json" 2>/dev/null
    "$NEW" check "$2" --format json >"$WORK/new-check-$1.json" 2>/dev/null
    if cmp -s "$WORK/old-check-$1.json" "$WORK/new-check-$1.json"; then echo "même check : $1"; else echo "DIFFÉRENT : check $1"; status=1; fi
}
FIX=$ROOT/Tests/CTGTests/Fixtures/rendering/projet
# The example without the repo's templates/: they are the built-in ones of the new binary,
# which the old one would take for a project's own.
rm -rf "$WORK/exemple" && mkdir -p "$WORK/exemple" && cp -R "$ROOT/content" "$WORK/exemple/content"
run exemple "$WORK/exemple"
run exemple-projets "$WORK/exemple" --projets
run exemple-revue "$WORK/exemple" --revue
run fixture "$FIX"
run fixture-revue "$FIX" --revue
run anchor-1000 "$WORK/anchor-1000"
run anchor-1000-revue "$WORK/anchor-1000" --revue
check exemple "$WORK/exemple"
check fixture "$FIX"
check anchor-1000 "$WORK/anchor-1000"
exit $status
