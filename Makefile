# HavenFlow — make demo · make test · make bench · make fuzz
SWIFT ?= swift
BIN = .build/debug/havenflow
RELEASE_BIN = .build/release/havenflow

.PHONY: bootstrap build demo test bench fuzz soak clean

# Installs what the build needs from Debian when it is missing (a fresh machine needs nothing else).
bootstrap:
	@pkg-config --exists yaml-0.1 || { \
		echo "bootstrap: installing libyaml-dev"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq libyaml-dev >/dev/null; }
	@pkg-config --exists yaml-0.1 || { echo "bootstrap: libyaml-dev could not be installed" >&2; exit 1; }

build: bootstrap
	$(SWIFT) build --product havenflow

demo: build
	$(BIN) run workflows/quickstart.yaml --sandbox --state-dir .havenflow/demo

# The browser tests need Debian's chromium; the PostgreSQL store's tests start a throwaway cluster of its postgresql.
test: bootstrap
	@command -v chromium >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "test: installing postgresql"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
	$(SWIFT) build --build-tests
	@# Four runs, not one: swift-testing runs every test of a run at once, and on two cores the suites
	@# that start real processes (CLITests; most of all the PostgreSQL clusters and multi-host
	@# schedulers) starved the others of CPU until their time limits ran out.
	$(SWIFT) test --skip-build --skip 'CLITests\.|FlowServeTests\.|FlowRuntimeTests\.'
	$(SWIFT) test --skip-build --filter 'FlowServeTests\.|FlowRuntimeTests\.'
	$(SWIFT) test --skip-build --filter 'CLITests\.' --skip 'CLITests\.(MultiHost|Postgres)'
	$(SWIFT) test --skip-build --filter 'CLITests\.(MultiHost|Postgres)'

bench: bootstrap
	@command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	Benchmarks/run

FUZZ_SECONDS ?= 60
fuzz: bootstrap
	@if [ -x Fuzz/run ]; then FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run; else echo "no fuzz targets yet"; fi

soak: bootstrap
	HAVENFLOW_SOAK=1 $(SWIFT) test --filter 'Soak|onceFromTwoHosts'

clean:
	rm -rf .build .havenflow
