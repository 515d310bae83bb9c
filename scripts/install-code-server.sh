#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest line that runs on Node 20) from the npm
# registry, for the extension tests on machines that cannot download VS Code itself.
# Usage: scripts/install-code-server.sh DEST   (then DEST/node_modules/.bin/code-server --version)
# Needs Debian packages: build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep
set -euo pipefail
DEST="${1:?usage: install-code-server.sh DEST}"
mkdir -p "$DEST" && cd "$DEST"
[ -f package.json ] || npm init -y >/dev/null
# Its postinstall refuses root and downloads ripgrep from a host that may be unreachable: do its steps here.
npm install code-server@4.100.3 --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild argon2 --loglevel=error
VS="$DEST/node_modules/code-server/lib/vscode"
cd "$VS"
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
# Native modules of the VS Code server, compiled against the local Node headers.
npm_config_yes=true npm rebuild kerberos @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog node-pty --loglevel=error \
  || echo "warning: a native rebuild reported an error (node-pty's post-install is known to); the tests show whether it matters"
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error && node postinstall.mjs >/dev/null)
"$DEST/node_modules/.bin/code-server" --version
