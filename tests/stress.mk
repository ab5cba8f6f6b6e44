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
# variants of tests/it_crash.sh (20 kills on the default world),
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
