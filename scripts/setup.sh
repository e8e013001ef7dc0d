#!/usr/bin/env bash
# Set up everything the project needs on a fresh Debian 12 / Python 3.11 machine:
# Debian packages (Chromium and CJK fonts for the browser tests, GDAL's ogrinfo
# as an independent reader of the exports, QGIS (python3-qgis) to open what GIS
# users receive, PostgreSQL + PostGIS for the team store and the PostGIS export,
# poppler-utils to read printed PDFs back, npm), a virtual environment in .venv
# with the package and its test tools, and the locally served Leaflet assets.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="chromium fonts-noto-cjk gdal-bin python3-venv python3-qgis qgis-providers postgresql-15-postgis-3 poppler-utils"
# npm installs the pinned Leaflet assets; Debian's npm brings Node.js where none is installed
command -v npm >/dev/null 2>&1 || APT_PACKAGES="$APT_PACKAGES npm"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
missing=""
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# Leaflet and its plugins, pinned by package-lock.json, served locally by the viewer
npm ci --prefix geo/view/assets --no-audit --no-fund --loglevel=error
echo "setup done: .venv is ready"
