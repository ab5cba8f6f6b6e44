/*
 * fuzz_creds_container.c: libFuzzer harness for ECS/EKS container endpoint
 * replies, read as creds.c does
 * (creds_parse_document(CREDS_SOURCE_CONTAINER)).
 *
 * The work and the invariants are in fuzz_creds_container()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_creds_container)
