/*
 * fuzz_aws_error.c: libFuzzer harness for error replies of all three
 * protocols (aws_parse_error()): x-amzn-ErrorType FUZZ_SEP body, or a body
 * alone.
 *
 * The work and the invariants are in fuzz_aws_error()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_error)
