/*
 * fuzz_aws_regions.c: libFuzzer harness for
 * Account ListRegions pages (aws_parse_regions()).
 *
 * The work and the invariants are in fuzz_aws_regions()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_regions)
