# Homeward: the two set-up commands are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian packages Homeward needs: GLPK (libglpk-dev), LEMON (liblemon-dev), and
# glpsol (glpk-utils), which the tests use to re-solve the exported LP.
PACKAGES := libglpk-dev liblemon-dev glpk-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT ?= demo-output

.PHONY: help deps build demo test clean bench fuzz test-sanitize e2e serve

help:
	@echo "make demo   install what is missing, build, allocate the national scenario, assess a closure and plan a week from the synthetic extract, write reports to $(OUT)/"
	@echo "make test   install what is missing, then run the test suite"
	@echo "make build  release build only"
	@echo "make bench  benchmarks (Benchmarks/), then homeward against glpsol, HiGHS and OR-Tools on the national LP, and against glpsol and HiGHS on the MIP of a week with non-associations and on a week within transfer limits, then the warm what-if through the server"
	@echo "make fuzz   fuzz the loaders and the model builder with libFuzzer for FUZZ_SECONDS (default 60; Fuzz/README.md)"
	@echo "make test-sanitize  the test suite under AddressSanitizer, then under ThreadSanitizer"
	@echo "make serve  the web workspace on http://127.0.0.1:8080/ (homeward serve; history in homeward-data/)"
	@echo "make e2e    drive the web workspace in headless Chromium (installs chromium, chromium-driver and a venv when missing)"

deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release --product homeward

demo: build
	@mkdir -p $(OUT)
	.build/release/homeward allocate Scenarios/national.yaml --out $(OUT)/national --force
	.build/release/homeward check $(OUT)/national
	.build/release/homeward assess Scenarios/close-bedford.yaml --out $(OUT)/close-bedford --force
	.build/release/homeward allocate Scenarios/week-extract.yaml --out $(OUT)/week-extract --force
	.build/release/homeward check $(OUT)/week-extract
	@echo
	@echo "Outputs: $(OUT)/national/plan.csv (one row per person) and $(OUT)/national/summary.json;"
	@echo "         $(OUT)/close-bedford/assessment.html (a family impact assessment of closing HMP Bedford);"
	@echo "         $(OUT)/week-extract/movers.csv and routes.csv (a week's movers list from the synthetic extract)"

test: deps
	python3 scripts/function-lengths.py
	swift build --build-tests
	swift test

clean:
	rm -rf .build $(OUT)

serve: deps
	swift build --product homeward
	.build/debug/homeward serve

# The browser test (scripts/e2e/): Debian's chromium and chromium-driver, and selenium with axe-selenium-python
# from PyPI in .venv-e2e, then the server on a free port with a temporary data folder, driven as a user would.
E2E_PACKAGES := chromium chromium-driver
e2e: deps
	@missing=""; for p in $(E2E_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@test -x .venv-e2e/bin/python || python3 -m venv .venv-e2e
	@.venv-e2e/bin/python -c "import selenium, axe_selenium_python" 2>/dev/null || .venv-e2e/bin/pip install -q selenium axe-selenium-python
	swift build --product homeward
	bash scripts/e2e/run.sh

# Benchmarks: the ordo-one/benchmark suite in Benchmarks/ (its own .build), then the peer comparison on the
# exported national LP (scripts/bench-peers.sh; installs highspy and ortools from PyPI into .venv-bench), then
# the week with 2,000 and 10,000 non-associations against glpsol and HiGHS on its exported MIP (scripts/bench-peers-mip.sh).
# The release binary is built in .build-bench, apart from the everyday .build.
bench: deps
	swift build -c release --scratch-path .build-bench --product homeward
	swift package --package-path Benchmarks benchmark --no-progress
	HOMEWARD_BIN=.build-bench/release/homeward bash scripts/bench-peers.sh
	HOMEWARD_BIN=.build-bench/release/homeward bash scripts/bench-peers-mip.sh
	HOMEWARD_BIN=.build-bench/release/homeward bash scripts/bench-peers-week.sh
	HOMEWARD_BIN=.build-bench/release/homeward python3 scripts/bench-whatif-server.py

# Fuzzing (Fuzz/README.md): libFuzzer and AddressSanitizer over the CSV and YAML loaders and the model builder,
# for FUZZ_SECONDS. Seeds in Fuzz/corpus; inputs found go to Fuzz/.build-fuzz/corpus, crashes to
# Fuzz/.build-fuzz/artifacts. Fuzz/toolset.json links with lld (ld.gold fails on the libFuzzer binary).
FUZZ_SECONDS ?= 60
FUZZ_BUILD := Fuzz/.build-fuzz
fuzz: deps
	swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address --toolset $(CURDIR)/Fuzz/toolset.json \
		--disable-build-manifest-caching --scratch-path $(CURDIR)/$(FUZZ_BUILD) --product homeward-fuzz
	@mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/artifacts
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/homeward-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-dict=Fuzz/homeward.dict -artifact_prefix=$(FUZZ_BUILD)/artifacts/ $(FUZZ_BUILD)/corpus Fuzz/corpus

# The test suite under AddressSanitizer (with LeakSanitizer; Tests/lsan-suppressions.txt lists the leaks of
# GLPK, Foundation and XCTest), then under ThreadSanitizer, each in its own scratch folder.
test-sanitize: deps
	swift build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt swift test --skip-build --sanitize=address --scratch-path .build-asan
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	swift test --skip-build --sanitize=thread --scratch-path .build-tsan
