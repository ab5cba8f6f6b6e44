/*
 * fuzz_num.c: libFuzzer harness for parse_num() against a reference
 * reading, over five ranges.
 *
 * The work and the invariants are in fuzz_num() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_num)
