#!/usr/bin/env bash
# Installs, idempotently and only from package registries, everything yomikurabe's build and
# tests need on a fresh Debian machine of this kind (the steps and their costs: README.md):
#   rustup target wasm32-unknown-unknown; apt chromium, chromium-driver, fonts-noto-cjk;
#   trunk 0.22.1, wasm-bindgen-cli (= the wasm-bindgen version in Cargo.lock) and cargo-fuzz
#   (pinned in scripts/fuzz.sh) into ~/.cargo/bin;
#   twiggy 0.8.0 (the wasm size profiler scripts/figures.sh uses) into ~/.cargo/bin;
#   npm binaryen (wasm-opt), playwright-core, and minisearch and flexsearch (the search benchmark
#   compares against them), pinned in package-lock.json, into ./node_modules.
# Each step checks first and prints what it does. Source it (`. scripts/setup.sh`) to get PATH
# with node_modules/.bin and ~/.cargo/bin first; running it directly also works.

YK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.22.1"
TWIGGY_VERSION="0.8.0"

yk_log() { printf '[setup] %s\n' "$*"; }

yk_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# Another `cargo install <tool>` already running on this machine (e.g. started by hand)?
# Wait for it rather than compiling the same tool twice at once.
yk_wait_for_install() {
  local tool="$1" waited=0
  while pgrep -f "cargo install .*${tool}" >/dev/null 2>&1; do
    if [ $((waited % 60)) -eq 0 ]; then
      yk_log "another 'cargo install ${tool}' is running; waiting for it (${waited}s)"
    fi
    sleep 10
    waited=$((waited + 10))
  done
}

yk_setup_rust_target() {
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    yk_log "rust target wasm32-unknown-unknown: present"
  else
    yk_log "rust target wasm32-unknown-unknown: installing (rustup target add)"
    rustup target add wasm32-unknown-unknown
  fi
}

yk_setup_apt() {
  local missing=() pkg
  for pkg in chromium chromium-driver fonts-noto-cjk; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      :
    else
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    yk_log "apt chromium chromium-driver fonts-noto-cjk: present"
  else
    yk_log "apt: installing ${missing[*]} (apt-get update first)"
    yk_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    yk_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
}

yk_setup_trunk() {
  local have=""
  if command -v trunk >/dev/null 2>&1; then have="$(trunk --version 2>/dev/null | awk '{print $2}')"; fi
  if [ "$have" = "$TRUNK_VERSION" ]; then
    yk_log "trunk ${TRUNK_VERSION}: present"
    return
  fi
  yk_wait_for_install trunk
  have=""
  if command -v trunk >/dev/null 2>&1; then have="$(trunk --version 2>/dev/null | awk '{print $2}')"; fi
  if [ "$have" = "$TRUNK_VERSION" ]; then
    yk_log "trunk ${TRUNK_VERSION}: present"
    return
  fi
  yk_log "trunk: have '${have:-none}', installing ${TRUNK_VERSION} with cargo install (takes ~9 min cold)"
  # 0.22.x declares rustc 1.96 but builds and works on older stable: --ignore-rust-version.
  cargo install --locked --ignore-rust-version trunk --version "$TRUNK_VERSION"
}

yk_wasm_bindgen_lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$YK_ROOT/Cargo.lock"
}

yk_setup_wasm_bindgen() {
  local want have="" runner=""
  want="$(yk_wasm_bindgen_lock_version)"
  if [ -z "$want" ]; then
    yk_log "ERROR: no wasm-bindgen version in Cargo.lock" >&2
    return 1
  fi
  if command -v wasm-bindgen >/dev/null 2>&1; then have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"; fi
  if command -v wasm-bindgen-test-runner >/dev/null 2>&1; then runner=yes; fi
  if [ "$have" = "$want" ] && [ -n "$runner" ]; then
    yk_log "wasm-bindgen-cli ${want}: present"
    return
  fi
  yk_wait_for_install wasm-bindgen-cli
  have=""
  if command -v wasm-bindgen >/dev/null 2>&1; then have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"; fi
  if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    yk_log "wasm-bindgen-cli ${want}: present"
    return
  fi
  yk_log "wasm-bindgen-cli: have '${have:-none}', installing ${want} (= Cargo.lock) with cargo install (~2 min)"
  # Not --locked: its own lock file pins a crate version that is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$want"
}

# twiggy: where the wasm's bytes go (retained sizes) for scripts/figures.sh. Measured: 5 min
# wall-clock on 2 shared, busy cores (1 min 38 s of CPU); a figure only, so a failed install is
# reported and the figures fall back to shallow sizes.
yk_setup_twiggy() {
  local have=""
  if command -v twiggy >/dev/null 2>&1; then have="$(twiggy --version 2>/dev/null | awk '{print $2}')"; fi
  if [ "$have" = "$TWIGGY_VERSION" ]; then
    yk_log "twiggy ${TWIGGY_VERSION}: present"
    return
  fi
  yk_wait_for_install twiggy
  have=""
  if command -v twiggy >/dev/null 2>&1; then have="$(twiggy --version 2>/dev/null | awk '{print $2}')"; fi
  if [ "$have" = "$TWIGGY_VERSION" ]; then
    yk_log "twiggy ${TWIGGY_VERSION}: present"
    return
  fi
  yk_log "twiggy: have '${have:-none}', installing ${TWIGGY_VERSION} with cargo install (~2-5 min)"
  cargo install --locked twiggy --version "$TWIGGY_VERSION" ||
    yk_log "WARNING: twiggy did not install; scripts/figures.sh will show shallow sizes only"
}

yk_setup_cargo_fuzz() {
  bash "$YK_ROOT/scripts/fuzz.sh" install
}

yk_setup_npm() {
  local stamp="$YK_ROOT/node_modules/.yomikurabe-lock.sha256" want
  want="$(sha256sum "$YK_ROOT/package-lock.json" | awk '{print $1}')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$YK_ROOT/node_modules/.bin/wasm-opt" ]; then
    yk_log "npm binaryen, playwright-core, minisearch, flexsearch: present (package-lock.json unchanged)"
  else
    yk_log "npm: installing binaryen (wasm-opt), playwright-core, minisearch and flexsearch from package-lock.json (npm ci)"
    (cd "$YK_ROOT" && npm ci --no-audit --no-fund)
    printf '%s\n' "$want" >"$stamp"
  fi
}

yk_setup_all() {
  set -euo pipefail
  export PATH="$YK_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
  yk_setup_rust_target
  yk_setup_apt
  yk_setup_npm
  yk_setup_trunk
  yk_setup_wasm_bindgen
  yk_setup_cargo_fuzz
  yk_setup_twiggy
  yk_log "tools: $(trunk --version 2>/dev/null), $(wasm-bindgen --version 2>/dev/null), $(wasm-opt --version 2>/dev/null | head -1), $(twiggy --version 2>/dev/null | head -1), node $(node --version)"
}

yk_setup_all
