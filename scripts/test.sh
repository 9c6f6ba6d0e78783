#!/usr/bin/env bash
# README command 2: runs every test (installs what is missing first). Fails if any step fails.
#   format check; native unit/property/integration tests; a short fuzzing run of every core stage
#   (scripts/fuzz.sh short, under a minute once built); the core parser in WebAssembly in
#   headless Chromium; release build; single-file bundle; end-to-end tests in headless Chromium;
#   then prints the size and speed figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
. scripts/setup.sh

started=$(date +%s)
step() {
  printf '\n[test] ==== %s  (%ss elapsed)\n' "$1" "$(($(date +%s) - started))"
}

mkdir -p target

step "cargo fmt --all --check"
cargo fmt --all --check

step "cargo test --workspace (native)"
cargo test --workspace --no-fail-fast

step "fuzzing, short (scripts/fuzz.sh short: decoder, parser and every analysis stage, fails on any crash)"
cargo fmt --manifest-path fuzz/Cargo.toml --check
bash scripts/fuzz.sh short

step "cargo test -p yomikurabe-web --target wasm32-unknown-unknown (headless Chromium)"
unset GECKODRIVER SAFARIDRIVER
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test -p yomikurabe-web --target wasm32-unknown-unknown -- --nocapture 2>&1 | tee target/wasm-test.log

step "trunk build --release"
trunk build --release

step "cargo run --release -p yomikurabe-cli -- bundle dist"
rm -f dist/yomikurabe.html
cargo run --release -p yomikurabe-cli -- bundle dist
test -f dist/yomikurabe.html || { echo "[test] bundle did not write dist/yomikurabe.html" >&2; exit 1; }
# That it runs alone from file:// is an end-to-end test below (tests/e2e/single-file.test.mjs).

step "end-to-end tests (node --test tests/e2e/*.test.mjs, playwright-core + /usr/bin/chromium)"
rm -rf tests/e2e/artifacts
e2e_status=0
node --test --test-concurrency=1 --test-reporter=tap tests/e2e/*.test.mjs 2>&1 | tee target/e2e.tap || e2e_status=$?

step "figures"
bash scripts/figures.sh

printf '\n[test] all steps done in %ss\n' "$(($(date +%s) - started))"
# The end-to-end summary again, last, so the closing lines say how the final runner went.
grep -E '^# (tests|pass|fail) [0-9]+$' target/e2e.tap || true
exit "$e2e_status"
