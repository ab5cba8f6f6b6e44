/*
 * rusage.c: run a command and report what it cost.
 *
 *	rusage OUT command [arg ...]
 *
 * Runs the command with the same stdin, stdout and stderr, waits for it
 * with wait4(2) and writes one JSON object to the file OUT: wall seconds
 * (monotonic clock, fork to reap), user and system CPU seconds, peak RSS
 * in KB and the exit status.  Exits with the command's status.
 *
 * Why not wait4() from the Python driver: on Linux the peak RSS a child
 * reports includes the memory of the process it was forked from, up to
 * the exec, so a child of a 25 MB Python would never look smaller than
 * 25 MB.  Forked from this small program, the command's own peak shows.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
secs(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct rusage	 ru;
	FILE		*out;
	double		 t0, wall;
	pid_t		 pid;
	int		 status, rc;

	if (argc < 3) {
		fprintf(stderr, "usage: rusage out command [arg ...]\n");
		return 2;
	}
	t0 = now();
	if ((pid = fork()) == -1)
		err(2, "fork");
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		warn("%s", argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1)
		err(2, "wait4");
	wall = now() - t0;
	rc = WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
	if ((out = fopen(argv[1], "w")) == NULL)
		err(2, "%s", argv[1]);
	fprintf(out, "{\"wall\": %.6f, \"user\": %.6f, \"sys\": %.6f, "
	    "\"rss_kb\": %ld, \"rc\": %d}\n", wall, secs(ru.ru_utime),
	    secs(ru.ru_stime), ru.ru_maxrss, rc);
	if (fclose(out) != 0)
		err(2, "%s", argv[1]);
	return rc;
}
