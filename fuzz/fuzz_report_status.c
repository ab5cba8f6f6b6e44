/*
 * fuzz_report_status.c: libFuzzer harness for report_status_write() in
 * every format and language, fed rows built from the input.
 *
 * The work and the invariants are in fuzz_report_status()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_report_status)
