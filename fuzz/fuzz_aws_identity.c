/*
 * fuzz_aws_identity.c: libFuzzer harness for STS GetCallerIdentity XML
 * (aws_parse_caller_identity()).
 *
 * The work and the invariants are in fuzz_aws_identity()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_identity)
