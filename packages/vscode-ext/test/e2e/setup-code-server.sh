#!/usr/bin/env bash
# Installs everything the VS Code end-to-end test needs, idempotently:
#   - Debian packages: chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config,
#     and fonts-wqy-microhei (a CJK font: without one, Chinese text is boxes in the screenshots)
#   - code-server (version in paths.mjs) following /work/shared/notes/vscode-e2e.md,
#     in ${SUAN_E2E_CACHE:-<repo>/.cache/e2e}/code-server-<version>-abi<node ABI>/
#   - playwright-core (pinned in paths.mjs) in its own package folder in the same cache.
# A marker file in each folder records a completed install; a second run only checks and exits.
# An install folder without its marker (an interrupted run) is wiped and redone from scratch.
#
# Usage: bash packages/vscode-ext/test/e2e/setup-code-server.sh
# Env:   SUAN_E2E_CACHE (cache root), SUAN_E2E_FORCE=1 (reinstall code-server and playwright-core)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
T0=$SECONDS
CURRENT_STEP="start"

log() { printf '[e2e-setup +%3ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() {
  printf '\n[e2e-setup] FAILED during step: %s\n[e2e-setup] %s\n' "$CURRENT_STEP" "$*" >&2
  exit 1
}
trap 'rc=$?; printf "\n[e2e-setup] FAILED (exit %s) during step: %s\n[e2e-setup] command: %s (line %s)\n" "$rc" "$CURRENT_STEP" "$BASH_COMMAND" "$LINENO" >&2' ERR
step() { CURRENT_STEP="$*"; log "==> $*"; }
run() { log "+ $*"; "$@"; }

# ---------------------------------------------------------------- node + paths
command -v node >/dev/null 2>&1 || die "node is not on PATH (node 20 is required)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != "20" ]; then
  log "WARNING: node $(node --version) found; code-server 4.100.3 declares engines node 20 (continuing)"
fi
eval "$(node "$HERE/paths.mjs" --shell)" || die "could not read paths from $HERE/paths.mjs"

log "code-server $CODE_SERVER_VERSION + playwright-core $PLAYWRIGHT_CORE_VERSION, node $(node --version) (ABI $NODE_ABI)"
log "cache: $CACHE_DIR"

mkdir -p "$CACHE_DIR"
# Serialise concurrent runs (two test workers, two shells) on one cache.
exec 9>"$CACHE_DIR/.setup.lock"
if ! flock -n 9; then
  log "another setup run holds $CACHE_DIR/.setup.lock; waiting for it"
  flock 9
fi

# ---------------------------------------------------------------- Debian packages
step "Debian packages"
DEB_PACKAGES=(chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config "$CJK_FONT_PACKAGE")
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "missing Debian packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  run "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
  run "${SUDO[@]}" apt-get install -y -q "${missing[@]}" || die "apt-get install ${missing[*]} failed"
else
  log "all present: ${DEB_PACKAGES[*]}"
fi
[ -x "$CHROMIUM_PATH" ] || die "$CHROMIUM_PATH is missing after installing chromium"
RG="$(command -v rg || true)"
[ -n "$RG" ] || die "rg is missing after installing ripgrep"

# node-gyp must not try to download node headers (no internet): point it at the local ones.
if [ -z "${npm_config_nodedir:-}" ]; then
  NODE_PREFIX="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
  if [ -f "$NODE_PREFIX/include/node/node_api.h" ]; then
    export npm_config_nodedir="$NODE_PREFIX"
  else
    log "WARNING: no node headers under $NODE_PREFIX/include/node; node-gyp may try to download them"
  fi
fi

NPM_FLAGS=(--no-audit --no-fund --no-update-notifier --loglevel=warn)

# ---------------------------------------------------------------- code-server
if [ "${SUAN_E2E_FORCE:-}" = "1" ]; then
  rm -f "$CODE_SERVER_MARKER" "$PLAYWRIGHT_MARKER"
fi

if [ -f "$CODE_SERVER_MARKER" ] && [ -f "$CODE_SERVER_ENTRY" ]; then
  log "code-server $CODE_SERVER_VERSION: cached ($CODE_SERVER_DIR)"
else
  CS_T0=$SECONDS
  if [ -e "$CODE_SERVER_DIR" ]; then
    log "removing incomplete install $CODE_SERVER_DIR"
    rm -rf "$CODE_SERVER_DIR"
  fi
  mkdir -p "$CODE_SERVER_DIR"
  # Own package.json: otherwise npm walks up and installs into the repo's root project.
  printf '{\n  "name": "suan-e2e-code-server",\n  "private": true,\n  "description": "code-server for Suan e2e tests (cache, not a product dependency)"\n}\n' \
    >"$CODE_SERVER_DIR/package.json"
  VSCODE_DIR="$CODE_SERVER_PKG/lib/vscode"

  step "code-server 1/6: npm install --ignore-scripts code-server@$CODE_SERVER_VERSION"
  (cd "$CODE_SERVER_DIR" && run npm install --ignore-scripts --no-workspaces "${NPM_FLAGS[@]}" "code-server@$CODE_SERVER_VERSION") \
    || die "npm install code-server@$CODE_SERVER_VERSION failed"
  [ -f "$CODE_SERVER_ENTRY" ] || die "$CODE_SERVER_ENTRY missing after npm install"

  step "code-server 2/6: lib/vscode npm install --omit=dev --ignore-scripts"
  (cd "$VSCODE_DIR" && run npm install --omit=dev --ignore-scripts --no-workspaces "${NPM_FLAGS[@]}") \
    || die "npm install in $VSCODE_DIR failed"

  step "code-server 3/6: Debian rg as @vscode/ripgrep's binary"
  mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
  run ln -sfn "$RG" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
  "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || die "rg symlink does not run"

  step "code-server 4/6: rebuild native modules in lib/vscode"
  # One at a time so a failure names its module. node-pty's own install script fails on a
  # cosmetic step after its binary is built (recipe), so a non-zero exit is accepted when the
  # module has a freshly built .node file; anything else is fatal.
  for mod in node-pty @vscode/spdlog @parcel/watcher kerberos native-watchdog @vscode/deviceid; do
    moddir="$VSCODE_DIR/node_modules/$mod"
    [ -d "$moddir" ] || die "$mod is not installed in $VSCODE_DIR/node_modules"
    stamp="$(mktemp)"
    if (cd "$VSCODE_DIR" && run env npm_config_unsafe_perm=true npm rebuild "${NPM_FLAGS[@]}" "$mod"); then
      rm -f "$stamp"
    else
      rc=$?
      built="$(find "$moddir" -name '*.node' -newer "$stamp" -print -quit)"
      rm -f "$stamp"
      [ -n "$built" ] || die "npm rebuild $mod failed (exit $rc) and built no .node binary"
      log "note: npm rebuild $mod exited $rc but built ${built#"$VSCODE_DIR/"}; continuing (known for node-pty)"
    fi
  done

  step "code-server 5/6: what postinstall.sh does after its npm install"
  (cd "$VSCODE_DIR" && run ln -sfn node_modules node_modules.asar)
  (cd "$VSCODE_DIR/bin/remote-cli" && run ln -sf code-linux.sh code-server)
  (cd "$VSCODE_DIR/bin/helpers" && run ln -sf browser-linux.sh browser.sh)
  (cd "$VSCODE_DIR/extensions" && run npm install --omit=dev --ignore-scripts --no-workspaces "${NPM_FLAGS[@]}") \
    || die "npm install in $VSCODE_DIR/extensions failed"

  step "code-server 6/6: npm rebuild argon2 (top level)"
  (cd "$CODE_SERVER_DIR" && run env npm_config_unsafe_perm=true npm rebuild "${NPM_FLAGS[@]}" argon2) \
    || die "npm rebuild argon2 failed"

  step "code-server: verify"
  (cd "$VSCODE_DIR" && node -e '
    for (const m of ["node-pty", "@vscode/spdlog", "@parcel/watcher", "kerberos", "native-watchdog", "@vscode/deviceid"]) {
      try { require(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
    }') || die "a native module in lib/vscode does not load"
  (cd "$CODE_SERVER_DIR" && node -e 'require("argon2")') || die "argon2 does not load"
  # code-server writes a default config.yaml on any start: keep it out of $HOME.
  xdg="$(mktemp -d)"
  csv="$(XDG_CONFIG_HOME="$xdg/config" XDG_DATA_HOME="$xdg/data" node "$CODE_SERVER_ENTRY" --version 2>&1)" \
    || die "code-server --version failed: $csv"
  rm -rf "$xdg"
  csv="$(printf '%s\n' "$csv" | grep -E "^$CODE_SERVER_VERSION " || true)"
  [ -n "$csv" ] || die "code-server --version did not report $CODE_SERVER_VERSION"
  log "code-server --version: $csv"

  printf '{"codeServer":"%s","node":"%s","abi":"%s","installedAt":"%s","seconds":%d}\n' \
    "$CODE_SERVER_VERSION" "$(node --version)" "$NODE_ABI" "$(date -u +%FT%TZ)" "$((SECONDS - CS_T0))" \
    >"$CODE_SERVER_MARKER"
  log "code-server $CODE_SERVER_VERSION installed in $((SECONDS - CS_T0))s"
fi

# ---------------------------------------------------------------- playwright-core
if [ -f "$PLAYWRIGHT_MARKER" ] && [ -d "$PLAYWRIGHT_DIR/node_modules/playwright-core" ]; then
  log "playwright-core $PLAYWRIGHT_CORE_VERSION: cached ($PLAYWRIGHT_DIR)"
else
  step "playwright-core $PLAYWRIGHT_CORE_VERSION"
  [ -e "$PLAYWRIGHT_DIR" ] && rm -rf "$PLAYWRIGHT_DIR"
  mkdir -p "$PLAYWRIGHT_DIR"
  printf '{\n  "name": "suan-e2e-playwright",\n  "private": true\n}\n' >"$PLAYWRIGHT_DIR/package.json"
  # playwright-core downloads no browser (we use Debian's chromium).
  (cd "$PLAYWRIGHT_DIR" && run npm install --no-workspaces "${NPM_FLAGS[@]}" "playwright-core@$PLAYWRIGHT_CORE_VERSION") \
    || die "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION failed"
  (cd "$PLAYWRIGHT_DIR" && node -e 'require("playwright-core").chromium') || die "playwright-core does not load"
  printf '{"playwrightCore":"%s","installedAt":"%s"}\n' "$PLAYWRIGHT_CORE_VERSION" "$(date -u +%FT%TZ)" \
    >"$PLAYWRIGHT_MARKER"
fi

CURRENT_STEP="done"
log "ready in $((SECONDS - T0))s: code-server $CODE_SERVER_ENTRY, playwright-core $PLAYWRIGHT_DIR, chromium $CHROMIUM_PATH"
