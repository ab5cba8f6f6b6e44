/*
 * fuzz_iso8601.c: libFuzzer harness for util_parse_iso8601() and
 * util_iso8601() round trips.
 *
 * The work and the invariants are in fuzz_iso8601() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_iso8601)
