#!/usr/bin/env bash
# Coverage-guided fuzzing of ctg's reading path (libFuzzer, Swift's -sanitize=fuzzer,address):
# each input goes through FuzzEntry.run (Sources/Site/FuzzEntry.swift), read as content/site.yml
# and as a convention, checked as `ctg check` checks it and rendered as `ctg build --revue`.
#
#   scripts/fuzz.sh [SECONDS]       (3600 by default; run it with nice -n 19 on a shared machine)
#
# Seeds: content/, the test fixtures and the regression corpus (Tests/CTGTests/Fixtures/fuzz/,
# which the tests replay). The working corpus is kept in fuzz/corpus/ from one run to the next;
# crashes, timeouts and out-of-memory inputs go to fuzz/crashes/ and the run goes on after them.
# Once a crash is fixed, copy its input into Tests/CTGTests/Fixtures/fuzz/ as crash-NAME (kept
# for good); `scripts/fuzz.sh --regression` remakes the rest of that corpus (cov-*) from the
# working corpus: the fewest small inputs that reach the same code.
set -euo pipefail
cd "$(dirname "$0")/.."

SECS="${1:-3600}"
case "$SECS" in
    --regression) ;;
    ''|*[!0-9]*) echo "usage : scripts/fuzz.sh [SECONDES] | --regression" >&2; exit 2 ;;
esac

bash scripts/deps.sh
echo "Construction de ctg-fuzz (release, -sanitize=fuzzer,address, .build-fuzz/)…" >&2
CTG_FUZZ=1 swift build -c release --product ctg-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 \
    | { grep -v "ld.gold: warning: Cannot export local symbol" >&2 || true; }
FUZZ="$(CTG_FUZZ=1 swift build -c release --product ctg-fuzz --scratch-path .build-fuzz --show-bin-path)/ctg-fuzz"

REGRESSION=Tests/CTGTests/Fixtures/fuzz
mkdir -p fuzz/corpus fuzz/crashes fuzz/seeds "$REGRESSION"
# Seeds, named by their path so that a later run replaces rather than adds.
rm -f fuzz/seeds/*
while IFS= read -r -d '' f; do
    cp "$f" "fuzz/seeds/$(echo "$f" | tr '/ ' '__')"
done < <(find content Tests/CTGTests/Fixtures -path "$REGRESSION" -prune -o -type f \( -name '*.md' -o -name '*.yml' -o -name '*.csv' \) -size -64k -print0)

# The Swift runtime's backtracer would outlive a crashing child; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
# LeakSanitizer off, in libFuzzer and at each child's exit: the Swift runtime's caches, made
# once, look like leaks.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
OPTS=(-detect_leaks=0 -max_len=65536 -timeout=10 -rss_limit_mb=2048 -dict=fuzz/ctg.dict)

if [ "$SECS" = "--regression" ]; then
    # Remakes the coverage part of the regression corpus (cov-*): the fewest small inputs
    # (2 KiB at most) of the working corpus that reach every edge they reach together beyond the
    # inputs kept for good (crash-*, each a fixed crash), found by libFuzzer's set cover.
    rm -rf fuzz/merge fuzz/merge-candidats && mkdir -p fuzz/merge fuzz/merge-candidats
    cp "$REGRESSION"/crash-* fuzz/merge/ 2>/dev/null || true
    find fuzz/corpus "$REGRESSION" -maxdepth 1 -type f -size -2049c ! -name 'crash-*' -exec cp {} fuzz/merge-candidats/ \;
    "$FUZZ" "${OPTS[@]}" -use_counters=0 -set_cover_merge=1 fuzz/merge fuzz/merge-candidats 2>&1 \
        | grep -E "MERGE-OUTER: [0-9]+ new files" >&2 || true
    rm -f "$REGRESSION"/cov-*
    for f in fuzz/merge/*; do
        case "$(basename "$f")" in
            crash-*) ;;
            cov-*) cp "$f" "$REGRESSION/" ;;
            *) cp "$f" "$REGRESSION/cov-$(basename "$f")" ;;
        esac
    done
    rm -rf fuzz/merge fuzz/merge-candidats
    echo "Corpus de régression : $(ls "$REGRESSION" | wc -l) fichiers, $(cat "$REGRESSION"/* | wc -c) octets ($REGRESSION/)"
    exit 0
fi

before=$(ls fuzz/crashes | wc -l)
LOG=fuzz/dernier-passage.log
echo "Fuzzing pendant $SECS s (journal : $LOG)…" >&2
# -fork=1: each input runs in a child process; a crash, a timeout or an OOM is saved and the run
# goes on (-ignore_*), so an hour passes unattended.
"$FUZZ" "${OPTS[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$SECS" -artifact_prefix=fuzz/crashes/ -print_final_stats=1 \
    fuzz/corpus fuzz/seeds "$REGRESSION" >"$LOG" 2>&1 || true

# The working corpus, minimised for the next run (-merge=1 keeps the inputs that add coverage).
rm -rf fuzz/corpus.min && mkdir -p fuzz/corpus.min
if "$FUZZ" "${OPTS[@]}" -merge=1 fuzz/corpus.min fuzz/corpus >>"$LOG" 2>&1; then
    rm -rf fuzz/corpus && mv fuzz/corpus.min fuzz/corpus
fi

# Fork mode's progress lines: "#EXECS: cov: EDGES ft: … exec/s: N … time: Ss …".
last=$(grep -E '^#[0-9]+: cov: ' "$LOG" | tail -1 || true)
execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
cov=$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$last")
took=$(sed -nE 's/.* time: ([0-9]+)s.*/\1/p' <<<"$last")
speed="?"
if [ -n "$execs" ] && [ "${took:-0}" -gt 0 ]; then speed=$((execs / took)); fi
after=$(ls fuzz/crashes | wc -l)
echo
echo "Résumé du fuzzing ($SECS s) :"
echo "  exécutions        : ${execs:-?} (${speed} par seconde en moyenne)"
echo "  couverture        : ${cov:-?} arêtes"
echo "  corpus de travail : $(ls fuzz/corpus | wc -l) fichiers, $(du -sk fuzz/corpus | cut -f1) Kio (fuzz/corpus/)"
echo "  plantages         : nouveaux $((after - before)), en tout $after dans fuzz/crashes/ (crash-, timeout-, oom-)"
if [ "$after" -gt "$before" ]; then
    ls -t fuzz/crashes | head -n $((after - before)) | sed 's|^|    fuzz/crashes/|'
    echo "  rejouer l'un d'eux : SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $FUZZ fuzz/crashes/NOM"
    echo "  une fois corrigé   : copiez-le en $REGRESSION/crash-NOM (rejoué par les tests)"
fi
echo "  corpus de régression : $(ls "$REGRESSION" | wc -l) fichiers ($REGRESSION/) ; scripts/fuzz.sh --regression le refait"
echo "  journal           : $LOG"
