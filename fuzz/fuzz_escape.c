/*
 * fuzz_escape.c: libFuzzer harness for the escape.h functions, with their
 * output invariants.
 *
 * The work and the invariants are in fuzz_escape() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_escape)
