# Exodus: every entry point a person or CI needs. `make run` and `make test`
# install what is missing on a fresh Debian machine, then build.

SWIFT       ?= swift
HOST        ?= 127.0.0.1
PORT        ?= 8080
APT_PACKAGES = libcurl4-openssl-dev

.PHONY: train run test unit format format-check contract lint-assets test-exports test-browser test-deploy build release deps bench bench-deps bench-scale clean fuzz fuzz-smoke sanitize stress

# Installs the Debian packages the build needs, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

# The binary that ships (the Dockerfile builds it the same way) and that make run, bench
# and stress use: Swift runtime linked in, and the linker options in Package.swift. It
# idles in about 11 MiB of RSS, against about 17 MiB with the shared Swift libraries.
RELEASE = $(SWIFT) build -c release --static-swift-stdlib

release: deps
	$(RELEASE)

run: release
	$$($(SWIFT) build -c release --show-bin-path)/exodus serve --host $(HOST) --port $(PORT)

# Every test: the API's static files linted, the OpenAPI contract test (schemathesis), the exports read back by
# Python's csv module, pandas and feedparser, the dashboard in
# headless Chromium, the Kubernetes manifests, then the Swift suites (last, so
# the closing line CI reads is the Swift test summary). The browser test costs
# up to two minutes on a fresh machine (mostly apt installing chromium), about
# ten seconds after; the manifest check about a second.
test: format-check lint-assets contract test-exports test-browser test-deploy unit

# swift format (it ships with the toolchain) with the committed .swift-format: `make format`
# rewrites the Swift sources in place, `make format-check` (part of make test) fails on any
# difference. The configuration keeps the layout rules (indentation, spacing, line breaks,
# line length 160) and turns off the style rules this code base does not follow.
FORMAT_PATHS = Package.swift Sources Tests Fuzz Benchmarks/HummingbirdPeer/Package.swift Benchmarks/HummingbirdPeer/Sources

format:
	$(SWIFT) format format -i -r --parallel $(FORMAT_PATHS)

format-check:
	$(SWIFT) format lint -r --strict --parallel $(FORMAT_PATHS)

unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The dashboard's script (node --check, Debian's nodejs) and the OpenAPI description
# (openapi-spec-validator from PyPI, into .venv): Tests/assets/lint.sh.
lint-assets:
	Tests/assets/lint.sh

# schemathesis (from PyPI, into .venv) against a server on a free loopback port.
contract: deps
	$(SWIFT) build
	Tests/contract/run.sh "$$($(SWIFT) build --show-bin-path)/exodus"

# CSV, NDJSON and the Atom feed read back by Python's csv module, pandas and feedparser
# (from PyPI, into .venv) and compared with the JSON API (Tests/exports/run.sh).
test-exports: deps
	$(SWIFT) build
	Tests/exports/run.sh "$$($(SWIFT) build --show-bin-path)/exodus"

# Throughput against Hummingbird 2 and nginx on the same body (Benchmarks/bench.py).
bench-deps: deps
	@missing=""; for p in nginx wrk; do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light wrk || \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx wrk; \
	fi

bench: release bench-deps
	$(SWIFT) build -c release --package-path Benchmarks/HummingbirdPeer
	python3 Benchmarks/bench.py

# Micro and scale figures: extraction, loading N documents, queries over N departures; then
# ready time and RSS of `serve --snapshot` at 10k, 100k and 1M departures (Benchmarks/scale.py).
bench-scale: deps
	$(RELEASE) --product ExodusBench
	$(RELEASE) --product exodus
	$$($(SWIFT) build -c release --show-bin-path)/ExodusBench
	python3 Benchmarks/scale.py

# The dashboard in headless Chromium (Debian's chromium and chromium-driver,
# Selenium from PyPI into .venv; installed when missing). Screenshots go to
# artifacts/browser/.
test-browser: deps
	$(SWIFT) build
	Tests/browser/run.sh "$$($(SWIFT) build --show-bin-path)/exodus"

# deploy/kubernetes/ against the Kubernetes schemas (kubernetes-validate from
# PyPI, into .venv; it ships the schemas, so no network) and against the binary.
test-deploy: deps
	$(SWIFT) build
	Tests/deploy/validate.sh "$$($(SWIFT) build --show-bin-path)/exodus"

# The row confidence model from Training/corpus and the dev set: writes
# Sources/ExodusExtraction/Model/row-model.txt (compiled into the binary) and prints the
# out-of-fold and held-out figures. Deterministic; a test checks the committed file.
train: deps
	$(SWIFT) build -c release --product ExodusTrain
	$$($(SWIFT) build -c release --show-bin-path)/ExodusTrain | tee Training/model-report.txt

# libFuzzer targets (Fuzz/), FUZZ_SECONDS each (default 60); fails on a crash, leak or timeout.
fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} Fuzz/run.sh

# What CI runs after the tests: every fuzz target (six) for 25 s from the seed corpora
# (150 s in all, plus a few minutes to build them from clean).
fuzz-smoke: deps
	FUZZ_SECONDS=25 Fuzz/run.sh

# The whole test suite under AddressSanitizer, then ThreadSanitizer, each in its own
# scratch path so neither invalidates the other or the normal build. LeakSanitizer is off
# for ASan: XCTest itself leaks a little and would fail a clean run. Both skip the replay of
# training (committedModelIsWhatTheCorpusTrains): it is single-threaded arithmetic over the
# corpus that make test already runs, and under a sanitizer it took 20 minutes each.
SANITIZE_SKIP = --skip committedModelIsWhatTheCorpusTrains
sanitize: deps
	@! grep -rn --include='*.swift' 'Mutex(' Sources Tests Fuzz || \
	  { echo "Use ExodusLock.Locked, not Synchronization.Mutex: TSan cannot see its futex (see Sources/ExodusLock)"; exit 1; }
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --scratch-path .build-asan --sanitize=address $(SANITIZE_SKIP)
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread $(SANITIZE_SKIP)

# Hostile clients and load against the release binary, loopback only (Tests/stress/stress.py).
# STRESS="slowloris garbage" runs a subset.
stress: release
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	python3 Tests/stress/stress.py "$$($(SWIFT) build -c release --show-bin-path)/exodus" $(STRESS)

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .venv
