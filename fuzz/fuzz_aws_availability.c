/*
 * fuzz_aws_availability.c: libFuzzer harness for
 * GetFoundationModelAvailability replies (aws_parse_model_availability()):
 * model ID FUZZ_SEP body, or a body alone.
 *
 * The work and the invariants are in fuzz_aws_availability()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_availability)
