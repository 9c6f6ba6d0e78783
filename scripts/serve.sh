#!/usr/bin/env bash
# README command 1: install what is missing, build the app, and serve it on http://127.0.0.1:$PORT/.
#   trunk build --release                          -> dist/ (static site, any host or sub-path)
#   cargo run --release -p yomikurabe-cli -- bundle dist -> dist/yomikurabe.html (one file, works from file://)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
. scripts/setup.sh

PORT="${PORT:-8080}"
if ! python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.close()' "$PORT" 2>/dev/null; then
  echo "[serve] port ${PORT} on 127.0.0.1 is already in use; choose another: PORT=8081 ./scripts/serve.sh" >&2
  exit 1
fi

echo "[serve] trunk build --release"
trunk build --release

echo "[serve] cargo run --release -p yomikurabe-cli -- bundle dist"
single=""
if cargo run --quiet --release -p yomikurabe-cli -- bundle dist; then
  if [ -f dist/yomikurabe.html ]; then single="$(pwd)/dist/yomikurabe.html"; fi
else
  echo "[serve] NOTE: the single-file build could not be made (the CLI's 'bundle' command failed or is not there yet);"
  echo "[serve]       the site in dist/ is served anyway."
fi

echo
echo "[serve] yomikurabe is at  http://127.0.0.1:${PORT}/"
if [ -n "$single" ]; then
  echo "[serve] single-file build: ${single}  (open it directly, no server needed)"
fi
echo "[serve] serving dist/ until Ctrl-C"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
