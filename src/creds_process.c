/*
 * creds_process.c: the credential_process source (step 4): run the
 * profile's command with /bin/sh -c in a process group of its own, read
 * its stdout within CREDS_PROCESS_MAX_BYTES and the timeout, and check
 * the JSON it prints.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "creds.h"
#include "creds_int.h"
#include "json.h"
#include "util.h"

/*
 * Spawn attributes: "outfd" as stdout, a process group of its own (so a
 * timeout can kill the command's children too), no blocked signals and
 * SIGPIPE at its default even if ours is ignored.  0 or an errno.
 */
static int
spawn_setup(posix_spawn_file_actions_t *fa, posix_spawnattr_t *at,
    int outfd)
{
	sigset_t	none, dflt;
	int		rc;

	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	if ((rc = posix_spawn_file_actions_adddup2(fa, outfd,
	    STDOUT_FILENO)) != 0 ||
	    (rc = posix_spawnattr_setflags(at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) != 0 ||
	    (rc = posix_spawnattr_setpgroup(at, 0)) != 0 ||
	    (rc = posix_spawnattr_setsigmask(at, &none)) != 0)
		return rc;
	return posix_spawnattr_setsigdefault(at, &dflt);
}

/* Start "/bin/sh -c cmd" with its stdout on a pipe read through *fd. */
static int
spawn_process(const char *cmd, pid_t *pid, int *fd)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 at;
	char				 sh[] = "sh", dashc[] = "-c";
	char				*argv[4];
	int				 fds[2], rc;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	argv[0] = sh;
	argv[1] = dashc;
	argv[2] = xstrdup(cmd);
	argv[3] = NULL;
	rc = posix_spawn_file_actions_init(&fa);
	if (rc == 0 && (rc = posix_spawnattr_init(&at)) != 0)
		posix_spawn_file_actions_destroy(&fa);
	if (rc == 0) {
		if ((rc = spawn_setup(&fa, &at, fds[1])) == 0)
			rc = posix_spawn(pid, "/bin/sh", &fa, &at, argv,
			    environ);
		posix_spawnattr_destroy(&at);
		posix_spawn_file_actions_destroy(&fa);
	}
	free_secret(argv[2]);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		errno = rc;
		return -1;
	}
	*fd = fds[0];
	return 0;
}

/* Milliseconds left before "deadline" (util_now_ms() time), >= 0. */
static int
ms_left(long long deadline)
{
	long long	left = deadline - util_now_ms();

	if (left <= 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/* Read the child's stdout to EOF, within the ceiling and the deadline. */
static int
read_output(struct creds_provider *p, int fd, long long deadline,
    struct buf *out)
{
	struct pollfd	pfd;
	char		chunk[4096];
	ssize_t		n;
	int		left;

	for (;;) {
		if ((left = ms_left(deadline)) == 0) {
			creds_why(p, "credential_process: timed out after %d s",
			    p->process_timeout_sec);
			return -1;
		}
		pfd.fd = fd;
		pfd.events = POLLIN;
		if ((n = poll(&pfd, 1, left)) <= 0) {
			if (n == 0 || errno == EINTR)
				continue;
			creds_why(p, "credential_process: poll: %s",
			    strerror(errno));
			return -1;
		}
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			creds_why(p, "credential_process: read: %s",
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		if ((size_t)n > CREDS_PROCESS_MAX_BYTES - out->len) {
			explicit_bzero(chunk, sizeof(chunk));
			creds_why(p, "credential_process: output larger "
			    "than %d bytes", CREDS_PROCESS_MAX_BYTES);
			return -1;
		}
		buf_add(out, chunk, (size_t)n);
		explicit_bzero(chunk, (size_t)n);
	}
}

/* Reap "pid" before the deadline; -1 after a reason if it is late. */
static int
wait_process(struct creds_provider *p, pid_t pid, long long deadline,
    int *status)
{
	pid_t	r;

	for (;;) {
		if ((r = waitpid(pid, status, WNOHANG)) == pid)
			return 0;
		if (r == -1 && errno != EINTR) {
			creds_why(p, "credential_process: waitpid: %s",
			    strerror(errno));
			return -1;
		}
		if (ms_left(deadline) == 0) {
			creds_why(p, "credential_process: timed out after %d s",
			    p->process_timeout_sec);
			return -1;
		}
		(void)poll(NULL, 0, 10);
	}
}

/*
 * Run "cmd" and collect its stdout into "out"; its stderr is ours.  On
 * timeout or overflow the whole process group is killed.  0 if it
 * exited with status 0, else -1 after a reason.
 */
static int
run_process(struct creds_provider *p, const char *cmd, struct buf *out)
{
	long long	deadline;
	pid_t		pid;
	int		fd, rc, status;

	deadline = util_now_ms() + p->process_timeout_sec * 1000LL;
	if (spawn_process(cmd, &pid, &fd) == -1) {
		creds_why(p, "credential_process: cannot run /bin/sh: %s",
		    strerror(errno));
		return -1;
	}
	rc = read_output(p, fd, deadline, out);
	close(fd);
	if (rc == 0)
		rc = wait_process(p, pid, deadline, &status);
	if (rc == -1) {
		(void)kill(-pid, SIGKILL);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		return -1;
	}
	if (WIFSIGNALED(status)) {
		creds_why(p, "credential_process: killed by signal %d",
		    WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) != 0) {
		creds_why(p, "credential_process: exited with status %d",
		    WEXITSTATUS(status));
		return -1;
	}
	return 0;
}

/* Turn the output of profile "profile"'s process into credentials. */
int
creds_process_doc(struct creds_provider *p, const char *profile,
    const struct buf *out, struct creds *c)
{
	cJSON			*root;
	struct creds_keys	 k;
	double			 version;
	int			 rc = SRC_FAILED;

	if ((root = creds_parse_object(out->data, out->len)) == NULL) {
		creds_why(p, "credential_process: output is not a JSON object");
		return SRC_FAILED;
	}
	if (json_num(root, "Version", &version) == -1 || version != 1)
		creds_why(p, "credential_process: Version is not 1");
	else if (creds_keys_from_json(p, root, "credential_process",
	    "SessionToken", 0, &k) == 0)
		rc = creds_take_keys(p, "credential_process", &k,
		    CREDS_SOURCE_PROCESS, xasprintf("credential_process of "
		    "profile %s", profile), c);
	creds_free_tree(root);
	return rc;
}

int
creds_src_process(struct creds_provider *p, struct creds *c)
{
	return creds_process_of(p, p->cfg->profile, c);
}

int
creds_process_of(struct creds_provider *p, const char *profile,
    struct creds *c)
{
	struct buf		 out = BUF_INIT;
	const char		*cmd;
	int			 rc = SRC_FAILED;

	if ((cmd = config_profile_lookup(p->cfg, profile,
	    "credential_process")) == NULL) {
		creds_why(p, "credential_process: not set for profile %s",
		    profile);
		return SRC_ABSENT;
	}
	log_debug(2, "credentials: running credential_process of profile %s",
	    profile);
	if (run_process(p, cmd, &out) == 0)
		rc = creds_process_doc(p, profile, &out, c);
	buf_wipe(&out);
	return rc;
}
