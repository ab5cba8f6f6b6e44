/*
 * fuzz_aws_org_accounts.c: libFuzzer harness for Organizations
 * ListAccounts pages (aws_parse_org_accounts()).
 *
 * The work and the invariants are in fuzz_aws_org_accounts()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_org_accounts)
