#!/usr/bin/env bash
# Fuzzes core's encoding detection, decoder, Word file reader, parser and every analysis stage (fuzz/: cargo-fuzz
# + libFuzzer on stable Rust; `--sanitizer none` passes no -Z flag, and core forbids unsafe code,
# so nothing is lost).
#
#   scripts/fuzz.sh short [TARGET…]      a few seconds per target, ≤ 60 s of fuzzing in all (test.sh)
#   scripts/fuzz.sh long RUNS [TARGET…]  RUNS executions per target, one target after another
#                                        (FUZZ_SECONDS=N: at most N seconds per target)
#   scripts/fuzz.sh report [TARGET…]     the summary lines of the last runs, from their logs
#   scripts/fuzz.sh install              cargo-fuzz (pinned) from crates.io, if missing
#   scripts/fuzz.sh seeds                only rebuild the seed folders (target/fuzz-seeds/)
#   scripts/fuzz.sh list                 the targets
#
# Every unit runs with -max_len=100000 -timeout=1: no input of up to 100 KB may take a second
# (the budget is 1 s per 100 KB; a quadratic stage fails it). Seeds are made from corpus/*.txt,
# core/tests/golden/*.txt and the development documents (core/tests/fixtures/dev): whole texts,
# 1 KB pieces, several documents in one input (separated by U+001E) and, for the detector and the
# decoder, the same texts in Shift_JIS, EUC-JP, ISO-2022-JP and UTF-16 (and the documents'
# original bytes).
# The text targets mutate with fuzz/dict/text.dict (brackets, markers, date and source words).
# The long mode keeps its corpus in fuzz/corpus/<target> (not in git) and goes on from it; the
# short mode starts from the seeds each time. Per target it prints runs, execs/s, the slowest
# unit (CPU time; the input is kept as target/fuzz-logs/<target>.slowest) and the crashes
# (artifacts in fuzz/artifacts/<target>, logs in target/fuzz-logs/); it
# exits non-zero if any target crashed, timed out or ran out of memory.
# Reproduce an artifact: fuzz/target/x86_64-unknown-linux-gnu/release/<target> <artifact file>.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_FUZZ_VERSION="0.13.2"
TARGETS=(decode detect docx pack parse_document parse_corpus themes terms align citations glossary timeline anchor export search annotations)
SHORT_SECONDS_IN_ALL=40
LIBFUZZER_ARGS=(-max_len=100000 -timeout=1 -rss_limit_mb=2048 -print_final_stats=1)
SEEDS=target/fuzz-seeds
LOGS=target/fuzz-logs

log() { printf '[fuzz] %s\n' "$*"; }

install_cargo_fuzz() {
  export PATH="$HOME/.cargo/bin:$PATH"
  local have=""
  have="$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" || true
  if [ "$have" = "$CARGO_FUZZ_VERSION" ]; then
    log "cargo-fuzz ${CARGO_FUZZ_VERSION}: present"
  else
    log "cargo-fuzz: have '${have:-none}', installing ${CARGO_FUZZ_VERSION} with cargo install --locked (~2 min)"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
}

# The seed folders: text (most targets), bytes (decode, detect), docx (a Word file), themes (a user theme line first,
# plus the curated themes file), anchor (a link line first), annotations (a W3C annotation line
# first) and search (a query line first).
make_seeds() {
  rm -rf "$SEEDS"
  mkdir -p "$SEEDS"/{text,whole,bytes,bytes-whole,themes,anchor,annotations,search,pieces,docx}
  # Word files: the e2e fixture (stored and deflated parts).
  cp tests/e2e/fixtures/odd/report.docx "$SEEDS/docx/"
  local f name piece
  for f in corpus/*.txt core/tests/golden/*.txt; do
    name="$(basename "$f" .txt)"
    cp "$f" "$SEEDS/whole/$name"
    split -C 1024 -d -a 3 "$f" "$SEEDS/pieces/$name-"
  done
  # The development documents (core/tests/fixtures/dev): their text as UTF-8 (the Shift_JIS
  # ones converted) beside the others, and their original bytes for the decoder.
  for f in core/tests/fixtures/dev/[0-9]*; do
    name="dev-$(basename "${f%.*}")"
    if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
      cp "$f" "$SEEDS/whole/$name"
    else
      iconv -c -f CP932 -t UTF-8 "$f" >"$SEEDS/whole/$name"
    fi
    split -C 1024 -d -a 3 "$SEEDS/whole/$name" "$SEEDS/pieces/$name-"
    cp "$f" "$SEEDS/bytes-whole/$name.orig"
    head -c 1024 "$f" >"$SEEDS/bytes/$name.orig"
  done
  cp "$SEEDS"/pieces/* "$SEEDS/text/"
  # Several documents in one input: the first pieces of neighbouring texts, and of all texts.
  local firsts=("$SEEDS"/pieces/*-000) i all=""
  for ((i = 0; i + 1 < ${#firsts[@]}; i++)); do
    { cat "${firsts[$i]}"; printf '\036'; cat "${firsts[$((i + 1))]}"; } >"$SEEDS/text/docs2-$i"
  done
  for ((i = 0; i < 4 && i < ${#firsts[@]}; i++)); do
    all+="$(cat "${firsts[$i]}")"$'\036'
  done
  printf '%s' "$all" >"$SEEDS/text/docs4"
  # The decoder: whole texts and first pieces in every encoding it knows (iconv; characters that
  # CP932 or EUC-JP lack are dropped with -c).
  local out
  for f in "$SEEDS"/whole/* "$SEEDS"/pieces/*-000 "$SEEDS"/pieces/*-001; do
    name="$(basename "$f")"
    out="$SEEDS/bytes/$name"
    [ "$(dirname "$f")" = "$SEEDS/whole" ] && out="$SEEDS/bytes-whole/$name"
    cp "$f" "$out.utf8"
    { printf '\357\273\277'; cat "$f"; } >"$out.utf8bom"
    iconv -c -f UTF-8 -t CP932 "$f" >"$out.sjis" 2>/dev/null || true
    iconv -c -f UTF-8 -t EUC-JP "$f" >"$out.eucjp" 2>/dev/null || true
    iconv -c -f UTF-8 -t ISO-2022-JP "$f" >"$out.jis" 2>/dev/null || true
    iconv -f UTF-8 -t UTF-16LE "$f" >"$out.utf16le" 2>/dev/null || true
    iconv -f UTF-8 -t UTF-16BE "$f" >"$out.utf16be" 2>/dev/null || true
    { printf '\377\376'; cat "$out.utf16le"; } >"$out.utf16lebom"
  done
  # Theme matching: a user theme on the first line; the curated themes file as a themes file.
  cp corpus/themes.toml "$SEEDS/themes/themes.toml"
  for piece in "$SEEDS"/pieces/*; do
    { printf '3カ国|日米韓|拡大抑止|NCG|北朝鮮の核\n'; cat "$piece"; } >"$SEEDS/themes/$(basename "$piece")"
  done
  # Search: a query on the first line (words, an alternative, a phrase, a negation, variants).
  for piece in "$SEEDS"/pieces/*; do
    { printf '日米 | 米国 | 三ヶ国 | "拡大 抑止" | ncg -核\n'; cat "$piece"; } >"$SEEDS/search/$(basename "$piece")"
  done
  # Annotations: a W3C Web Annotation (a quote from the text's fifth line) on the first line.
  for piece in "$SEEDS"/pieces/*; do
    line="$(LC_ALL=C.UTF-8 sed -n 5p "$piece" | tr -d '"\\')"
    { printf '[{"type":"Annotation","motivation":"commenting","body":[{"type":"TextualBody","value":"問い","purpose":"commenting"},{"type":"TextualBody","value":"tag","purpose":"tagging"}],"target":{"source":"urn:yomikurabe:text:0123456789abcdef","yomikurabe:document":"a","selector":[{"type":"TextQuoteSelector","exact":"%s","prefix":"","suffix":""},{"type":"FragmentSelector","conformsTo":"urn:yomikurabe:passage","value":"s1-p1","refinedBy":{"type":"TextPositionSelector","start":0,"end":4}}]}}]\n' "${line:0:12}"; cat "$piece"; } >"$SEEDS/annotations/$(basename "$piece")"
  done
  # Anchors: a link (an id and a quote taken from the text's fifth line) on the first line.
  local line
  for piece in "$SEEDS"/pieces/*; do
    line="$(LC_ALL=C.UTF-8 sed -n 5p "$piece")"
    { printf 's1-p1 %s\n' "${line:0:12}"; cat "$piece"; } >"$SEEDS/anchor/$(basename "$piece")"
  done
  rm -rf "$SEEDS/pieces"
  log "seeds: $(find "$SEEDS" -type f | wc -l) files in $SEEDS ($(du -sh "$SEEDS" | cut -f1))"
}

# seed_dirs TARGET [whole]: its seed folders; with `whole`, also the whole texts (up to 76 KB,
# slow to run a million times: the short mode takes them, the long mode grows from the pieces).
seed_dirs() {
  case "$1" in
    decode | detect) echo "$SEEDS/bytes" ;;
    docx) echo "$SEEDS/docx" ;;
    themes) echo "$SEEDS/themes" ;;
    anchor) echo "$SEEDS/anchor" ;;
    annotations) echo "$SEEDS/annotations" ;;
    search) echo "$SEEDS/search" ;;
    *) echo "$SEEDS/text" ;;
  esac
  if [ "${2:-}" = whole ]; then
    case "$1" in
      decode | detect) echo "$SEEDS/bytes-whole" ;;
      docx) ;;
      *) echo "$SEEDS/whole" ;;
    esac
  fi
}

build() {
  log "cargo fuzz build --sanitizer none (release, debug assertions on, coverage instrumentation)"
  local started=$SECONDS
  cargo fuzz build --sanitizer none
  log "built in $((SECONDS - started)) s"
}

bin_dir() {
  echo "fuzz/target/$(rustc -vV | awk '/^host:/ {print $2}')/release"
}

# run_target TARGET CORPUS_DIR SEEDS(whole|pieces) LIBFUZZER_ARG… : one libFuzzer run; prints
# its summary line.
failed=()
run_target() {
  local t="$1" work="$2" seeds=()
  mapfile -t seeds < <(seed_dirs "$1" "$3")
  shift 3
  local artifacts="fuzz/artifacts/$t" logf="$LOGS/$t.log" before after status=0
  mkdir -p "$work" "$artifacts" "$LOGS"
  before="$(find "$artifacts" -type f | wc -l)"
  local dict=()
  case "$t" in decode | detect | docx) ;; *) dict=(-dict=fuzz/dict/text.dict) ;; esac
  YK_FUZZ_SLOWEST="$LOGS/$t.slowest" \
    "$(bin_dir)/$t" "$work" "${seeds[@]}" "${LIBFUZZER_ARGS[@]}" "${dict[@]}" -artifact_prefix="$artifacts/" "$@" \
    >"$logf" 2>&1 || status=$?
  after="$(find "$artifacts" -type f | wc -l)"
  summarise "$t" "$status" "$((after - before))"
}

# summarise TARGET EXIT_STATUS NEW_ARTIFACTS: the summary line of a run from its log.
summarise() {
  local t="$1" status="$2" crashes="$3" logf="$LOGS/$1.log" runs eps secs slowest
  runs="$(awk '/^stat::number_of_executed_units/ {print $NF}' "$logf" | tail -1)"
  eps="$(awk '/^stat::average_exec_per_sec/ {print $NF}' "$logf" | tail -1)"
  secs="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$logf" | tail -1)"
  slowest="$(sed -n 's/^#slowest unit: //p' "$logf" | tail -1)"
  printf '[fuzz] %-15s runs %10s  execs/s %6s  time %5ss  slowest unit %-26s crashes %s%s\n' \
    "$t" "${runs:-?}" "${eps:-?}" "${secs:-?}" "${slowest:-< 1 ms}" "$crashes" \
    "$([ "$status" != 0 ] && echo "  (exit $status, log $logf)")"
  if [ "$status" != 0 ] || [ "$crashes" != 0 ]; then
    failed+=("$t")
    grep -E '^(==[0-9]+== ERROR|thread .* panicked|.*panicked at|ALARM|SUMMARY|Test unit written)' "$logf" | head -8 || true
  fi
}

finish() {
  if [ "${#failed[@]}" -gt 0 ]; then
    log "FAILED: ${failed[*]} (inputs in fuzz/artifacts/<target>/, logs in $LOGS/)"
    exit 1
  fi
  log "no crash, timeout or out-of-memory in ${#@} target(s)"
}

mode="${1:-short}"
shift || true
case "$mode" in
  install) install_cargo_fuzz ;;
  list) printf '%s\n' "${TARGETS[@]}" ;;
  seeds) make_seeds ;;
  report)
    # The summary lines of the last runs, from their logs (crashes: artifact files kept).
    targets=("$@")
    [ "${#targets[@]}" -gt 0 ] || targets=("${TARGETS[@]}")
    for t in "${targets[@]}"; do
      [ -f "$LOGS/$t.log" ] || continue
      summarise "$t" 0 "$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)"
    done
    ;;
  short)
    targets=("$@")
    [ "${#targets[@]}" -gt 0 ] || targets=("${TARGETS[@]}")
    install_cargo_fuzz
    make_seeds
    build
    per=$((SHORT_SECONDS_IN_ALL / ${#targets[@]}))
    [ "$per" -ge 1 ] || per=1
    log "short: ${per} s per target (seeds only, fresh corpus)"
    started=$SECONDS
    for t in "${targets[@]}"; do
      rm -rf "target/fuzz-short/$t"
      run_target "$t" "target/fuzz-short/$t" whole -max_total_time="$per"
    done
    log "short run: $((SECONDS - started)) s of fuzzing for ${#targets[@]} targets"
    finish "${targets[@]}"
    ;;
  long)
    runs="${1:?usage: scripts/fuzz.sh long RUNS [TARGET…]}"
    shift
    targets=("$@")
    [ "${#targets[@]}" -gt 0 ] || targets=("${TARGETS[@]}")
    install_cargo_fuzz
    make_seeds
    build
    limit=()
    if [ -n "${FUZZ_SECONDS:-}" ]; then limit=(-max_total_time="$FUZZ_SECONDS"); fi
    log "long: ${runs} runs per target${FUZZ_SECONDS:+ (or ${FUZZ_SECONDS} s)}, one after another"
    for t in "${targets[@]}"; do
      run_target "$t" "fuzz/corpus/$t" pieces -runs="$runs" "${limit[@]}"
    done
    finish "${targets[@]}"
    ;;
  *)
    sed -n '2,20p' "$0"
    exit 2
    ;;
esac
