# Shared by scripts/run and scripts/test: set up everything on a fresh Debian or Ubuntu
# machine, idempotently, so a second run only checks and goes on.
# scripts/run needs only setup_python (the app and its runtime packages); scripts/test adds
# setup_test_tools (test packages, browser, fonts, wrk, the Observatory scanner).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# The MDN HTTP Observatory scanner (tests/test_observatory.py), pinned, kept in the project.
OBSERVATORY_VERSION=1.4.8
OBSERVATORY_DIR=.tools/observatory

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Please install as root: apt-get install $*" >&2; exit 1; }
    sudo=sudo
  fi
  echo "Installing with apt-get: $*"
  # Wait for another apt or dpkg run to finish instead of failing on its lock.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

# pip_install NAME REQUIREMENT: install once per change of pyproject.toml.
pip_install() {
  local stamp="$VENV/.installed-$1-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$2"
    rm -f "$VENV/.installed-$1-"*
    touch "$stamp"
  fi
}

setup_python() {
  local missing=()
  command -v "$PYTHON" >/dev/null || missing+=(python3)
  command -v "$PYTHON" >/dev/null && "$PYTHON" -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" python3-pip
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  fi
  pip_install run .  # the app and what it needs to run: nothing for tests
  if [ -d translations ] && compgen -G "translations/*/LC_MESSAGES/messages.po" >/dev/null; then
    "$VENV/bin/python" -m webapp.translate compile
  fi
}

setup_fonts() {
  # Printing is tested with each common sans-serif family forced in turn, and every
  # language needs glyphs: Latin and Vietnamese (Liberation, DejaVu, Noto Sans), Chinese
  # (Noto Sans CJK) and Arabic (Noto Sans Arabic), so no test or screenshot shows boxes.
  local missing=()
  fc-list -q "Liberation Sans" 2>/dev/null || missing+=(fonts-liberation)
  fc-list -q "DejaVu Sans" 2>/dev/null || missing+=(fonts-dejavu-core)
  { fc-list -q "Noto Sans" && fc-list -q "Noto Sans Arabic"; } 2>/dev/null || missing+=(fonts-noto-core)
  fc-list -q "Noto Sans CJK SC" 2>/dev/null || missing+=(fonts-noto-cjk)
  command -v fc-list >/dev/null || missing+=(fontconfig)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

node_is_recent() {
  command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'
}

setup_observatory() {
  command -v openssl >/dev/null || apt_install openssl  # the throwaway certificate
  node_is_recent || command -v node >/dev/null || apt_install nodejs npm
  if ! node_is_recent; then
    echo "Note: the Observatory test needs Node.js 20 or later; it will be skipped." >&2
    return
  fi
  command -v npm >/dev/null || apt_install npm
  local scanner="$OBSERVATORY_DIR/node_modules/@mdn/mdn-http-observatory"
  if [ "$(node -p "require('./$scanner/package.json').version" 2>/dev/null)" != "$OBSERVATORY_VERSION" ]; then
    # --ignore-scripts: no install script runs. The one skipped downloads Chromium's HSTS
    # preload list; the scanner needs the file, and our loopback host is on no such list.
    npm install --prefix "$OBSERVATORY_DIR" --ignore-scripts --no-audit --no-fund \
      --loglevel=error "@mdn/mdn-http-observatory@$OBSERVATORY_VERSION"
  fi
  [ -f "$scanner/conf/hsts-preload.json" ] || echo '{}' > "$scanner/conf/hsts-preload.json"
}

setup_test_tools() {
  pip_install test ".[test]"
  setup_fonts
  setup_observatory
  # wrk drives the soak test (tests/test_soak.py) against the production server.
  command -v wrk >/dev/null || apt_install wrk
  # Debian's nginx (and its brotli_static module) runs deploy/nginx.conf in
  # tests/test_front_server.py and benchmarks/front.py; the service itself is not started.
  [ -x /usr/sbin/nginx ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
    || apt_install nginx libnginx-mod-http-brotli-static
  # Playwright's own Chromium when it is installed; otherwise Debian's.
  if "$VENV/bin/python" - <<'PY'
import os, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    sys.exit(0 if os.path.exists(p.chromium.executable_path) else 1)
PY
  then return; fi
  command -v chromium >/dev/null || apt_install chromium
}
