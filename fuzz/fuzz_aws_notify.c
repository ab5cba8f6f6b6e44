/*
 * fuzz_aws_notify.c: libFuzzer harness for the SNS Publish and EventBridge PutEvents replies
 * (aws_parse_sns_publish(), aws_parse_put_events()).
 *
 * The work and the invariants are in fuzz_aws_notify()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_notify)
