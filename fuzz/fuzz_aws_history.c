/*
 * fuzz_aws_history.c: libFuzzer harness for
 * ListRequestedServiceQuotaChangeHistory pages (aws_parse_quota_history()).
 *
 * The work and the invariants are in fuzz_aws_history()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_history)
