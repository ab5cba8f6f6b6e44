/*
 * fuzz_creds_sso.c: libFuzzer harness for the SSO portal's
 * GetRoleCredentials reply (creds_parse_document(CREDS_SOURCE_SSO)).
 *
 * The work and the invariants are in fuzz_creds_sso()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_creds_sso)
