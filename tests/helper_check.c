/*
 * helper_check.c: the one main() body of the Check unit tests.
 */
#include <stdlib.h>

#include "helper_check.h"

int
check_main(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
