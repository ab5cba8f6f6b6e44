/*
 * fuzz_duration.c: libFuzzer harness for parse_duration() against a
 * reference reading.
 *
 * The work and the invariants are in fuzz_duration() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_duration)
