#!/bin/sh
# The simulator's own unit tests (signature checks, pagination, faults,
# mutations): the other integration tests rely on it being right.
set -eu
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" sim/test_sim.py
