/*
 * helper_check.h: the one main() body of the Check unit tests.
 */
#ifndef BEDROCK_AUDIT_HELPER_CHECK_H
#define BEDROCK_AUDIT_HELPER_CHECK_H

#include <check.h>

/*
 * Run every test of suite "s" (Check's default fork mode, normal
 * output) and free it.  Returns the test binary's exit status:
 * EXIT_SUCCESS when no test failed, EXIT_FAILURE otherwise.
 */
int	check_main(Suite *s);

#endif /* BEDROCK_AUDIT_HELPER_CHECK_H */
