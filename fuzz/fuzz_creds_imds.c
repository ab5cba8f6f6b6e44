/*
 * fuzz_creds_imds.c: libFuzzer harness for EC2 instance metadata credential
 * documents, read as creds.c does
 * (creds_parse_document(CREDS_SOURCE_IMDS)).
 *
 * The work and the invariants are in fuzz_creds_imds()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_creds_imds)
