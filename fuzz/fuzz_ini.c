/*
 * fuzz_ini.c: libFuzzer harness for the shared config and credentials file
 * format (ini_parse()), queried for the sections and keys config.c reads.
 *
 * The work and the invariants are in fuzz_ini() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_ini)
