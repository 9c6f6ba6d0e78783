#!/usr/bin/env bash
# Prints the figures that matter for a static reader: what the browser downloads (raw and gzip -9),
# the single-file build, the first-document time measured by the end-to-end tests, and the native
# parse benchmark. Reads dist/ and tests/e2e/artifacts/perf.json; changes nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

echo "== figures =="
if [ ! -d dist ]; then
  echo "dist/ is missing: run trunk build --release"
  exit 1
fi

total_raw=0
total_gz=0
printf '%-44s %12s %12s\n' "file (dist/)" "raw" "gzip -9"
while IFS= read -r -d '' f; do
  name="${f#dist/}"
  case "$name" in yomikurabe.html | .* | */.*) continue ;; esac
  raw=$(wc -c <"$f")
  z=$(gz "$f")
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + z))
  case "$name" in
    *.wasm | *.js | *.css | index.html) printf '%-44s %12s %12s\n' "$name" "$(kb "$raw")" "$(kb "$z")" ;;
  esac
done < <(find dist -type f -print0 | sort -z)
printf '%-44s %12s %12s\n' "total transfer (all of dist/ but yomikurabe.html)" "$(kb "$total_raw")" "$(kb "$total_gz")"

if [ -f dist/yomikurabe.html ]; then
  printf '%-44s %12s %12s\n' "yomikurabe.html (single file)" "$(kb "$(wc -c <dist/yomikurabe.html)")" "$(kb "$(gz dist/yomikurabe.html)")"
else
  echo "yomikurabe.html (single file): not built"
fi

perf=tests/e2e/artifacts/perf.json
if [ -f "$perf" ]; then
  node -e '
    const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const l = f.library, r = f.reader_4_columns, w = f.library_reload;
    const d = (x) => Math.round((x.parse_end_ms - x.parse_start_ms) * 10) / 10;
    console.log(`first document shown (e2e, headless Chromium, 127.0.0.1): library ${l.first_document_ms} ms, ` +
      `reader with 4 columns ${r.first_document_ms} ms; DOMContentLoaded ${l.dom_content_loaded_ms} ms, load ${l.load_ms} ms`);
    console.log(`  cold library load: wasm fetched ${l.wasm_fetched_ms} ms, parse ${l.parse_start_ms}–${l.parse_end_ms} ms ` +
      `(${d(l)} ms in release wasm), first contentful paint ${l.fcp_ms} ms`);
    if (w) console.log(`  reload with warm caches: first document ${w.first_document_ms} ms (parse ${d(w)} ms)`);
  ' "$perf"
else
  echo "first document shown: no figure (tests/e2e/artifacts/perf.json missing; run the e2e tests)"
fi

if [ -f target/wasm-test.log ] && grep -q 'wasm parse of the default corpus' target/wasm-test.log; then
  echo "$(grep -o 'wasm parse of the default corpus.*' target/wasm-test.log | tail -1) [headless Chromium, unoptimised test build]"
fi

echo "native parse benchmark (cargo bench -p yomikurabe-core --bench parse):"
if ! cargo bench --quiet -p yomikurabe-core --bench parse 2>&1 | sed 's/^/  /'; then
  echo "  (benchmark failed)"
  exit 1
fi

# Analysis figures (issue 3 and 4): theme matching, key terms and alignment, extraction.
for bench in themes terms extract; do
  echo "native $bench benchmark (cargo bench -p yomikurabe-core --bench $bench):"
  if ! cargo bench --quiet -p yomikurabe-core --bench "$bench" 2>&1 | grep -E '^(figure| +MB| +[0-9.]+ +[0-9]+ )' | sed 's/^/  /'; then
    echo "  (benchmark printed no figures)"
  fi
done

themes_perf=tests/e2e/artifacts/themes-perf.json
if [ -f "$themes_perf" ]; then
  echo "themes in the reader (e2e, release wasm): $(tr -d '\n' <"$themes_perf" | tr -s ' ')"
fi

extract_perf=tests/e2e/artifacts/extract-perf.json
if [ -f "$extract_perf" ]; then
  echo "sources, acronyms and dates extracted in the reader (e2e, release wasm): $(tr -d '\n' <"$extract_perf" | tr -s ' ')"
fi
