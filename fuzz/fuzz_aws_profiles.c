/*
 * fuzz_aws_profiles.c: libFuzzer harness for ListInferenceProfiles pages
 * (aws_parse_inference_profiles()), with the NextToken fed back to the
 * request builder.
 *
 * The work and the invariants are in fuzz_aws_profiles()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_profiles)
