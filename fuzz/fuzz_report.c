/*
 * fuzz_report.c: libFuzzer harness for report_write() and report_case() in
 * every format and language, fed a change list and regions built from the
 * input.
 *
 * The work and the invariants are in fuzz_report() (tests/helper_fuzz.c),
 * which tests/check_fuzz_regress.c also runs on every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_report)
