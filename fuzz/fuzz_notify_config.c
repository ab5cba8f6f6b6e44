/*
 * fuzz_notify_config.c: libFuzzer harness for the --notify file (notify_config_parse()).
 *
 * The work and the invariants are in fuzz_notify_config()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_notify_config)
