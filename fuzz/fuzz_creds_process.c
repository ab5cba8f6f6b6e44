/*
 * fuzz_creds_process.c: libFuzzer harness for credential_process output,
 * read as creds.c does (creds_parse_document(CREDS_SOURCE_PROCESS)).
 *
 * The work and the invariants are in fuzz_creds_process()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_creds_process)
