#!/usr/bin/env bash
# Prints the figures that matter for a static reader, each with its budget beside it (never asserted:
# "over budget" says where one is missed): what the browser downloads (raw and gzip -9) and the
# single-file build; where the wasm's bytes go (twiggy's top items by retained size, sizes by
# crate); the first document cold and warm, main-thread long tasks and the app's own timings from
# the end-to-end run (tests/e2e/artifacts/perf.json); the native benchmarks. Reads dist/, target/
# and the e2e artifacts; writes only target/figures/ (the wasm with names).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Budgets (issue 8): printed beside each figure, never asserted. KB = 1024 bytes, gzip -9.
BUDGET_TRANSFER_KB=300
BUDGET_SINGLE_FILE_KB=400

gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
# "≤ N KB" and, when the bytes are over it, "over budget".
budget() { awk -v b="$1" -v n="$2" 'BEGIN { printf "≤ %d KB%s", n, (b > n * 1024 ? "  over budget" : "") }'; }

echo "== figures =="
if [ ! -d dist ]; then
  echo "dist/ is missing: run trunk build --release"
  exit 1
fi

echo "-- what the browser downloads"
total_raw=0
total_gz=0
printf '%-52s %12s %12s   %s\n' "file (dist/)" "raw" "gzip -9" "budget (gzip -9)"
while IFS= read -r -d '' f; do
  name="${f#dist/}"
  case "$name" in yomikurabe.html | .* | */.*) continue ;; esac
  raw=$(wc -c <"$f")
  z=$(gz "$f")
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + z))
  case "$name" in
    *.wasm | *.js | *.css | index.html) printf '%-52s %12s %12s\n' "$name" "$(kb "$raw")" "$(kb "$z")" ;;
  esac
done < <(find dist -type f -print0 | sort -z)
printf '%-52s %12s %12s   %s\n' "total transfer (all of dist/ but yomikurabe.html)" "$(kb "$total_raw")" "$(kb "$total_gz")" \
  "$(budget "$total_gz" "$BUDGET_TRANSFER_KB")"

if [ -f dist/yomikurabe.html ]; then
  single_gz=$(gz dist/yomikurabe.html)
  printf '%-52s %12s %12s   %s\n' "yomikurabe.html (single file)" "$(kb "$(wc -c <dist/yomikurabe.html)")" "$(kb "$single_gz")" \
    "$(budget "$single_gz" "$BUDGET_SINGLE_FILE_KB")"
else
  echo "yomikurabe.html (single file): not built"
fi

# Where the wasm's bytes go. Trunk's wasm-bindgen output, optimised as Trunk does (-Oz) but with
# -g so the name section stays: apart from that section, the same bytes as dist's wasm (checked).
echo
echo "-- where the wasm's bytes go"
bindgen=target/wasm-bindgen/release/yomikurabe-web_bg.wasm
named=target/figures/yomikurabe-web_bg.named.wasm
shipped=$(find dist -maxdepth 1 -name '*_bg.wasm' | head -1)
if [ ! -f "$bindgen" ] || [ -z "$shipped" ]; then
  echo "no figure: $bindgen or dist's wasm is missing (run trunk build --release)"
elif ! command -v wasm-opt >/dev/null 2>&1; then
  echo "no figure: wasm-opt is missing (scripts/setup.sh installs it)"
else
  mkdir -p target/figures
  if [ ! -f "$named" ] || [ "$bindgen" -nt "$named" ]; then
    nice wasm-opt -Oz -g "$bindgen" -o "$named"
  fi
  node scripts/wasm-sizes.mjs "$named" --same-as "$shipped" --corpus corpus --data 6
  echo
  if command -v twiggy >/dev/null 2>&1; then
    twiggy top --retained -f json "$named" | node -e '
      const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const names = items.filter((x) => /subsection$/.test(x.name)).reduce((a, x) => a + x.shallow_size, 0);
      const table = items.find((x) => x.name === "table[0]");
      const shipped = Number(process.argv[1]);
      const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
      const cut = (s) => (s.length > 96 ? s.slice(0, 95) + "…" : s);
      console.log(`top 20 items by retained size (${process.argv[2]} top --retained; % of the shipped wasm):`);
      console.log(`${"retained".padStart(10)} ${"shallow".padStart(10)} ${"%".padStart(6)}  item`);
      for (const x of items.filter((x) => !/subsection$/.test(x.name) && !/^(table|elem)\[/.test(x.name)).slice(0, 20)) {
        console.log(`${kb(x.retained_size).padStart(10)} ${kb(x.shallow_size).padStart(10)} ${(100 * x.retained_size / shipped).toFixed(1).padStart(6)}  ${cut(x.name)}`);
      }
      if (table) console.log(`(left out: table[0]/elem[0], the indirect-call table, which retains ${kb(table.retained_size)}: ` +
        `every function reachable only through it; and the name section, ${kb(names)}, not shipped)`);
    ' "$(wc -c <"$shipped")" "twiggy $(twiggy --version 2>/dev/null | awk '{print $2}')"
  else
    echo "twiggy is not installed (scripts/setup.sh installs it): top 20 functions by shallow size only"
    node scripts/wasm-sizes.mjs "$named" --only-top 20
  fi
fi

echo
echo "-- speed in headless Chromium (release wasm; e2e tests/e2e/performance.test.mjs)"
perf=tests/e2e/artifacts/perf.json
if [ -f "$perf" ]; then
  node - "$perf" <<'JS'
const f = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
if (f.schema !== 'yomikurabe.perf/2') {
  console.log(`perf.json has schema ${f.schema}: run the e2e tests again`);
  process.exit(0);
}
const b = f.budgets;
const d = f.first_document;
const e = f.environment;
const ms = (x) => (x === null || x === undefined ? '-' : `${x} ms`);
const row = (label, value, budget, over) => console.log(`${label.padEnd(62)} ${value.padStart(18)}   ${budget}${over ? '  over budget' : ''}`);
console.log(`Chromium ${e.chromium}, ${e.cpus} CPUs, ${e.runs} runs; long tasks observed: ${e.long_tasks_supported ? 'yes' : 'NO (no figures)'}`);
row('first document, cold load (median, fresh browser each)', ms(d.cold_median_ms), `≤ ${b.first_document_cold_ms} ms`, d.cold_median_ms > b.first_document_cold_ms);
console.log(`  runs: ${d.cold_runs_ms.join(', ')} ms; the reader with 4 columns: median ${ms(d.reader_4_columns_cold_median_ms)} (${d.reader_4_columns_cold_runs_ms.join(', ')})`);
row('first document, reload with warm caches (median)', ms(d.warm_median_ms), `≤ ${b.first_document_warm_ms} ms`, d.warm_median_ms > b.first_document_warm_ms);
console.log(`  runs: ${d.warm_runs_ms.join(', ')} ms; wasm from the cache: ${d.warm_wasm_from_cache.filter(Boolean).length} of ${d.warm_wasm_from_cache.length}`);
const med = (xs) => { const v = xs.filter((x) => typeof x === 'number').sort((p, q) => p - q); return v.length ? v[Math.floor(v.length / 2)] : null; };
for (const [label, loads] of [['cold', f.loads.cold], ['warm', f.loads.warm]]) {
  const m = (k) => med(loads.map((l) => l[k]));
  console.log(`  ${label}, medians: wasm fetched ${ms(m('wasm_fetched_ms'))}, app started (parse start) ${ms(m('parse_start_ms'))}, ` +
    `parse ${ms(med(loads.map((l) => Math.round((l.parse_end_ms - l.parse_start_ms) * 10) / 10)))}, first contentful paint ${ms(m('fcp_ms'))}, ` +
    `start-up done ${ms(m('startup_done_ms'))} (127.0.0.1, uncompressed: ${loads[0].transfer_bytes} bytes transferred)`);
}
const lt = f.long_tasks;
console.log(`main-thread long tasks from the first document on (median count, median longest, worst; budget: none over ${b.long_task_ms} ms):`);
for (const x of lt.situations) {
  const what = x.theme ? `${x.situation}: ${x.theme.id}, ${x.theme.occurrences} highlights` : x.situation;
  row(`  ${what}`, `${x.count}, ${ms(x.longest_ms)}, ${ms(x.worst_ms)}`, `none > ${b.long_task_ms} ms`, x.worst_ms !== null);
  console.log(`      runs (count/longest ms): ${x.runs.map((r) => `${r.count}/${r.longest_ms ?? '-'}`).join(', ')}`);
}
console.log(`  before the first document (counted in its time), cold library loads: ` +
  `${lt.before_first_document_ms.library_cold_runs.map((x) => `[${x.join(', ')}]`).join(' ')} ms`);
console.log('what the release wasm spends, from the app\'s marks (no budget; medians):');
console.log(`  ${'step'.padEnd(40)} ${'cold'.padStart(10)} ${'warm'.padStart(10)} ${'4 columns'.padStart(10)}   cold runs`);
for (const [name, s] of Object.entries(f.steps_ms)) {
  const calls = s.calls_per_load > 1 ? ` (${s.calls_per_load} calls, summed)` : '';
  console.log(`  ${(name + calls).padEnd(40)} ${ms(s.library_cold_median_ms).padStart(10)} ${ms(s.library_warm_median_ms).padStart(10)} ` +
    `${ms(s.reader_4_columns_median_ms).padStart(10)}   ${s.library_cold_runs_ms.map((x) => x ?? '-').join(', ')}`);
}
const t = f.measures_ms['theme-toggle-to-render'];
console.log(`  ${'theme toggle → highlights rendered'.padEnd(40)} ${''.padStart(10)} ${''.padStart(10)} ` +
  `${ms(t.reader_4_columns_median_ms).padStart(10)}   ${t.reader_4_columns_runs_ms.join(', ')}`);
console.log(`  (cold, warm: the ${e.runs} library loads above; 4 columns: the ${e.reader_runs} cold loads of the reader, with their panels and toggle)`);
console.log(`  (load average while measuring: ${e.load_average.join(', ')} on ${e.cpus} CPUs)`);
if (f.startup_marks_missing.length) console.log(`  marks never set (start-up window left open): ${f.startup_marks_missing.join(', ')}`);
JS
else
  echo "no figures (tests/e2e/artifacts/perf.json missing; run the e2e tests)"
fi

echo
if [ -f target/wasm-test.log ] && grep -q 'wasm parse of the default corpus' target/wasm-test.log; then
  echo "$(grep -o 'wasm parse of the default corpus.*' target/wasm-test.log | tail -1) [headless Chromium, unoptimised test build]"
fi

echo "native parse benchmark (cargo bench -p yomikurabe-core --bench parse):"
if ! cargo bench --quiet -p yomikurabe-core --bench parse 2>&1 | sed 's/^/  /'; then
  echo "  (benchmark failed)"
  exit 1
fi

# Analysis figures (issue 3 and 4): theme matching, key terms and alignment, extraction; search
# (issue 10: index build, per-query p50/p95 and the slowest queries).
for bench in themes terms extract search; do
  echo "native $bench benchmark (cargo bench -p yomikurabe-core --bench $bench):"
  if ! cargo bench --quiet -p yomikurabe-core --bench "$bench" 2>&1 | grep -E '^(figure| +MB| +[0-9.]+ +[0-9]+ | +slowest:| +without the n-gram| +\(not in the list)' | sed 's/^/  /'; then
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

adding_perf=tests/e2e/artifacts/adding-perf.json
if [ -f "$adding_perf" ]; then
  echo "own texts added in the reader (e2e, release wasm; budget: no task over 50 ms): $(tr -d '\n' <"$adding_perf" | tr -s ' ')"
fi

# Search (issue 10): ours in the release wasm next to MiniSearch and FlexSearch (character
# bigrams) on the same passages and queries; e2e tests/e2e/search-benchmark.test.mjs.
search_perf=tests/e2e/artifacts/search-perf.json
echo
echo "-- search in headless Chromium, side by side (e2e tests/e2e/search-benchmark.test.mjs)"
if [ -f "$search_perf" ]; then
  node - "$search_perf" <<'JS'
const f = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
if (f.schema !== 'yomikurabe.search-perf/1') {
  console.log(`search-perf.json has schema ${f.schema}: run the e2e tests again`);
  process.exit(0);
}
const b = f.budgets;
const v = (x) => (x === null || x === undefined ? '-' : String(x));
const pc = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
const over = (x, budget) => (x !== null && x !== undefined && x > budget ? '  over budget' : '');
const e = f.environment;
console.log(`Chromium ${e.chromium}, ${e.cpus} CPUs; ${f.corpus.passages} passages in ${f.corpus.documents} documents; ` +
  `${f.queries.length} queries (${f.recall.queries_counted} with a relevant passage), each ${e.reps} times after a warm-up`);
const all = f.recall.all_results || {};
const rows = [['engine', 'corpus', 'index build ms', 'p50 ms', 'p95 ms', 'max ms', 'mean ms', 'recall@20', 'recall, all results', 'budget']];
const o = f.engines.ours;
rows.push(o
  ? ['ours (wasm, in the app)', 'default', v(o.index_build_ms), v(o.p50_ms), v(o.p95_ms), v(o.max_ms), v(o.mean_ms), pc(o.recall_at_20), pc(all.ours), `p95 ≤ ${b.query_p95_default_ms} ms${over(o.p95_ms, b.query_p95_default_ms)}`]
  : ['ours (CLI ranking; no browser figures)', 'default', '-', '-', '-', '-', '-', pc(f.recall.ours), pc(all.ours), '']);
for (const name of ['minisearch', 'flexsearch']) {
  const c = f.engines[name];
  if (c) rows.push([`${name} ${c.version}`, 'default', v(c.index_build_ms), v(c.p50_ms), v(c.p95_ms), v(c.max_ms), v(c.mean_ms), pc(c.recall_at_20), pc(all[name]), '']);
}
if (f.ten_mb) {
  const t = f.ten_mb;
  rows.push(['ours (wasm, in the app)', 'default+10MB', v(t.ours.index_build_ms), v(t.ours.p50_ms), v(t.ours.p95_ms), v(t.ours.max_ms), v(t.ours.mean_ms), '', '', `p95 ≤ ${b.query_p95_10mb_ms} ms${over(t.ours.p95_ms, b.query_p95_10mb_ms)}`]);
  for (const name of ['minisearch', 'flexsearch']) {
    const c = t[name];
    if (c) rows.push([name, 'default+10MB', v(c.index_build_ms), v(c.p50_ms), v(c.p95_ms), v(c.max_ms), v(c.mean_ms), '', '', '']);
  }
}
const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [k, r] of rows.entries()) {
  console.log(r.map((c, i) => (i < 2 || i === 9 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ').trimEnd());
  if (k === 0) console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
}
if (o) {
  const t = f.ten_mb && f.ten_mb.ours;
  console.log(`ours' index build: the pipeline's search-index step (${v(o.index_build_ms)} ms; default+10MB ${v(t && t.index_build_ms)} ms) ` +
    `over the match keys the themes share (made first when missing: ${v(o.match_keys_ms)} ms; default+10MB ${v(t && t.match_keys_ms)} ms)`);
}
const keys = (label, k) => {
  const et = k.event_timing;
  console.log(`${label}, ${k.keystrokes} keystrokes: ` +
    (et.supported ? `Event Timing p50 ${v(et.p50_ms)}, p95 ${et.p95_label}, max ${v(et.max_ms)} ms, ${et.over_budget} over ${b.keystroke_ms} ms; handlers p95 ${v(et.processing.p95_ms)} ms`
      : 'Event Timing not available') +
    `; input → next frame p50 ${v(k.to_next_frame.p50_ms)}, p95 ${v(k.to_next_frame.p95_ms)}, max ${v(k.to_next_frame.max_ms)} ms`);
};
if (f.keystrokes) {
  const k = f.keystrokes;
  keys(`keystroke to paint, default corpus (${k.typed.join(', ')}; budget ≤ ${b.keystroke_ms} ms)` +
    (k.event_timing.supported && k.event_timing.p95_ms > b.keystroke_ms ? ' over budget' : ''), k);
  if (k.bare_input) keys('  the same typing into a bare <input>, no app (headless Chromium\'s floor)', k.bare_input);
}
if (f.ten_mb) {
  const t = f.ten_mb;
  const es = (x) => (x && x.essay_queries ? `${v(x.essay_queries.p50_ms)} / ${v(x.essay_queries.p95_ms)}` : '-');
  console.log(`default+10MB, the essay's words only (${t.queries.slice(-3).map((q) => q.query).join(', ')}; p50 / p95 ms): ` +
    `ours ${es(t.ours)}, minisearch ${es(t.minisearch)}, flexsearch ${es(t.flexsearch)}; ours' first query after the add ${v(t.ours.first_query_ms)} ms`);
}
console.log(`recall@20 (over all results) per query (relevant passages: hand-written spellings, NFKC, case, ・ and spaces folded):`);
console.log(`  ${'query'.padEnd(16)} ${'ours'.padStart(16)} ${'minisearch'.padStart(16)} ${'flexsearch'.padStart(16)}  relevant`);
const r = (q, k) => `${pc(q.recall[k])} (${pc((q.recall_all_results || {})[k])})`.padStart(16);
for (const q of f.queries) {
  console.log(`  ${q.query.padEnd(16)} ${r(q, 'ours')} ${r(q, 'minisearch')} ${r(q, 'flexsearch')}  ${q.relevant}`);
}
JS
else
  echo "no figures (tests/e2e/artifacts/search-perf.json missing; run the e2e tests)"
fi
