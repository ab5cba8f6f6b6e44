/*
 * fuzz_aws_cw_metrics.c: libFuzzer harness for CloudWatch ListMetrics pages
 * (aws_parse_list_metrics()).
 *
 * The work and the invariants are in fuzz_aws_cw_metrics()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_cw_metrics)
