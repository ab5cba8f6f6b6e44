/*
 * creds.c: the AWS credential chain.  See creds.h for the order and the
 * rules; the container and IMDS fetches are in creds_http.c.
 *
 * Each source returns SRC_FOUND with the credentials filled in,
 * SRC_ABSENT when it is not configured (the chain goes on), or
 * SRC_FAILED when it is configured but broken (the chain stops).  In the
 * last two cases it appends its reason to the provider's "why" line,
 * which becomes the one warning of a failed creds_provider_get().
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "creds.h"
#include "creds_http.h"
#include "ini.h"
#include "json.h"
#include "util.h"

#define SRC_FOUND	1
#define SRC_ABSENT	0
#define SRC_FAILED	(-1)

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct creds_provider {
	const struct aws_config	*cfg;		/* borrowed */
	struct creds		 cur;		/* valid while "have" */
	int			 have;		/* 1 once "cur" is filled */
	time_t			 retry_at;	/* after a failed refresh: none
						   before this; 0 = any time */
	int			 process_timeout_sec; /* per run, >= 1 */
	struct buf		 why;		/* reasons of this walk */
};

/* Keys found by a source, borrowed from wherever it read them. */
struct keys {
	const char	*akid;		/* access key ID */
	const char	*secret;	/* secret access key */
	const char	*token;		/* session token; NULL if none */
	time_t		 exp;		/* seconds since epoch; 0 = never */
};

static int	src_env(struct creds_provider *, struct creds *);
static int	src_shared_file(struct creds_provider *, struct creds *);
static int	src_config_file(struct creds_provider *, struct creds *);
static int	src_process(struct creds_provider *, struct creds *);
static int	src_container(struct creds_provider *, struct creds *);
static int	src_imds(struct creds_provider *, struct creds *);

/* The chain, in order. */
static const struct source {
	enum creds_source	 id;
	const char		*name;	/* creds_source_name() */
	int			(*fetch)(struct creds_provider *,
				    struct creds *);
} sources[] = {
	{ CREDS_SOURCE_ENV, "environment", src_env },
	{ CREDS_SOURCE_SHARED_FILE, "shared-credentials-file",
	    src_shared_file },
	{ CREDS_SOURCE_CONFIG_FILE, "config-file", src_config_file },
	{ CREDS_SOURCE_PROCESS, "credential-process", src_process },
	{ CREDS_SOURCE_CONTAINER, "container", src_container },
	{ CREDS_SOURCE_IMDS, "imds", src_imds },
};

/* Profile keys asking for credential types this program lacks. */
static const struct unsupported {
	const char	*key;		/* profile key */
	const char	*what;		/* the credential type, for messages */
} unsupported[] = {
	{ "role_arn",			"assume-role" },
	{ "credential_source",		"assume-role" },
	{ "web_identity_token_file",	"web identity" },
	{ "sso_session",		"SSO" },
	{ "sso_start_url",		"SSO" },
};

/* Append one reason to the "why" line. */
static void
why(struct creds_provider *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
why(struct creds_provider *p, const char *fmt, ...)
{
	va_list	ap;

	if (p->why.len > 0)
		buf_addstr(&p->why, "; ");
	va_start(ap, fmt);
	buf_vprintf(&p->why, fmt, ap);
	va_end(ap);
}

void
creds_clear(struct creds *c)
{
	free_secret(c->access_key_id);
	free_secret(c->secret_access_key);
	free_secret(c->session_token);
	free(c->source_detail);
	memset(c, 0, sizeof(*c));
}

/*
 * Parse a credentials document, quietly: json_parse() would warn on its
 * own, and a failed creds_provider_get() gives exactly one warning.
 * NULL unless "data" is a JSON object without NUL bytes or "\u0000"
 * escapes (cJSON would cut a key short there).
 */
static cJSON *
parse_object(const char *data, size_t len)
{
	cJSON	*root;

	if (data == NULL || len == 0 || memchr(data, '\0', len) != NULL ||
	    memmem(data, len, "\\u0000", 6) != NULL)
		return NULL;
	if ((root = cJSON_ParseWithLength(data, len)) != NULL &&
	    !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		root = NULL;
	}
	return root;
}

/* Wipe every string in a cJSON tree (keys and secrets alike). */
static void
wipe_tree(cJSON *item)
{
	for (; item != NULL; item = item->next) {
		if (cJSON_IsString(item) && item->valuestring != NULL)
			explicit_bzero(item->valuestring,
			    strlen(item->valuestring));
		wipe_tree(item->child);
	}
}

/* Wipe, then free a tree; NULL is allowed. */
static void
free_tree(cJSON *root)
{
	wipe_tree(root);
	cJSON_Delete(root);
}

const char *
creds_source_name(enum creds_source s)
{
	size_t	i;

	for (i = 0; i < NITEMS(sources); i++)
		if (sources[i].id == s)
			return sources[i].name;
	return "unknown";
}

struct creds_provider *
creds_provider_new(const struct aws_config *cfg)
{
	struct creds_provider	*p;

	p = xcalloc(1, sizeof(*p));
	p->cfg = cfg;
	p->process_timeout_sec = CREDS_PROCESS_TIMEOUT_SEC;
	return p;
}

void
creds_provider_set_process_timeout(struct creds_provider *p, int seconds)
{
	p->process_timeout_sec = seconds > 0 ? seconds : 1;
}

void
creds_provider_free(struct creds_provider *p)
{
	if (p == NULL)
		return;
	creds_clear(&p->cur);
	buf_free(&p->why);
	free(p);
}

/* NULL for a usable key or token, else what is wrong with it. */
static const char *
check_field(const char *s)
{
	size_t	len = strlen(s);
	size_t	i;

	if (len == 0)
		return "empty";
	if (len > CREDS_MAX_FIELD_BYTES)
		return "too long";
	for (i = 0; i < len; i++)
		if (!isgraph((unsigned char)s[i]) || (unsigned char)s[i] > 0x7e)
			return "contains blanks or control characters";
	return NULL;
}

/* "s" unless it is NULL or empty. */
static const char *
nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/*
 * Check "k" and copy it into "c" with "src" and "detail" (taken over).
 * Returns SRC_FOUND, or SRC_FAILED with a reason labelled "label".
 */
static int
take_keys(struct creds_provider *p, const char *label, const struct keys *k,
    enum creds_source src, char *detail, struct creds *c)
{
	const char	*bad;

	if ((bad = check_field(k->akid)) != NULL)
		why(p, "%s: access key ID: %s", label, bad);
	else if ((bad = check_field(k->secret)) != NULL)
		why(p, "%s: secret access key: %s", label, bad);
	else if (k->token != NULL && (bad = check_field(k->token)) != NULL)
		why(p, "%s: session token: %s", label, bad);
	if (bad != NULL) {
		free(detail);
		return SRC_FAILED;
	}
	c->access_key_id = xstrdup(k->akid);
	c->secret_access_key = xstrdup(k->secret);
	c->session_token = k->token != NULL ? xstrdup(k->token) : NULL;
	c->expiration = k->exp;
	c->source = src;
	c->source_detail = detail;
	return SRC_FOUND;
}

/* An ISO-8601 expiry; -1 if it is not one or is at or before 1970. */
static int
parse_expiration(const char *s, time_t *out)
{
	if (strlen(s) > CREDS_MAX_FIELD_BYTES ||
	    util_parse_iso8601(s, out) == -1 || *out <= 0)
		return -1;
	return 0;
}

static int
src_env(struct creds_provider *p, struct creds *c)
{
	const struct config_env	*e = &p->cfg->env;
	struct keys		 k;

	memset(&k, 0, sizeof(k));
	if (e->access_key_id == NULL && e->secret_access_key == NULL) {
		why(p, "environment: AWS_ACCESS_KEY_ID not set");
		return SRC_ABSENT;
	}
	if (e->access_key_id == NULL || e->secret_access_key == NULL) {
		why(p, "environment: %s set without %s",
		    e->access_key_id != NULL ? "AWS_ACCESS_KEY_ID" :
		    "AWS_SECRET_ACCESS_KEY", e->access_key_id != NULL ?
		    "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
		return SRC_FAILED;
	}
	if (e->credential_expiration != NULL &&
	    parse_expiration(e->credential_expiration, &k.exp) == -1) {
		why(p, "environment: AWS_CREDENTIAL_EXPIRATION is not an "
		    "ISO-8601 time");
		return SRC_FAILED;
	}
	k.akid = e->access_key_id;
	k.secret = e->secret_access_key;
	k.token = e->session_token;
	return take_keys(p, "environment", &k, CREDS_SOURCE_ENV,
	    xstrdup("environment variables"), c);
}

/*
 * Refuse profiles (and the one variable) that ask for a credential type
 * this program does not implement: the SDKs would use it before the
 * files, so going on would pick another identity.
 */
static int
check_unsupported(struct creds_provider *p)
{
	const struct aws_config	*cfg = p->cfg;
	size_t			 i;

	if (cfg->env.web_identity_token_file != NULL) {
		why(p, "web identity: AWS_WEB_IDENTITY_TOKEN_FILE is set, "
		    "but web identity credentials are not supported");
		return SRC_FAILED;
	}
	for (i = 0; i < NITEMS(unsupported); i++)
		if (nonempty(config_profile_get(cfg, unsupported[i].key)) ||
		    nonempty(config_credentials_get(cfg,
		    unsupported[i].key))) {
			why(p, "profile %s: %s is set, but %s credentials "
			    "are not supported; use credential_process",
			    cfg->profile, unsupported[i].key,
			    unsupported[i].what);
			return SRC_FAILED;
		}
	return SRC_ABSENT;
}

/* Static keys in "section" of one of the two files. */
static int
static_keys(struct creds_provider *p, const struct ini *ini,
    const char *section, const char *path, enum creds_source src,
    struct creds *c)
{
	const char	*prof = p->cfg->profile;
	struct keys	 k;
	char		*label;
	int		 rc;

	memset(&k, 0, sizeof(k));
	if (path == NULL || section == NULL ||
	    !ini_has_section(ini, section)) {
		why(p, "profile %s: not in %s", prof,
		    path != NULL ? path : "(no file: no home directory)");
		return SRC_ABSENT;
	}
	k.akid = nonempty(ini_get(ini, section, "aws_access_key_id"));
	k.secret = nonempty(ini_get(ini, section, "aws_secret_access_key"));
	k.token = nonempty(ini_get(ini, section, "aws_session_token"));
	if (k.akid == NULL && k.secret == NULL) {
		why(p, "profile %s: no aws_access_key_id in %s", prof, path);
		return SRC_ABSENT;
	}
	if (k.akid == NULL || k.secret == NULL) {
		why(p, "profile %s: %s without %s in %s", prof,
		    k.akid != NULL ? "aws_access_key_id" :
		    "aws_secret_access_key", k.akid != NULL ?
		    "aws_secret_access_key" : "aws_access_key_id", path);
		return SRC_FAILED;
	}
	label = xasprintf("profile %s in %s", prof, path);
	rc = take_keys(p, label, &k, src, xstrdup(label), c);
	free(label);
	return rc;
}

static int
src_shared_file(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;

	return static_keys(p, cfg->credentials, cfg->profile,
	    cfg->credentials_file, CREDS_SOURCE_SHARED_FILE, c);
}

static int
src_config_file(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;

	return static_keys(p, cfg->config, cfg->config_section,
	    cfg->config_file, CREDS_SOURCE_CONFIG_FILE, c);
}

/*
 * Read the keys of a credentials JSON reply into "k" (borrowed from
 * "root").  "token_key" names the session token member; with "strict"
 * the token and Expiration are required.  -1 after a reason.
 */
static int
keys_from_json(struct creds_provider *p, const cJSON *root,
    const char *label, const char *token_key, int strict, struct keys *k)
{
	const char	*exp;

	memset(k, 0, sizeof(*k));
	k->akid = json_str(root, "AccessKeyId");
	k->secret = json_str(root, "SecretAccessKey");
	k->token = nonempty(json_str(root, token_key));
	exp = nonempty(json_str(root, "Expiration"));
	if (k->akid == NULL || k->secret == NULL) {
		why(p, "%s: no %s string in the reply", label,
		    k->akid == NULL ? "AccessKeyId" : "SecretAccessKey");
		return -1;
	}
	if (strict && (k->token == NULL || exp == NULL)) {
		why(p, "%s: no %s string in the reply", label,
		    k->token == NULL ? token_key : "Expiration");
		return -1;
	}
	if (exp != NULL && parse_expiration(exp, &k->exp) == -1) {
		why(p, "%s: Expiration is not an ISO-8601 time", label);
		return -1;
	}
	return 0;
}

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
			why(p, "credential_process: timed out after %d s",
			    p->process_timeout_sec);
			return -1;
		}
		pfd.fd = fd;
		pfd.events = POLLIN;
		if ((n = poll(&pfd, 1, left)) <= 0) {
			if (n == 0 || errno == EINTR)
				continue;
			why(p, "credential_process: poll: %s", strerror(errno));
			return -1;
		}
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			why(p, "credential_process: read: %s", strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		if ((size_t)n > CREDS_PROCESS_MAX_BYTES - out->len) {
			explicit_bzero(chunk, sizeof(chunk));
			why(p, "credential_process: output larger than %d "
			    "bytes", CREDS_PROCESS_MAX_BYTES);
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
			why(p, "credential_process: waitpid: %s",
			    strerror(errno));
			return -1;
		}
		if (ms_left(deadline) == 0) {
			why(p, "credential_process: timed out after %d s",
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
		why(p, "credential_process: cannot run /bin/sh: %s",
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
		why(p, "credential_process: killed by signal %d",
		    WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) != 0) {
		why(p, "credential_process: exited with status %d",
		    WEXITSTATUS(status));
		return -1;
	}
	return 0;
}

/* Turn the process output into credentials. */
static int
process_creds(struct creds_provider *p, const struct buf *out,
    struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;
	cJSON			*root;
	struct keys		 k;
	double			 version;
	int			 rc = SRC_FAILED;

	if ((root = parse_object(out->data, out->len)) == NULL) {
		why(p, "credential_process: output is not a JSON object");
		return SRC_FAILED;
	}
	if (json_num(root, "Version", &version) == -1 || version != 1)
		why(p, "credential_process: Version is not 1");
	else if (keys_from_json(p, root, "credential_process",
	    "SessionToken", 0, &k) == 0)
		rc = take_keys(p, "credential_process", &k,
		    CREDS_SOURCE_PROCESS, xasprintf("credential_process of "
		    "profile %s", cfg->profile), c);
	free_tree(root);
	return rc;
}

static int
src_process(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;
	struct buf		 out = BUF_INIT;
	const char		*cmd;
	int			 rc = SRC_FAILED;

	if ((cmd = nonempty(config_profile_get(cfg,
	    "credential_process"))) == NULL)
		cmd = nonempty(config_credentials_get(cfg,
		    "credential_process"));
	if (cmd == NULL) {
		why(p, "credential_process: not set for profile %s",
		    cfg->profile);
		return SRC_ABSENT;
	}
	log_debug(2, "credentials: running credential_process of profile %s",
	    cfg->profile);
	if (run_process(p, cmd, &out) == 0)
		rc = process_creds(p, &out, c);
	buf_wipe(&out);
	return rc;
}

/* Hosts a container endpoint may be reached at over plain http. */
static int
http_host_allowed(const char *host)
{
	struct in_addr	a;

	if (strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
	    strcmp(host, CREDS_CONTAINER_HOST) == 0 ||
	    strcmp(host, "169.254.170.23") == 0 ||
	    strcasecmp(host, "[fd00:ec2::23]") == 0)
		return 1;
	return inet_pton(AF_INET, host, &a) == 1 &&
	    (ntohl(a.s_addr) >> 24) == 127;
}

/* Check the scheme and host of a container URL as libcurl sees them. */
static int
container_url_allowed(const char *url, int relative, const char **why_not)
{
	char	*scheme = NULL, *host = NULL;
	int	 ok = 0;

	if (creds_http_url_parts(url, &scheme, &host) == 0) {
		if (relative)
			ok = strcmp(scheme, "http") == 0 &&
			    strcmp(host, CREDS_CONTAINER_HOST) == 0;
		else
			ok = strcmp(scheme, "https") == 0 ||
			    (strcmp(scheme, "http") == 0 &&
			    http_host_allowed(host));
	}
	if (!ok)
		*why_not = relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "
		    "not a URL path" : "AWS_CONTAINER_CREDENTIALS_FULL_URI: "
		    "must be https, or http to loopback, 169.254.170.2 or "
		    "169.254.170.23";
	free(scheme);
	free(host);
	return ok;
}

char *
creds_container_url(const struct aws_config *cfg, const char **why_not)
{
	const struct config_env	*e = &cfg->env;
	const char		*dummy;
	char			*url;
	int			 relative = e->container_relative_uri != NULL;

	if (why_not == NULL)
		why_not = &dummy;
	if (relative && e->container_relative_uri[0] != '/') {
		*why_not = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: does not "
		    "start with '/'";
		return NULL;
	}
	if (relative)
		url = xasprintf("http://%s%s", CREDS_CONTAINER_HOST,
		    e->container_relative_uri);
	else if (e->container_full_uri != NULL)
		url = xstrdup(e->container_full_uri);
	else {
		*why_not = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
		    "AWS_CONTAINER_CREDENTIALS_FULL_URI not set";
		return NULL;
	}
	if (check_field(url) != NULL) {
		*why_not = "container credentials URI contains blanks or "
		    "control characters";
		free(url);
		return NULL;
	}
	if (!container_url_allowed(url, relative, why_not)) {
		free(url);
		return NULL;
	}
	return url;
}

/* The token in file "path", without trailing blanks; NULL after a reason. */
static char *
read_token_file(struct creds_provider *p, const char *path)
{
	FILE	*f;
	char	*s;
	size_t	 n;

	if ((f = fopen(path, "re")) == NULL) {
		why(p, "container: %s: %s", path, strerror(errno));
		return NULL;
	}
	s = xmalloc(CREDS_TOKEN_FILE_MAX_BYTES + 1);
	n = fread(s, 1, CREDS_TOKEN_FILE_MAX_BYTES + 1, f);
	(void)fclose(f);
	if (n > CREDS_TOKEN_FILE_MAX_BYTES) {
		explicit_bzero(s, n);
		free(s);
		why(p, "container: %s: larger than %d bytes", path,
		    CREDS_TOKEN_FILE_MAX_BYTES);
		return NULL;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	return s;
}

/*
 * The Authorization value for the container endpoint into *tok: the
 * token file (re-read every time: it rotates), else the variable, else
 * NULL.  It becomes a header, so control characters are refused.  -1
 * after a reason.
 */
static int
container_token(struct creds_provider *p, char **tok)
{
	const struct config_env	*e = &p->cfg->env;
	char			*s;
	size_t			 i;

	*tok = NULL;
	if (e->container_token_file != NULL) {
		if ((s = read_token_file(p, e->container_token_file)) == NULL)
			return -1;
	} else if (e->container_token != NULL)
		s = xstrdup(e->container_token);
	else
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (iscntrl((unsigned char)s[i]) || (unsigned char)s[i] > 0x7e)
			break;
	if (i == 0 || s[i] != '\0') {
		free_secret(s);
		why(p, "container: authorization token is empty or has "
		    "control characters");
		return -1;
	}
	*tok = s;
	return 0;
}

/* GET "url" with up to CREDS_CONTAINER_ATTEMPTS tries; -1 after a reason. */
static int
container_fetch(struct creds_provider *p, const char *url, const char *tok,
    struct creds_http_result *r)
{
	const char	*hdrs[3] = { "Accept: application/json", NULL, NULL };
	char		*auth = NULL;
	int		 i, rc = -1;

	if (tok != NULL)
		hdrs[1] = auth = xasprintf("Authorization: %s", tok);
	for (i = 0; i < CREDS_CONTAINER_ATTEMPTS; i++) {
		if (i > 0)
			creds_http_result_free(r);
		rc = creds_http_fetch("GET", url, hdrs,
		    CREDS_CONTAINER_TIMEOUT_MS, p->cfg->ca_bundle, r);
		if (rc == 0 && r->status < 500)
			break;
	}
	free_secret(auth);
	if (rc == -1)
		why(p, "container: %s", r->error);
	else if (r->status != 200)
		why(p, "container: HTTP %ld", r->status);
	return rc == 0 && r->status == 200 ? 0 : -1;
}

/* Turn a container endpoint's reply into credentials. */
static int
container_creds(struct creds_provider *p, const struct buf *body,
    struct creds *c)
{
	cJSON		*root;
	struct keys	 k;
	int		 rc = SRC_FAILED;

	if ((root = parse_object(body->data, body->len)) == NULL)
		why(p, "container: reply is not a JSON object");
	else if (keys_from_json(p, root, "container", "Token", 0, &k) == 0)
		rc = take_keys(p, "container", &k, CREDS_SOURCE_CONTAINER,
		    xstrdup("container credentials endpoint"), c);
	free_tree(root);
	return rc;
}

static int
src_container(struct creds_provider *p, struct creds *c)
{
	const struct config_env		*e = &p->cfg->env;
	struct creds_http_result	 r;
	const char			*why_not;
	char				*url, *tok = NULL;
	int				 rc = SRC_FAILED;

	memset(&r, 0, sizeof(r));
	if ((url = creds_container_url(p->cfg, &why_not)) == NULL) {
		why(p, "container: %s", why_not);
		return e->container_relative_uri == NULL &&
		    e->container_full_uri == NULL ? SRC_ABSENT : SRC_FAILED;
	}
	if (container_token(p, &tok) == -1 ||
	    container_fetch(p, url, tok, &r) == -1)
		goto out;
	rc = container_creds(p, &r.body, c);
out:
	creds_http_result_free(&r);
	free_secret(tok);
	free(url);
	return rc;
}

/*
 * GET "path" from the metadata service, with the session token if any.
 * Returns 0 with a 200 reply in "r", or -1 after a reason.
 */
static int
imds_get(struct creds_provider *p, const char *path, const char *token,
    struct creds_http_result *r)
{
	const char	*hdrs[2] = { NULL, NULL };
	char		*url, *hdr = NULL;
	int		 rc = -1;

	url = xasprintf("%s%s", p->cfg->env.imds_endpoint, path);
	if (token != NULL)
		hdrs[0] = hdr = xasprintf("x-aws-ec2-metadata-token: %s",
		    token);
	if (creds_http_fetch("GET", url, hdrs, CREDS_IMDS_TIMEOUT_MS,
	    p->cfg->ca_bundle, r) == -1)
		why(p, "IMDS: %s", r->error);
	else if (r->status != 200)
		why(p, "IMDS: GET %s: HTTP %ld", path, r->status);
	else
		rc = 0;
	free_secret(hdr);
	free(url);
	return rc;
}

/*
 * IMDSv2 session token into *token.  As the SDKs do, a 403, 404 or 405
 * or a timeout means an IMDSv1-only service: *token stays NULL, unless
 * IMDSv1 is disabled.  -1 after a reason.
 */
static int
imds_token(struct creds_provider *p, char **token)
{
	struct creds_http_result	 r;
	char				*url, hdr[64];
	const char			*hdrs[2] = { hdr, NULL };
	int				 rc = -1, fetched, v1;

	*token = NULL;
	(void)snprintf(hdr, sizeof(hdr),
	    "x-aws-ec2-metadata-token-ttl-seconds: %d",
	    CREDS_IMDS_TOKEN_TTL_SEC);
	url = xasprintf("%s/latest/api/token", p->cfg->env.imds_endpoint);
	fetched = creds_http_fetch("PUT", url, hdrs, CREDS_IMDS_TIMEOUT_MS,
	    p->cfg->ca_bundle, &r);
	if (fetched == 0 && r.status == 200) {
		if (check_field(r.body.data != NULL ? r.body.data : "") != NULL)
			why(p, "IMDS: token: unusable reply");
		else {
			*token = xstrdup(r.body.data);
			rc = 0;
		}
		goto out;
	}
	v1 = fetched == -1 ? r.timed_out :
	    r.status == 403 || r.status == 404 || r.status == 405;
	if (v1 && !p->cfg->env.imds_v1_disabled) {
		log_debug(2, "credentials: no IMDSv2 token, trying IMDSv1");
		rc = 0;
	} else if (fetched == -1)
		why(p, "IMDS: token: %s", r.error);
	else
		why(p, "IMDS: token: HTTP %ld", r.status);
out:
	creds_http_result_free(&r);
	free(url);
	return rc;
}

/* The instance's role name, from the first line of the listing. */
static char *
imds_role(struct creds_provider *p, const struct creds_http_result *r)
{
	const char	*s = r->body.data != NULL ? r->body.data : "";
	size_t		 n, i;

	n = strcspn(s, "\r\n");
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr("+=,.@_-", s[i]) == NULL)
			break;
	if (n == 0 || n > CREDS_IMDS_ROLE_MAX_BYTES || i < n) {
		why(p, "IMDS: no usable IAM role name in the reply");
		return NULL;
	}
	return xstrndup(s, n);
}

/* Turn role "role"'s credentials document into credentials. */
static int
imds_doc_creds(struct creds_provider *p, const char *role,
    const struct buf *body, struct creds *c)
{
	cJSON		*root;
	const char	*code;
	struct keys	 k;
	int		 rc = SRC_FAILED;

	if ((root = parse_object(body->data, body->len)) == NULL)
		why(p, "IMDS: reply is not a JSON object");
	else if ((code = json_str(root, "Code")) != NULL &&
	    strcmp(code, "Success") != 0)
		why(p, "IMDS: role %s: Code is not Success", role);
	else if (keys_from_json(p, root, "IMDS", "Token", 1, &k) == 0)
		rc = take_keys(p, "IMDS", &k, CREDS_SOURCE_IMDS,
		    xasprintf("instance role %s at %s", role,
		    p->cfg->env.imds_endpoint), c);
	free_tree(root);
	return rc;
}

/* Fetch and check the role's credentials document into "c". */
static int
imds_creds(struct creds_provider *p, const char *role, const char *token,
    struct creds *c)
{
	struct creds_http_result	 r;
	char				*path;
	int				 rc = SRC_FAILED;

	memset(&r, 0, sizeof(r));
	path = xasprintf("/latest/meta-data/iam/security-credentials/%s",
	    role);
	if (imds_get(p, path, token, &r) == -1)
		goto out;
	rc = imds_doc_creds(p, role, &r.body, c);
out:
	creds_http_result_free(&r);
	free(path);
	return rc;
}

static int
src_imds(struct creds_provider *p, struct creds *c)
{
	struct creds_http_result	 r;
	char				*token = NULL, *role = NULL;
	int				 rc = SRC_FAILED;

	if (p->cfg->env.imds_disabled) {
		why(p, "IMDS: disabled by AWS_EC2_METADATA_DISABLED");
		return SRC_ABSENT;
	}
	memset(&r, 0, sizeof(r));
	if (imds_token(p, &token) == -1 ||
	    imds_get(p, "/latest/meta-data/iam/security-credentials/",
	    token, &r) == -1 ||
	    (role = imds_role(p, &r)) == NULL)
		goto out;
	rc = imds_creds(p, role, token, c);
out:
	creds_http_result_free(&r);
	free_secret(token);
	free(role);
	return rc;
}

int
creds_parse_document(enum creds_source src, const char *doc, size_t len,
    struct creds *c, char **why_not)
{
	struct aws_config	 cfg;
	struct creds_provider	 p;
	struct buf		 body = BUF_INIT;
	char			 name[] = "(document)";
	int			 rc = SRC_FAILED;

	memset(c, 0, sizeof(*c));
	memset(&cfg, 0, sizeof(cfg));
	memset(&p, 0, sizeof(p));
	cfg.profile = cfg.env.imds_endpoint = name;
	p.cfg = &cfg;
	if (len > 0)
		buf_add(&body, doc, len);
	if (src == CREDS_SOURCE_PROCESS)
		rc = process_creds(&p, &body, c);
	else if (src == CREDS_SOURCE_CONTAINER)
		rc = container_creds(&p, &body, c);
	else if (src == CREDS_SOURCE_IMDS)
		rc = imds_doc_creds(&p, name, &body, c);
	else
		why(&p, "%s: no document to parse", creds_source_name(src));
	buf_wipe(&body);
	if (rc != SRC_FOUND)
		creds_clear(c);
	*why_not = rc == SRC_FOUND ? NULL : buf_detach(&p.why);
	buf_free(&p.why);
	return rc == SRC_FOUND ? 0 : -1;
}

/* Walk the chain until a source yields keys or fails. */
static int
run_chain(struct creds_provider *p, struct creds *c)
{
	size_t	i;
	int	rc;

	for (i = 0; i < NITEMS(sources); i++) {
		if (sources[i].id == CREDS_SOURCE_SHARED_FILE &&
		    (rc = check_unsupported(p)) != SRC_ABSENT)
			return rc;
		if ((rc = sources[i].fetch(p, c)) != SRC_ABSENT)
			return rc;
	}
	return SRC_ABSENT;
}

/* Ask source "id" again, for a refresh. */
static int
run_source(struct creds_provider *p, enum creds_source id, struct creds *c)
{
	size_t	i;

	for (i = 0; i < NITEMS(sources); i++)
		if (sources[i].id == id)
			return sources[i].fetch(p, c);
	return SRC_FAILED;
}

/*
 * A walk or refresh failed at "now": keep the current credentials while
 * they last, else give up with the one warning.
 */
static const struct creds *
provider_failed(struct creds_provider *p, time_t now)
{
	char	until[UTIL_ISO8601_LEN];

	if (p->have && p->cur.expiration > now) {
		util_iso8601(p->cur.expiration, until);
		warnx("credentials: refresh from %s failed: %s; using the "
		    "current ones until %s", p->cur.source_detail,
		    p->why.data, until);
		p->retry_at = now + CREDS_REFRESH_RETRY_SEC;
		return &p->cur;
	}
	warnx("no credentials: %s", p->why.len > 0 ? p->why.data :
	    "no source configured");
	creds_clear(&p->cur);
	p->have = 0;
	p->retry_at = 0;
	return NULL;
}

const struct creds *
creds_provider_get(struct creds_provider *p, time_t now)
{
	struct creds	fresh;
	char		when[UTIL_ISO8601_LEN];
	int		rc;

	if (p->have && (p->cur.expiration == 0 ||
	    p->cur.expiration - now > CREDS_REFRESH_MARGIN_SEC ||
	    (now < p->retry_at && p->cur.expiration > now)))
		return &p->cur;
	memset(&fresh, 0, sizeof(fresh));
	buf_reset(&p->why);
	rc = p->have ? run_source(p, p->cur.source, &fresh) :
	    run_chain(p, &fresh);
	if (rc == SRC_FOUND && fresh.expiration != 0 &&
	    fresh.expiration <= now) {
		util_iso8601(fresh.expiration, when);
		why(p, "%s: credentials expired at %s", fresh.source_detail,
		    when);
		rc = SRC_FAILED;
	}
	if (rc != SRC_FOUND) {
		creds_clear(&fresh);
		return provider_failed(p, now);
	}
	creds_clear(&p->cur);
	p->cur = fresh;
	p->have = 1;
	p->retry_at = 0;
	log_debug(2, "credentials: %s (%s), access key %.4s...",
	    creds_source_name(p->cur.source), p->cur.source_detail,
	    p->cur.access_key_id);
	return &p->cur;
}
