# Make variables for building packages against this simulated NSO install.
# Package Makefiles include it as $(NCS_DIR)/src/ncs/build/include.ncs.mk.

NCS_VERSION := $(shell cat $(NCS_DIR)/VERSION)

# The YANG compiler: validates a module and writes its .fxs.
NCSC        = $(NCS_DIR)/bin/ncsc
# The tools, for Makefiles that start or query a node.
NCS         = $(NCS_DIR)/bin/ncs
NCS_CLI     = $(NCS_DIR)/bin/ncs_cli
NCS_CMD     = $(NCS_DIR)/bin/ncs_cmd
NCS_LOAD    = $(NCS_DIR)/bin/ncs_load
NCS_SETUP   = $(NCS_DIR)/bin/ncs-setup

# Where the YANG modules shipped with the install live (for --yangpath).
NCS_YANG_DIR = $(NCS_DIR)/src/ncs/yang

# The simulator has no Java or Python runtime for packages; these are kept
# so Makefiles that mention them still parse.
JAVAC      ?= javac
JARFILE     = $(NCS_DIR)/lib/*
