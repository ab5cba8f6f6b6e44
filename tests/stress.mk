# tests/stress.mk: the long variants of the reliability tests (make stress).
#
# Each part is a target of its own, stress-<what>, made a prerequisite of
# "stress" right beside it, so a part is added without touching the
# others:
#
#	stress: stress-<what>
#	stress-<what>: bedrock-audit
#		<commands>
#
# Parts run from the repository root and exit non-zero on a failure.

.PHONY: stress-faults

# The whole fault matrix on the default world: every fault kind at 10%
# and 30% of the requests and at 100% in one region, plus clock skew,
# regions down, a refused endpoint, the run deadline and STS faults
# (tests/faultmatrix.py; `make test` runs a subset on the small world).
FAULTMATRIX_FLAGS ?= --jobs 2

stress: stress-faults
stress-faults: bedrock-audit
	$(PYTHON) tests/faultmatrix.py --world sim/scenarios/default.json \
		--bin ./bedrock-audit $(FAULTMATRIX_FLAGS)

# Crash safety, overlapping runs, disk and database faults: the long
# variants of tests/it_crash.sh (20 kills on the default world, 3 in
# runs with one region partial, 3 while calls wait for a later retry round),
# tests/it_overlap.sh (rounds of 5 collects, 100 first-open races) and
# tests/it_disk.sh (the default world on a file system swept from full
# to enough).  `make test` runs the short ones.
.PHONY: stress-crash stress-overlap stress-disk

stress: stress-crash stress-overlap stress-disk
stress-crash: bedrock-audit
	CRASH_MODE=stress PYTHON=$(PYTHON) sh tests/it_crash.sh
stress-overlap: bedrock-audit
	OVERLAP_MODE=stress PYTHON=$(PYTHON) sh tests/it_overlap.sh
stress-disk: bedrock-audit
	DISK_MODE=stress PYTHON=$(PYTHON) sh tests/it_disk.sh

# A bad day on the medium world of bench/ (sim/genworld.py: 12 regions x
# 60 models x 150 quotas): throttling, 5xx, resets, truncated replies and
# held connections together at 30% and at 50% of the requests, with the
# default settings (AWS_MAX_ATTEMPTS, attempt timeout, --timeout 1800).
# At 30% every region must complete and equal the world (exit 0); at 50%
# nothing false may be recorded (no change, no state lost); the table
# shows the regions complete, requests and wall time of each.  `make
# test` runs the 30% cell on the small world with --timeout 180.
.PHONY: stress-badday
STRESS_WORLD_DIR ?= $(or $(TMPDIR),/tmp)

stress: stress-badday
stress-badday: bedrock-audit
	$(PYTHON) sim/genworld.py --regions 12 --models 60 --quotas 150 \
		--seed 1 >$(STRESS_WORLD_DIR)/bedrock-audit-medium.json
	$(PYTHON) tests/faultmatrix.py \
		--world $(STRESS_WORLD_DIR)/bedrock-audit-medium.json \
		--bin ./bedrock-audit --only mixed $(FAULTMATRIX_FLAGS)
