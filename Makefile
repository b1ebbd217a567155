# nso-ha-upgrade: NSO's upgrade-cluster example, on the bundled NSO simulator or real NSO.
# Every scenario target builds what is missing first, so `make upgrade-nso` works on a fresh clone.

SHELL      := /bin/bash
MVN        ?= mvn -B -q
VERSION    := 0.1.0-SNAPSHOT
DIST       := packaging/target/dist/nso-ha-upgrade-$(VERSION)
BIN        := $(DIST)/bin/nso-ha-upgrade
# The example's node addresses and IPC ports, as in NSO's example (override: make upgrade-nso NODE1_IP=...).
NODE1_IP   ?= 127.0.1.1
NODE2_IP   ?= 127.0.2.1
NODE3_IP   ?= 127.0.3.1
IPC_PORT   ?= 4561
RUN_ROOT   ?= nso-run
# NSO's CLI port is 2024. Where something on this machine already listens on 2024 on every address (as some
# sandboxes' control agents do), the example's nodes take 12024 instead.
CLI_PORT   ?= $(shell if (exec 3<>/dev/tcp/127.0.0.1/2024) 2>/dev/null; then echo 12024; else echo 2024; fi)
NODES      := -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP) --ipc-port $(IPC_PORT) --run-root $(RUN_ROOT) \
              --cli-port $(CLI_PORT)
# HTTPS=1: the RESTCONF targets use RESTCONF over TLS (port 8888), with certificates from a CA made for the run.
HTTPS_FLAG := $(if $(filter 1 yes true,$(HTTPS)),--https)
SOURCES    := $(shell find core transport-cli transport-restconf simulator scenarios packaging \
                -path '*/target' -prune -o -type f -print 2>/dev/null) pom.xml

.DEFAULT_GOAL := help
.PHONY: help build test format upgrade-nso upgrade-pkgs-sys upgrade-nso-rc upgrade-pkgs-sys-rc status plan stop clean

help: ## Show the targets
	@echo "nso-ha-upgrade: upgrade a Cisco NSO rule-based HA cluster safely"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'
	@echo
	@echo "Node addresses: NODE1_IP=$(NODE1_IP) NODE2_IP=$(NODE2_IP) NODE3_IP=$(NODE3_IP), IPC ports from $(IPC_PORT), CLI port $(CLI_PORT)"

build: $(BIN) ## Build the program, the simulator installs and the distribution (no tests)

$(BIN): $(SOURCES)
	$(MVN) -DskipTests package
	@touch $(BIN)

test: ## Run every test: unit, integration (simulator clusters) and the distribution test
	mvn -B --no-transfer-progress verify
	@scripts/test-summary.sh

format: ## Apply the project's formatter (google-java-format via Spotless); the build checks it
	$(MVN) spotless:apply

upgrade-nso: $(BIN) ## NSO version upgrade example over the CLI (SSH)
	$(BIN) example upgrade-nso --transport cli $(NODES)

upgrade-pkgs-sys: $(BIN) ## Package upgrade example (system install) over the CLI (SSH)
	$(BIN) example upgrade-pkgs-sys --transport cli $(NODES)

upgrade-nso-rc: $(BIN) ## NSO version upgrade example over RESTCONF (HTTPS=1: over TLS, with a CA made for the run)
	$(BIN) example upgrade-nso --transport restconf $(HTTPS_FLAG) $(NODES)

upgrade-pkgs-sys-rc: $(BIN) ## Package upgrade example (system install) over RESTCONF (HTTPS=1: over TLS)
	$(BIN) example upgrade-pkgs-sys --transport restconf $(HTTPS_FLAG) $(NODES)

status: $(BIN) ## Show every example node's HA status, version and packages
	$(BIN) status --transport cli --cli-port $(CLI_PORT) --known-hosts $(RUN_ROOT)/known_hosts --accept-unknown-host-keys \
	  -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP)

plan: $(BIN) ## Print the steps of both upgrades for the example cluster
	$(BIN) plan upgrade-nso -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP)
	$(BIN) plan upgrade-pkgs-sys -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP)

stop: ## Stop the example's nodes
	@for port in $(IPC_PORT) $$(( $(IPC_PORT) + 1 )) $$(( $(IPC_PORT) + 2 )); do \
	  for ncs in simulator/target/installs/nso-*/bin/ncs; do \
	    [ -x "$$ncs" ] && NCS_IPC_ADDR=127.0.0.1 NCS_IPC_PORT=$$port "$$ncs" --stop >/dev/null 2>&1 && echo "stopped the node on IPC port $$port"; \
	  done; \
	done; true

clean: stop ## Stop the nodes and remove every build output and the example's run directories
	rm -rf $(RUN_ROOT)
	$(MVN) clean
