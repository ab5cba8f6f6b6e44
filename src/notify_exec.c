/*
 * notify_exec.c: the exec target, a command hook in the smartd
 * tradition.  The command line is the user's own and runs as "sh -c
 * COMMAND"; nothing of ours is put into it.  Our data reaches it only
 * through stdin (the report JSON, as "report --format json" prints it)
 * and the environment (BEDROCK_AUDIT_RUN, _ACCOUNT, _STATUS, _ACTIONS,
 * _WARNINGS, _OPEN, _DB).  It runs in a process group of its own, so that when its
 * time is up the whole group (a pipeline, a script's children) is
 * killed.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"
#include "status.h"
#include "util.h"

#define EXEC_POLL_MS	20	/* how often the parent looks at the child */

/* The report on an unlinked temporary file, at its start; NULL: failed. */
static FILE *
exec_stdin(const struct notify_facts *f, char **why)
{
	FILE	*tmp;

	if ((tmp = tmpfile()) == NULL ||
	    fwrite(f->report_json, 1, f->report_jsonsz, tmp) !=
	    f->report_jsonsz || fflush(tmp) != 0 ||
	    fseek(tmp, 0, SEEK_SET) != 0) {
		*why = xasprintf("cannot write its input: %s",
		    strerror(errno));
		if (tmp != NULL)
			(void)fclose(tmp);
		return NULL;
	}
	return tmp;
}

static void
exec_setenv_ll(const char *name, long long v)
{
	char	s[32];

	(void)snprintf(s, sizeof(s), "%lld", v);
	(void)setenv(name, s, 1);
}

/* In the child: the environment, stdin, then sh -c.  Never returns. */
static void
exec_child(const struct notify_target *t, const struct notify_facts *f,
    FILE *in)
{
	(void)setpgid(0, 0);
	if (dup2(fileno(in), STDIN_FILENO) == -1)
		_exit(126);
	exec_setenv_ll("BEDROCK_AUDIT_RUN", f->run);
	(void)setenv("BEDROCK_AUDIT_ACCOUNT", f->account_id != NULL ?
	    f->account_id : "", 1);
	(void)setenv("BEDROCK_AUDIT_STATUS", status_run_name(f->status), 1);
	exec_setenv_ll("BEDROCK_AUDIT_ACTIONS", f->actions);
	exec_setenv_ll("BEDROCK_AUDIT_WARNINGS", f->warnings);
	exec_setenv_ll("BEDROCK_AUDIT_OPEN", f->open);
	(void)setenv("BEDROCK_AUDIT_DB", f->db != NULL ? f->db : "", 1);
	(void)signal(SIGPIPE, SIG_DFL);
	execl("/bin/sh", "sh", "-c", t->command, (char *)NULL);
	_exit(127);
}

/* Wait for "pid" at most "timeout_sec"; kill its group after that. */
static int
exec_wait(pid_t pid, int timeout_sec, char **why)
{
	long long	 deadline = util_now_ms() + timeout_sec * 1000LL;
	struct timespec	 nap = { 0, EXEC_POLL_MS * 1000000L };
	pid_t		 r;
	int		 status;

	while ((r = waitpid(pid, &status, WNOHANG)) == 0) {
		if (util_now_ms() >= deadline) {
			(void)kill(-pid, SIGKILL);
			(void)kill(pid, SIGKILL);
			(void)waitpid(pid, &status, 0);
			*why = xasprintf("the command did not finish within "
			    "%d s and was killed", timeout_sec);
			return -1;
		}
		(void)nanosleep(&nap, NULL);
	}
	if (r == -1) {
		*why = xasprintf("waitpid: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		*why = xasprintf("the command exited with status %d",
		    WEXITSTATUS(status));
	else
		*why = xasprintf("the command was killed by signal %d",
		    WTERMSIG(status));
	return -1;
}

int
notify_exec_send(const struct notify_target *t, const struct notify_ctx *ctx,
    char **why)
{
	FILE	*in;
	pid_t	 pid;
	int	 rc;

	if ((in = exec_stdin(ctx->facts, why)) == NULL)
		return -1;
	(void)fflush(stdout);
	(void)fflush(stderr);
	if ((pid = fork()) == -1) {
		*why = xasprintf("fork: %s", strerror(errno));
		(void)fclose(in);
		return -1;
	}
	if (pid == 0)
		exec_child(t, ctx->facts, in);
	/* Both set the group, so neither order of running can miss it. */
	(void)setpgid(pid, pid);
	rc = exec_wait(pid, t->timeout_sec, why);
	(void)fclose(in);
	return rc;
}
