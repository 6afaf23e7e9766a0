# Homeward: the two set-up commands are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian packages Homeward needs: GLPK (libglpk-dev), LEMON (liblemon-dev), and
# glpsol (glpk-utils), which the tests use to re-solve the exported LP.
PACKAGES := libglpk-dev liblemon-dev glpk-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT ?= demo-output

.PHONY: help deps build demo test clean

help:
	@echo "make demo   install what is missing, build, allocate the national scenario, write reports to $(OUT)/"
	@echo "make test   install what is missing, then run the test suite"
	@echo "make build  release build only"

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
	@echo
	@echo "Outputs: $(OUT)/national/plan.csv (one row per person) and $(OUT)/national/summary.json"

test: deps
	swift build --build-tests
	swift test

clean:
	rm -rf .build $(OUT)
