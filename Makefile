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
# How many nodes the example runs (2 to 9); node k is on NODE1_IP with the third number raised by k-1.
N          ?= 3
RUN_ROOT   ?= nso-run
# NSO's CLI port is 2024. Where something on this machine already listens on 2024 on every address (as some
# sandboxes' control agents do), the example's nodes take 12024 instead.
CLI_PORT   ?= $(shell if (exec 3<>/dev/tcp/127.0.0.1/2024) 2>/dev/null; then echo 12024; else echo 2024; fi)
NODES      := -a $(NODE1_IP) $(if $(filter 3,$(N)),-b $(NODE2_IP) -c $(NODE3_IP),--nodes $(N)) \
              --ipc-port $(IPC_PORT) --run-root $(RUN_ROOT) --cli-port $(CLI_PORT)
# HTTPS=1: the RESTCONF targets use RESTCONF over TLS (port 8888), with certificates from a CA made for the run.
HTTPS_FLAG := $(if $(filter 1 yes true,$(HTTPS)),--https)
# More options for the example targets, e.g. RUN_ARGS="--html report.html --events events.ndjson".
RUN_ARGS   ?=
# upgrade-nso-ssh: the service manager of the system installs and the transport
SERVICE    ?= sysv
TRANSPORT  ?= cli
SSH_DIR    := $(RUN_ROOT)-sshd
SOURCES    := $(shell find core transport-cli transport-restconf host-install host-ssh host-container testcontainers simulator \
                scenarios packaging ansible -path '*/target' -prune -o -type f -print 2>/dev/null) pom.xml

.DEFAULT_GOAL := help
BENCH_ARGS ?= --addr3 127.0.201.1 --addr9 127.0.211.1 --ipc-port 5861
# make bench: the node start cost of its second pass (NCS_SIM_START_COST), as a real NSO restart costs.
BENCH_COST ?= 10s
.PHONY: bench help build test reliability format upgrade-nso upgrade-pkgs-sys upgrade-nso-rc upgrade-pkgs-sys-rc upgrade-nso-raft upgrade-nso-raft-rc upgrade-pkgs-sys-raft upgrade-pkgs-sys-raft-rc upgrade-nso-ssh status plan stop clean
.PHONY: upgrade-fleet upgrade-fleet-broken fleet-cost stop-fleet
.PHONY: image upgrade-nso-container upgrade-nso-container-rc stop-containers

# Container targets need a Docker engine: without one they say so in one line and stop (exit 2).
CONTAINER_PREFIX ?= nso-
DOCKER_SOCK := $(patsubst unix://%,%,$(or $(DOCKER_HOST),unix:///var/run/docker.sock))
ifneq ($(filter image upgrade-nso-container upgrade-nso-container-rc stop-containers,$(MAKECMDGOALS)),)
  ifneq ($(shell curl -sf --max-time 3 --unix-socket $(DOCKER_SOCK) http://localhost/_ping 2>/dev/null),OK)
    $(error no Docker engine answers on $(DOCKER_SOCK); start one with 'sudo scripts/start-dockerd.sh')
  endif
endif

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

# TEST_ARGS: more Maven options for `make test`, e.g. -Dmaven.repo.local=DIR to install into a private repository.
# examples/testcontainers-consumer is a user's project: it resolves the Testcontainers module just installed
# (without a Docker engine it is skipped, as the container tests are, except in CI).
TEST_ARGS  ?=
test: ## Run every test: unit, integration (simulator clusters), the distribution test and the Testcontainers example
	mvn -B --no-transfer-progress $(TEST_ARGS) install
	@if [ "$$CI" != true ] && ! curl -sf --max-time 3 --unix-socket $(DOCKER_SOCK) http://localhost/_ping >/dev/null; then \
	  echo "examples/testcontainers-consumer skipped: no Docker engine answers on $(DOCKER_SOCK) (in CI it fails)"; \
	else mvn -B --no-transfer-progress $(TEST_ARGS) -f examples/testcontainers-consumer/pom.xml test; fi
	@scripts/test-summary.sh

bench: $(BIN) ## Benchmark at native speed and with a 10 s node start cost: writes docs/benchmark.md, bench/results.json, bench/chart.svg
	$(MVN) -pl bench -am -DskipTests -Dspotless.check.skip=true package
	java -cp "bench/target/nso-ha-upgrade-bench-$(VERSION).jar:bench/target/lib/*" dev.nsoha.bench.Bench \
	  --dist $(DIST) --out bench/results.json --chart bench/chart.svg --doc docs/benchmark.md \
	  --script bench/scripts/upgrade-cluster.sh --costs native,$(BENCH_COST) --work $(abspath $(RUN_ROOT))/bench \
	  --cli-port $(CLI_PORT) $(BENCH_ARGS)

reliability: ## Run the fault-injection suite (FaultIT, full matrix) and write its figures into docs/reliability.md
	mvn -B --no-transfer-progress -pl scenarios -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=FaultIT -Dfaults.full=true
	cp scenarios/target/reliability.md docs/reliability.md
	@cat docs/reliability.md

format: ## Apply the project's formatter (google-java-format via Spotless); the build checks it
	$(MVN) spotless:apply

upgrade-nso: $(BIN) ## NSO version upgrade example over the CLI (SSH)
	$(BIN) example upgrade-nso --transport cli $(NODES) $(RUN_ARGS)

upgrade-pkgs-sys: $(BIN) ## Package upgrade example (system install) over the CLI (SSH)
	$(BIN) example upgrade-pkgs-sys --transport cli $(NODES) $(RUN_ARGS)

upgrade-nso-rc: $(BIN) ## NSO version upgrade example over RESTCONF (HTTPS=1: over TLS, with a CA made for the run)
	$(BIN) example upgrade-nso --transport restconf $(HTTPS_FLAG) $(NODES) $(RUN_ARGS)

upgrade-pkgs-sys-rc: $(BIN) ## Package upgrade example (system install) over RESTCONF (HTTPS=1: over TLS)
	$(BIN) example upgrade-pkgs-sys --transport restconf $(HTTPS_FLAG) $(NODES) $(RUN_ARGS)

upgrade-nso-raft: $(BIN) ## NSO version upgrade of an HA Raft cluster (3 members, N=4 or N=5 for more) over the CLI
	$(BIN) example upgrade-nso --ha raft --transport cli $(NODES) $(RUN_ARGS)

upgrade-nso-raft-rc: $(BIN) ## NSO version upgrade of an HA Raft cluster over RESTCONF
	$(BIN) example upgrade-nso --ha raft --transport restconf $(NODES) $(RUN_ARGS)

upgrade-pkgs-sys-raft: $(BIN) ## Package upgrade example on an HA Raft cluster (3 members, N=5 for five) over the CLI
	$(BIN) example upgrade-pkgs-sys --ha raft --transport cli $(NODES) $(RUN_ARGS)

upgrade-pkgs-sys-raft-rc: $(BIN) ## Package upgrade example on an HA Raft cluster over RESTCONF
	$(BIN) example upgrade-pkgs-sys --ha raft --transport restconf $(NODES) $(RUN_ARGS)

upgrade-nso-ssh: $(BIN) ## NSO version upgrade on three system installs, over SSH to a private sshd (SERVICE=sysv|direct, TRANSPORT=cli|restconf)
	@$(MAKE) --no-print-directory stop >/dev/null
	@scripts/private-sshd.sh start $(SSH_DIR) $(NODE1_IP) $(NODE2_IP) $(NODE3_IP) >/dev/null
	@echo "private sshd on $(NODE1_IP) $(NODE2_IP) $(NODE3_IP) port $$(cat $(SSH_DIR)/port) (keys and known_hosts in $(SSH_DIR))"
	@trap 'scripts/private-sshd.sh stop $(SSH_DIR)' EXIT; \
	$(BIN) example upgrade-nso --system-install --host ssh --service $(SERVICE) --transport $(TRANSPORT) \
	  --ssh-port $$(cat $(SSH_DIR)/port) --host-ssh-key $(SSH_DIR)/id_ed25519 --host-known-hosts $(SSH_DIR)/known_hosts $(NODES)

# The fleet: three three-node clusters, nodes from 127.0.FLEET_NET.1 (nine addresses), IPC ports from FLEET_IPC
# (+0-2, +10-12, +20-22), driven by the Ansible collection (ansible-core), one cluster at a time within a wave.
FLEET_ROOT ?= $(RUN_ROOT)-fleet
FLEET_NET  ?= 41
FLEET_IPC  ?= 4600
FLEET_FORKS ?= 1
FLEET_ARGS := --net $(FLEET_NET) --ipc-port $(FLEET_IPC) --cli-port $(CLI_PORT) --forks $(FLEET_FORKS)
upgrade-fleet: $(BIN) ## Three simulated clusters upgraded by the Ansible collection: a canary wave, then the other two
	scripts/fleet-demo.sh $(DIST) $(FLEET_ROOT) $(FLEET_ARGS)

upgrade-fleet-broken: $(BIN) ## upgrade-fleet with a node of the canary stopped first: the rollout stops at its preflight
	scripts/fleet-demo.sh $(DIST) $(FLEET_ROOT) $(FLEET_ARGS) --broken

fleet-cost: upgrade-fleet ## Run upgrade-fleet and write its control-node cost into docs/fleet-cost.md
	cp $(FLEET_ROOT)/fleet-cost.md docs/fleet-cost.md
	@cat docs/fleet-cost.md

stop-fleet: ## Stop the fleet's nine nodes
	@scripts/fleet-demo.sh $(DIST) $(FLEET_ROOT) $(FLEET_ARGS) --stop

image: $(BIN) ## Build the simulator's container images nso-sim:<version> (offline: FROM scratch, nothing pulled)
	$(BIN) image

upgrade-nso-container: $(BIN) ## NSO version upgrade example with the nodes in containers (image swap), over the CLI
	$(BIN) example upgrade-nso --containers --container-prefix $(CONTAINER_PREFIX) --transport cli $(NODES)

upgrade-nso-container-rc: $(BIN) ## NSO version upgrade example with the nodes in containers, over RESTCONF
	$(BIN) example upgrade-nso --containers --container-prefix $(CONTAINER_PREFIX) --transport restconf $(NODES)

stop-containers: ## Remove the container example's nodes and their volumes
	@for n in 1 2 3; do c=$(CONTAINER_PREFIX)node$$n; \
	  curl -sf -X DELETE --unix-socket $(DOCKER_SOCK) "http://localhost/containers/$$c?force=true" >/dev/null && echo "removed $$c"; \
	  for v in $$c-nso $$c-log; do curl -sf -X DELETE --unix-socket $(DOCKER_SOCK) "http://localhost/volumes/$$v" >/dev/null; done; \
	done; true

status: $(BIN) ## Show every example node's HA status, version and packages
	$(BIN) status --transport cli --cli-port $(CLI_PORT) --cli-known-hosts $(RUN_ROOT)/known_hosts --accept-unknown-host-keys \
	  -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP)

plan: $(BIN) ## Print the steps of both upgrades for the example cluster
	$(BIN) plan upgrade-nso -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP)
	$(BIN) plan upgrade-pkgs-sys -a $(NODE1_IP) -b $(NODE2_IP) -c $(NODE3_IP)

stop: ## Stop the example's nodes
	@for port in $$(seq $(IPC_PORT) $$(( $(IPC_PORT) + $(N) - 1 ))); do \
	  for ncs in simulator/target/installs/nso-*/bin/ncs; do \
	    [ -x "$$ncs" ] && NCS_IPC_ADDR=127.0.0.1 NCS_IPC_PORT=$$port "$$ncs" --stop >/dev/null 2>&1 && echo "stopped the node on IPC port $$port"; \
	  done; \
	done; true

clean: stop ## Stop the nodes and remove every build output and the example's run directories
	@scripts/private-sshd.sh stop $(SSH_DIR) >/dev/null
	rm -rf $(RUN_ROOT) $(SSH_DIR)
	$(MVN) clean
