/*
 * fuzz_aws_cw_data.c: libFuzzer harness for CloudWatch GetMetricData pages
 * (aws_parse_metric_data()), each read twice as successive pages.
 *
 * The work and the invariants are in fuzz_aws_cw_data()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_cw_data)
