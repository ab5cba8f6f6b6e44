/*
 * fuzz_aws_quotas.c: libFuzzer harness for Service Quotas lists
 * (aws_parse_service_quotas(), applied and default modes) merged with
 * aws_merge_quotas(): applied FUZZ_SEP defaults, or one body read both
 * ways.
 *
 * The work and the invariants are in fuzz_aws_quotas()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_quotas)
