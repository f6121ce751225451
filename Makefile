# Sổ tay sinh hoạt chi bộ. `make serve` and `make test` are all the set-up needed:
# the first run creates .venv from requirements.lock (pinned, with hashes).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock 2>/dev/null | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# This checkout's own scripts/ (also when .venv was made in another copy).
export PYTHONPATH := $(CURDIR)/scripts

.PHONY: serve build check test test-unit test-browser system-deps offline bench lock clean help

help:
	@echo "make serve   xem trước site tại http://127.0.0.1:8000/"
	@echo "make build   dựng site/ (kiểm tra nghiêm ngặt) và các bản xuất; RELEASE=1 SITE_URL=… cho bản phát hành"
	@echo "make check   kiểm tra nội dung (liên kết, mẫu, căn cứ, chính tả tiếng Việt, hạn rà soát)"
	@echo "make test    dựng site, kiểm tra và chạy toàn bộ bài kiểm thử (cả trình duyệt)"
	@echo "make test-unit  các bài kiểm thử nhanh (không cần site đã dựng, trình duyệt, PDF; dưới một phút)"
	@echo "make offline dựng bản đọc không cần mạng (tệp zip trong dist/)"
	@echo "make bench   in số đo hiệu năng (benchmarks/)"
	@echo "Mọi lệnh khác: .venv/bin/python -m sotay --help"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Cần Python 3.11 trở lên (python3 --version)."; exit 1; }
	@if [ ! -x $(PY) ]; then $(PYTHON) -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -q && apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Thiếu venv. Chạy: sudo apt-get install python3-venv"; exit 1; fi; }; fi
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	@# Make scripts/ importable (the `sotay` package) without a build step.
	$(PY) -c 'import site, pathlib; pathlib.Path(site.getsitepackages()[0], "sotay.pth").write_text("$(CURDIR)/scripts\n")'
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: $(STAMP)
	$(PY) -m sotay serve -a 127.0.0.1:8000

# make build RELEASE=1: a release; needs SITE_URL (the published address), fails on a
# loopback address in site/ (docs/gioi-thieu/trien-khai.md). Without SITE_URL the build
# writes no absolute address at all and says so once.
build: $(STAMP)
	$(PY) -m sotay build $(if $(filter-out 0,$(RELEASE)),--release)

check: $(STAMP)
	$(PY) -m sotay check

# What the browser tests need from the system: Debian's Chromium, poppler-utils, fonts, nginx.
system-deps:
	@bash scripts/system-deps.sh

AXE := tests/js/node_modules/axe-core/axe.min.js
$(AXE): tests/js/package-lock.json
	@command -v npm >/dev/null || { echo "Thiếu npm. Chạy: sudo apt-get install nodejs npm"; exit 1; }
	npm ci --prefix tests/js --omit=dev --no-audit --no-fund --loglevel=error
	@touch $@

# Lighthouse (a devDependency in tests/js) only for the benchmarks.
LIGHTHOUSE := tests/js/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE): tests/js/package-lock.json
	@command -v npm >/dev/null || { echo "Thiếu npm. Chạy: sudo apt-get install nodejs npm"; exit 1; }
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
	@touch $@ $(AXE)

test: $(STAMP) system-deps $(AXE)
	$(PY) -m sotay build
	$(PY) -m sotay check
	$(PY) -m pytest -q

# The fast tests: no built site, browser, PDF, LibreOffice or nginx (tests/conftest.py marks the rest slow).
test-unit: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

# The offline copy: a zip of the whole handbook that works from file:// after
# unzipping. `make build` makes it (site/ links to it from the home page); this
# also leaves it in dist/ with dist/offline.json (size, date, sha256).
offline: $(STAMP)
	$(PY) -m sotay build
	@cat dist/offline.json

bench: $(STAMP) system-deps $(LIGHTHOUSE)
	$(PY) -m sotay bench

# Re-pin dependencies after editing requirements.in.
lock: $(STAMP)
	$(PY) -m pip install -q pip-tools
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras -o requirements.lock requirements.in

clean:
	rm -rf site dist .pytest_cache
