/*
 * fuzz_regions.c: libFuzzer harness for the --region list
 * (regions_parse()).
 *
 * The work and the invariants are in fuzz_regions() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_regions)
