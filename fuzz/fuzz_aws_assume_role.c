/*
 * fuzz_aws_assume_role.c: libFuzzer harness for the XML replies of STS
 * AssumeRole and AssumeRoleWithWebIdentity (aws_parse_assume_role()).
 *
 * The work and the invariants are in fuzz_aws_assume_role()
 * (tests/helper_fuzz.c), which tests/check_fuzz_regress.c also runs on
 * every saved input.
 */
#include "helper_fuzz.h"

FUZZ_HARNESS(fuzz_aws_assume_role)
