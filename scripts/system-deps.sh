#!/usr/bin/env bash
# Installs the Debian packages the tests need, or names the one command to run.
# zbar-tools: zbarimg reads back the QR codes of the print views and PDFs (tests/test_print.py).
set -euo pipefail
PKGS=(chromium poppler-utils fonts-noto-core nginx-light libreoffice-writer-nogui zbar-tools)
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -q "NotoSans-Regular" || missing+=(fonts-noto-core)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Cài gói hệ thống: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Thiếu gói hệ thống: ${missing[*]}. Chạy:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${PKGS[*]}" >&2
  exit 1
fi
