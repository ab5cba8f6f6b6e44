/*
 * fuzz_aws_models.c: libFuzzer harness for ListFoundationModels replies
 * (aws_parse_foundation_models()), each parsed twice into one snapshot: the
 * second time must fail on duplicates.
 *
 * The work and the invariants are in fuzz_aws_models()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_models)
