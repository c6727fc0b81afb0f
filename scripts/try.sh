#!/usr/bin/env bash
# `npm run try`: try Comet Complete in a real VS Code (code-server) in your browser.
#
# Installs what is missing, builds and packages the extension (comet-complete.vsix), installs the
# .vsix into a throw-away code-server profile, opens a copy of sample/, prints the URL, and runs
# until Ctrl+C (then stops everything and deletes the profile).
#
#   npm run try
#   COMET_BASE_URL=http://127.0.0.1:8080/v1 npm run try          # any OpenAI-compatible server
#   npm run try -- --base-url http://127.0.0.1:11434/v1 --model qwen2.5-coder:1.5b --port 9000
#
# Options (or environment):
#   --base-url URL   (COMET_BASE_URL)  written to the user setting cometComplete.baseUrl
#   --model NAME     (COMET_MODEL)     written to cometComplete.model
#   --port N         (PORT, 8765)      port of code-server; when the default is taken, a free one is used
#   --host ADDR      (HOST, 127.0.0.1) address to bind; anything but loopback gets a password
#   --folder DIR     (COMET_FOLDER)    open this folder instead of a copy of sample/
#   --no-build                         reuse comet-complete.vsix as it is
set -euo pipefail
LOG_TAG=try
# shellcheck source=e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh"
cd "$ROOT"

base_url="${COMET_BASE_URL:-}"
model="${COMET_MODEL:-}"
# Not 8080 (code-server's own default, and llama-server's), 8000 (vLLM), 11434 (Ollama) or 1234 (LM Studio):
# the model server you point COMET_BASE_URL at is probably on one of those.
DEFAULT_PORT=8765
port="${PORT:-}"
host="${HOST:-127.0.0.1}"
folder="${COMET_FOLDER:-}"
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --base-url) base_url="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --host) host="$2"; shift 2 ;;
    --folder) folder="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[ -z "$port" ] || [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
if [ -n "$base_url" ] && ! [[ "$base_url" =~ ^https?:// ]]; then
  die "the base URL must start with http:// or https://, got '$base_url'"
fi

ensure_system_packages ripgrep libkrb5-dev
ensure_node_modules
ensure_code_server

vsix="$ROOT/comet-complete.vsix"
if [ "$build" = 1 ] || [ ! -f "$vsix" ]; then
  log "building and packaging comet-complete.vsix"
  npm run --silent package >/dev/null
fi
[ -f "$vsix" ] || die "npm run package made no comet-complete.vsix"

# Everything code-server writes (profile, logs, HOME, temp files) stays in this folder.
TRY_DIR="$(mktemp -d "${TMPDIR:-/tmp}/comet-try.XXXXXX")"
cs_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$cs_pid" ] && kill -0 -- "-$cs_pid" 2>/dev/null; then
    log "stopping code-server"
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$cs_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  rm -rf "$TRY_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$TRY_DIR"/{home,tmp,run,user-data/User,extensions}
chmod 700 "$TRY_DIR/run"
iso_env=(HOME="$TRY_DIR/home" XDG_CONFIG_HOME="$TRY_DIR/home/.config" XDG_DATA_HOME="$TRY_DIR/home/.local/share"
  XDG_CACHE_HOME="$TRY_DIR/home/.cache" XDG_STATE_HOME="$TRY_DIR/home/.local/state" XDG_RUNTIME_DIR="$TRY_DIR/run" TMPDIR="$TRY_DIR/tmp")

if [ -z "$folder" ]; then
  folder="$TRY_DIR/sample"
  cp -R "$ROOT/sample" "$folder"
fi
folder="$(cd "$folder" && pwd)"

node - "$TRY_DIR/user-data/User/settings.json" "$base_url" "$model" <<'EOF'
const [file, baseUrl, model] = process.argv.slice(2);
const settings = {
  'remote.autoForwardPorts': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};
if (baseUrl) settings['cometComplete.baseUrl'] = baseUrl;
if (model) settings['cometComplete.model'] = model;
require('fs').writeFileSync(file, JSON.stringify(settings, null, 2));
EOF

# port_free HOST PORT: whether a server could listen there now.
port_free() {
  node -e 'const s = require("net").createServer(); s.once("error", () => process.exit(1));
    s.listen(Number(process.argv[2]), process.argv[1], () => s.close(() => process.exit(0)));' "$1" "$2"
}
if [ -z "$port" ]; then
  port="$DEFAULT_PORT"
  if ! port_free "$host" "$port"; then
    port="$(node -e 'const s = require("net").createServer();
      s.listen(0, process.argv[1], () => { process.stdout.write(String(s.address().port)); s.close(); });' "$host")"
    log "port $DEFAULT_PORT is in use: code-server takes the free port $port"
  fi
elif ! port_free "$host" "$port"; then
  die "port $port on $host is in use (another server?); choose another with --port, or leave it out for a free one"
fi

entry=(node "$CODE_SERVER_ENTRY" --user-data-dir "$TRY_DIR/user-data" --extensions-dir "$TRY_DIR/extensions")
log "installing comet-complete.vsix into the throw-away profile"
env "${iso_env[@]}" "${entry[@]}" --install-extension "$vsix" --force >"$TRY_DIR/install.log" 2>&1 ||
  { cat "$TRY_DIR/install.log" >&2; die "code-server could not install the .vsix"; }

auth=(--auth none)
password=""
case "$host" in
  127.*|localhost|::1) ;;
  *)
    password="$(node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))')"
    auth=(--auth password)
    log "binding $host (not loopback): the page asks for a password"
    ;;
esac

# Its own process group (setsid), so that stopping it stops the extension host too.
env "${iso_env[@]}" PASSWORD="$password" setsid "${entry[@]}" "${auth[@]}" --bind-addr "$host:$port" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  >"$TRY_DIR/code-server.log" 2>&1 </dev/null &
cs_pid=$!

url_host="$host"
[[ "$host" == *:* ]] && url_host="[$host]"
for _ in $(seq 1 300); do
  if ! kill -0 "$cs_pid" 2>/dev/null; then
    tail -n 20 "$TRY_DIR/code-server.log" >&2
    die "code-server stopped (is port $port in use? try another with --port)"
  fi
  if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "http://$url_host:$port/healthz" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://$url_host:$port/healthz" ||
  die "code-server did not answer on $url_host:$port within 60 s (log: $TRY_DIR/code-server.log)"

url="http://$url_host:$port/?folder=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$folder")"
{
  echo
  echo "  Comet Complete is running in VS Code (code-server $CODE_SERVER_VERSION)."
  echo
  echo "    Open:      $url"
  [ -n "$password" ] && echo "    Password:  $password"
  echo "    Endpoint:  ${base_url:-the default (https://api.cometapi.com/v1); set COMET_BASE_URL for another server}"
  if [ "$folder" = "$TRY_DIR/sample" ]; then
    echo "    Folder:    a copy of sample/ (deleted on exit)"
  else
    echo "    Folder:    $folder"
  fi
  echo
  echo "  Then: F1 → \"Comet Complete: Set API Key\", open a file and type. sample/README.md lists more."
  echo "  Press Ctrl+C to stop."
  echo
}
wait "$cs_pid" || true
log "code-server exited (log above, if any)"
tail -n 20 "$TRY_DIR/code-server.log" >&2 || true
