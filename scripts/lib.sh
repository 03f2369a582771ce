# Shared by scripts/run and scripts/test: set up everything on a fresh Debian or Ubuntu
# machine, idempotently, so a second run only checks and goes on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Please install as root: apt-get install $*" >&2; exit 1; }
    sudo=sudo
  fi
  echo "Installing with apt-get: $*"
  # Other jobs may hold the apt lock: wait for it (up to 10 minutes) instead of failing.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

setup_python() {
  local missing=()
  command -v "$PYTHON" >/dev/null || missing+=(python3)
  command -v "$PYTHON" >/dev/null && "$PYTHON" -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" python3-pip
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  # Reinstall only when the dependencies changed.
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  if [ -d translations ] && compgen -G "translations/*/LC_MESSAGES/messages.po" >/dev/null; then
    "$VENV/bin/python" -m webapp.translate compile
  fi
}

setup_test_tools() {
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
