/*
 * check_creds.c: the credential chain.  Files live in a scratch HOME,
 * variables are set per test, credential_process runs shell scripts
 * written by the test, and the container and IMDS sources talk to the
 * scripted server on 127.0.0.1 (helper_httpd.h).  IMDS is disabled in
 * every test that does not point it at that server, and no test sets
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI for a provider; load() checks
 * both, so nothing can reach 169.254.169.254 or 169.254.170.2.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aws.h"
#include "config.h"
#include "config_testlib.h"
#include "creds.h"
#include "helper_httpd.h"
#include "util.h"
#include "helper_check.h"

#define NOW		((time_t)1900000000)	/* 2030-03-17T17:46:40Z */
#define NOW_PLUS_800	"2030-03-17T18:00:00Z"

static const char creds_json[] = "{\"AccessKeyId\": \"ASIAHTTP\", "
    "\"SecretAccessKey\": \"httpsecret\", \"Token\": \"httptoken\", "
    "\"Expiration\": \"" NOW_PLUS_800 "\", \"Code\": \"Success\"}";

/* config_load() for "profile", refusing any link-local endpoint. */
static struct aws_config *
load(const char *profile)
{
	struct aws_config	*cfg;

	cfg = config_load(profile, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_null(cfg->env.container_relative_uri);
	ck_assert(cfg->env.container_full_uri == NULL ||
	    strstr(cfg->env.container_full_uri, "169.254.") == NULL);
	ck_assert(cfg->env.imds_disabled ||
	    strncmp(cfg->env.imds_endpoint, "http://127.0.0.1:", 17) == 0);
	return cfg;
}

/* creds_provider_get() that must fail; returns its one warning. */
static char *
get_fails(struct creds_provider *p, time_t now)
{
	const struct creds	*c;
	char			*err;

	stderr_capture_start();
	c = creds_provider_get(p, now);
	err = stderr_capture_end();
	ck_assert_ptr_null(c);
	ck_assert_msg(stderr_lines(err) == 1, "want one line, got \"%s\"", err);
	return err;
}

/* Load the default profile and expect the chain to fail with "msg". */
static void
chain_fails(const char *msg)
{
	struct aws_config	*cfg = load(NULL);
	struct creds_provider	*p = creds_provider_new(cfg);
	char			*err;

	err = get_fails(p, NOW);
	ck_assert_msg(strstr(err, msg) != NULL, "got \"%s\", want \"%s\"",
	    err, msg);
	free(err);
	creds_provider_free(p);
	config_free(cfg);
}

/* Load "profile" (NULL: the default) and expect key "akid" from "src". */
static void
profile_gives(const char *profile, const char *akid, enum creds_source src)
{
	struct aws_config	*cfg = load(profile);
	struct creds_provider	*p = creds_provider_new(cfg);
	const struct creds	*c;

	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, akid);
	ck_assert_int_eq(c->source, src);
	creds_provider_free(p);
	config_free(cfg);
}

/* The same for the default profile. */
static void
chain_gives(const char *akid, enum creds_source src)
{
	profile_gives(NULL, akid, src);
}

/*
 * Write an executable credential_process script "name" running "body"
 * and make it the default profile's credential_process.
 */
static void
set_process(const char *name, const char *body)
{
	char	*text, *path, *cfgtext;

	text = xasprintf("#!/bin/sh\ncd '%s' || exit 99\n%s\n", ct_dir, body);
	path = ct_write_mode(name, text, strlen(text), 0700);
	cfgtext = xasprintf("[default]\ncredential_process = %s\n", path);
	ct_put(".aws/config", cfgtext);
	free(cfgtext);
	free(path);
	free(text);
}

/* How many times the counting scripts below have run. */
static int
run_count(void)
{
	char	*path = ct_path("count");
	FILE	*f;
	int	 n = 0;

	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		fclose(f);
	}
	free(path);
	return n;
}

/* Shell: bump ./count and leave the new value in $n. */
#define COUNT_SH \
	"n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count\n"

/* Environment */

START_TEST(test_env)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;

	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "envsecret", 1);
	setenv("AWS_SESSION_TOKEN", "envtoken", 1);
	setenv("AWS_CREDENTIAL_EXPIRATION", NOW_PLUS_800, 1);
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDENV");
	ck_assert_str_eq(c->secret_access_key, "envsecret");
	ck_assert_str_eq(c->session_token, "envtoken");
	ck_assert_int_eq(c->expiration, NOW + 800);
	ck_assert_int_eq(c->source, CREDS_SOURCE_ENV);
	ck_assert_str_eq(c->source_detail, "environment variables");
	/* the same object until a refresh is due */
	ck_assert_ptr_eq(creds_provider_get(p, NOW + 100), c);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_env_no_token)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;

	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "envsecret", 1);
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(c->session_token);
	ck_assert_int_eq(c->expiration, 0);
	/* never expires, so never refreshed */
	ck_assert_ptr_eq(creds_provider_get(p, NOW + 86400 * 365), c);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_env_partial)
{
	ct_put(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\n"
	    "aws_secret_access_key = s\n");
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	chain_fails("no credentials: environment: AWS_ACCESS_KEY_ID set "
	    "without AWS_SECRET_ACCESS_KEY\n");
	unsetenv("AWS_ACCESS_KEY_ID");
	setenv("AWS_SECRET_ACCESS_KEY", "s", 1);
	chain_fails("no credentials: environment: AWS_SECRET_ACCESS_KEY set "
	    "without AWS_ACCESS_KEY_ID\n");
}
END_TEST

START_TEST(test_env_bad)
{
	setenv("AWS_ACCESS_KEY_ID", "AKID ENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "s", 1);
	chain_fails("environment: access key ID: contains blanks or control "
	    "characters");
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SESSION_TOKEN", "tok\r\nX-Injected: 1", 1);
	chain_fails("environment: session token: contains blanks or control "
	    "characters");
	unsetenv("AWS_SESSION_TOKEN");
	setenv("AWS_CREDENTIAL_EXPIRATION", "tomorrow", 1);
	chain_fails("environment: AWS_CREDENTIAL_EXPIRATION is not an "
	    "ISO-8601 time");
	setenv("AWS_CREDENTIAL_EXPIRATION", "2020-01-01T00:00:00Z", 1);
	chain_fails("no credentials: environment variables: credentials "
	    "expired at 2020-01-01T00:00:00Z");
}
END_TEST

START_TEST(test_no_secrets_logged)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	char			*err;

	setenv("AWS_ACCESS_KEY_ID", "ASIAXYZ0123456789", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "SeCrEtKeY", 1);
	setenv("AWS_SESSION_TOKEN", "SeSsIoNtOkEn", 1);
	log_level = 3;
	stderr_capture_start();
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	ck_assert_ptr_nonnull(creds_provider_get(p, NOW));
	creds_provider_free(p);
	config_free(cfg);
	err = stderr_capture_end();
	/* the source and 4 characters of the key ID, nothing more */
	ck_assert_ptr_nonnull(strstr(err, "credentials: environment "
	    "(environment variables), access key ASIA..."));
	ck_assert_ptr_null(strstr(err, "ASIAX"));
	ck_assert_ptr_null(strstr(err, "SeCrEt"));
	ck_assert_ptr_null(strstr(err, "SeSsIoN"));
	free(err);
}
END_TEST

/* Shared files */

START_TEST(test_shared_file)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	char			*path, *detail;

	path = ct_write(".aws/credentials", "[default]\n"
	    "aws_access_key_id = AKIDFILE\n"
	    "aws_secret_access_key = filesecret\n"
	    "aws_session_token = filetoken\n");
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDFILE");
	ck_assert_str_eq(c->secret_access_key, "filesecret");
	ck_assert_str_eq(c->session_token, "filetoken");
	ck_assert_int_eq(c->expiration, 0);
	ck_assert_int_eq(c->source, CREDS_SOURCE_SHARED_FILE);
	detail = xasprintf("profile default in %s", path);
	ck_assert_str_eq(c->source_detail, detail);
	free(detail);
	free(path);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_config_file)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	char			*path, *detail;

	path = ct_write(".aws/config", "[profile dev]\n"
	    "aws_access_key_id = AKIDCONF\n"
	    "aws_secret_access_key = confsecret\n"
	    "aws_session_token =\n");
	ct_put(".aws/credentials", "[other]\naws_access_key_id = X\n"
	    "aws_secret_access_key = Y\n");
	cfg = load("dev");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDCONF");
	ck_assert_ptr_null(c->session_token);	/* empty is none */
	ck_assert_int_eq(c->source, CREDS_SOURCE_CONFIG_FILE);
	detail = xasprintf("profile dev in %s", path);
	ck_assert_str_eq(c->source_detail, detail);
	free(detail);
	free(path);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_profile_sections)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;

	/* credentials file: "[prod]" counts, "[profile prod]" does not */
	ct_put(".aws/credentials",
	    "[profile prod]\naws_access_key_id = WRONG1\n"
	    "aws_secret_access_key = s\n");
	ct_put(".aws/config", "[prod]\naws_access_key_id = WRONG2\n"
	    "aws_secret_access_key = s\n"
	    "[profile prod]\naws_access_key_id = AKIDCONFPROD\n"
	    "aws_secret_access_key = s\n");
	cfg = load("prod");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDCONFPROD");
	ck_assert_int_eq(c->source, CREDS_SOURCE_CONFIG_FILE);
	creds_provider_free(p);
	config_free(cfg);

	ct_put(".aws/credentials", "[prod]\naws_access_key_id = AKIDPROD\n"
	    "aws_secret_access_key = s\n");
	cfg = load("prod");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDPROD");
	ck_assert_int_eq(c->source, CREDS_SOURCE_SHARED_FILE);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_profile_arg_vs_env)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;

	ct_put(".aws/credentials",
	    "[a]\naws_access_key_id = AKIDA\naws_secret_access_key = s\n"
	    "[b]\naws_access_key_id = AKIDB\naws_secret_access_key = s\n"
	    "[default]\naws_access_key_id = AKIDD\n"
	    "aws_secret_access_key = s\n");
	chain_gives("AKIDD", CREDS_SOURCE_SHARED_FILE);
	setenv("AWS_PROFILE", "a", 1);
	chain_gives("AKIDA", CREDS_SOURCE_SHARED_FILE);
	cfg = load("b");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDB");
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_file_partial_stops)
{
	set_process("proc.sh", COUNT_SH "echo '{}'");
	ct_put(".aws/credentials", "[default]\naws_access_key_id = AKID\n");
	chain_fails("profile default: aws_access_key_id without "
	    "aws_secret_access_key in ");
	ck_assert_int_eq(run_count(), 0);	/* the chain stopped there */
}
END_TEST

/* Order */

START_TEST(test_chain_order)
{
	struct httpd_reply	 r = { 200, NULL, creds_json, 0 };
	struct httpd		*d;
	char			*url, *log, *cfgtext, *proc;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	url = xasprintf("http://127.0.0.1:%d/creds", httpd_port(d));
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
	set_process("proc.sh", "echo '{\"Version\": 1, \"AccessKeyId\": "
	    "\"AKIDPROC\", \"SecretAccessKey\": \"s\"}'");
	proc = ct_path("proc.sh");
	cfgtext = xasprintf("[default]\n"
	    "aws_access_key_id = AKIDCONF\naws_secret_access_key = s\n"
	    "credential_process = %s\n", proc);
	ct_put(".aws/config", cfgtext);
	free(cfgtext);
	ct_put(".aws/credentials", "[default]\n"
	    "aws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "s", 1);
	chain_gives("AKIDENV", CREDS_SOURCE_ENV);
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SECRET_ACCESS_KEY");
	chain_gives("AKIDFILE", CREDS_SOURCE_SHARED_FILE);
	ct_put(".aws/credentials", "");
	chain_gives("AKIDCONF", CREDS_SOURCE_CONFIG_FILE);
	cfgtext = xasprintf("[default]\ncredential_process = %s\n", proc);
	ct_put(".aws/config", cfgtext);
	free(cfgtext);
	chain_gives("AKIDPROC", CREDS_SOURCE_PROCESS);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 0);	/* nothing reached it */
	free(log);
	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	free(url);
	url = xasprintf("http://127.0.0.1:%d/creds", httpd_port(d));
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
	ct_put(".aws/config", "");
	chain_gives("ASIAHTTP", CREDS_SOURCE_CONTAINER);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	free(log);
	free(url);
	free(proc);
}
END_TEST

START_TEST(test_all_sources_named)
{
	char	*msg;

	msg = xasprintf("no credentials: "
	    "environment: AWS_ACCESS_KEY_ID not set; "
	    "web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set; "
	    "profile default: not in %s/.aws/credentials; "
	    "profile default: not in %s/.aws/config; "
	    "credential_process: not set for profile default; "
	    "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
	    "AWS_CONTAINER_CREDENTIALS_FULL_URI not set; "
	    "IMDS: disabled by AWS_EC2_METADATA_DISABLED\n", ct_dir, ct_dir);
	chain_fails(msg);
	free(msg);

	/* a section without keys says so */
	ct_put(".aws/credentials", "[default]\nregion = x\n");
	chain_fails("; profile default: no aws_access_key_id in ");
}
END_TEST

START_TEST(test_source_names)
{
	ck_assert_str_eq(creds_source_name(CREDS_SOURCE_ENV), "environment");
	ck_assert_str_eq(creds_source_name(CREDS_SOURCE_SHARED_FILE),
	    "shared-credentials-file");
	ck_assert_str_eq(creds_source_name(CREDS_SOURCE_CONFIG_FILE),
	    "config-file");
	ck_assert_str_eq(creds_source_name(CREDS_SOURCE_PROCESS),
	    "credential-process");
	ck_assert_str_eq(creds_source_name(CREDS_SOURCE_CONTAINER),
	    "container");
	ck_assert_str_eq(creds_source_name(CREDS_SOURCE_IMDS), "imds");
	creds_provider_free(NULL);
}
END_TEST

/* credential_process */

START_TEST(test_process_ok)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	char			*err;

	set_process("proc.sh", "cat <<'EOF'\n{\"Version\": 1, "
	    "\"AccessKeyId\": \"ASIAPROC\", \"SecretAccessKey\": \"psecret\", "
	    "\"SessionToken\": \"ptoken\", \"Expiration\": "
	    "\"2030-03-17T19:46:40.000+01:00\", \"AccountId\": \"1\"}\nEOF");
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	log_level = 3;
	stderr_capture_start();
	c = creds_provider_get(p, NOW);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(err, "running credential_process"));
	ck_assert_ptr_null(strstr(err, "psecret"));
	ck_assert_ptr_null(strstr(err, "ptoken"));
	free(err);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAPROC");
	ck_assert_str_eq(c->secret_access_key, "psecret");
	ck_assert_str_eq(c->session_token, "ptoken");
	ck_assert_int_eq(c->expiration, NOW + 3600);
	ck_assert_int_eq(c->source, CREDS_SOURCE_PROCESS);
	ck_assert_str_eq(c->source_detail,
	    "credential_process of profile default");
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_process_in_credentials_file)
{
	char	*path, *text;

	text = xstrdup("#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": "
	    "\"AKIDCP\", \"SecretAccessKey\": \"s\"}'\n");
	path = ct_write_mode("p.sh", text, strlen(text), 0700);
	free(text);
	text = xasprintf("[default]\ncredential_process = %s\n", path);
	ct_put(".aws/credentials", text);
	chain_gives("AKIDCP", CREDS_SOURCE_PROCESS);
	free(text);
	free(path);
}
END_TEST

/* Process outputs (or behaviour) and the reason they must produce. */
static const struct bad_process {
	const char	*body;
	const char	*msg;
} bad_processes[] = {
	{ "echo 'not json'", "credential_process: output is not a JSON "
	    "object" },
	{ "true", "credential_process: output is not a JSON object" },
	{ "echo '[1]'", "credential_process: output is not a JSON object" },
	{ "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", "
	    "\"SecretAccessKey\": \"s\"}'", "credential_process: Version is "
	    "not 1" },
	{ "echo '{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}'",
	    "credential_process: Version is not 1" },
	{ "echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'",
	    "credential_process: no SecretAccessKey string in the reply" },
	{ "echo '{\"Version\": 1, \"AccessKeyId\": 5, "
	    "\"SecretAccessKey\": \"s\"}'",
	    "credential_process: no AccessKeyId string in the reply" },
	{ "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", "
	    "\"SecretAccessKey\": \"s\", \"Expiration\": \"soon\"}'",
	    "credential_process: Expiration is not an ISO-8601 time" },
	{ "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", "
	    "\"SecretAccessKey\": \"s\", \"Expiration\": "
	    "\"2030-03-17T17:46:40Z\"}'",
	    "credential_process of profile default: credentials expired at "
	    "2030-03-17T17:46:40Z" },
	{ "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", "
	    "\"SecretAccessKey\": \"s\\u0000x\"}'",
	    "credential_process: output is not a JSON object" },
	{ "echo '{\"Version\": 1, \"AccessKeyId\": \"A\\u000a\", "
	    "\"SecretAccessKey\": \"s\"}'",
	    "credential_process: access key ID: contains blanks" },
	{ "echo '{\"Version\": 1}'; exit 3",
	    "credential_process: exited with status 3" },
	{ "head -c 70000 /dev/zero | tr '\\000' x",
	    "credential_process: output larger than 65536 bytes" },
	{ "exec 1>&-; sleep 0", "credential_process: output is not a JSON "
	    "object" },
};

START_TEST(test_process_bad)
{
	set_process("proc.sh", bad_processes[_i].body);
	chain_fails(bad_processes[_i].msg);
}
END_TEST

START_TEST(test_process_stderr)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	char			*err;

	set_process("proc.sh", "echo 'helper says no' >&2; exit 1");
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	stderr_capture_start();
	c = creds_provider_get(p, NOW);
	err = stderr_capture_end();
	ck_assert_ptr_null(c);
	/* the command's own stderr first, then our one warning */
	ck_assert_ptr_nonnull(strstr(err, "helper says no\n"));
	ck_assert_ptr_nonnull(strstr(err, "credential_process: exited with "
	    "status 1"));
	ck_assert_uint_eq(stderr_lines(err), 2);
	free(err);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_process_signal)
{
	/* "sh -c" itself is killed, so no shell reports it first */
	ct_put(".aws/config", "[default]\ncredential_process = kill -9 $$\n");
	chain_fails("; credential_process: killed by signal 9\n");
}
END_TEST

/* 1 if process "pid" is gone (or a zombie nobody reaped yet). */
static int
process_gone(long pid)
{
	char	 path[64], state = '?';
	FILE	*f;

	(void)snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 1;
	if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
		state = '?';
	fclose(f);
	return state == 'Z' || state == 'X';
}

START_TEST(test_process_timeout)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	long long		 t0;
	char			*err, *path;
	long			 bg = 0;
	FILE			*f;
	int			 i;

	/* a background child keeps stdout open: the group must die */
	set_process("proc.sh", "sleep 30 & echo $! > bg.pid; sleep 30");
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	creds_provider_set_process_timeout(p, 1);
	t0 = util_now_ms();
	err = get_fails(p, NOW);
	ck_assert_int_lt(util_now_ms() - t0, 5000);
	ck_assert_ptr_nonnull(strstr(err, "credential_process: timed out "
	    "after 1 s"));
	free(err);
	path = ct_path("bg.pid");
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	ck_assert_int_eq(fscanf(f, "%ld", &bg), 1);
	fclose(f);
	free(path);
	for (i = 0; i < 100 && !process_gone(bg); i++)
		usleep(20000);
	ck_assert_msg(process_gone(bg), "background child %ld survived", bg);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_process_refresh)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;

	set_process("proc.sh", COUNT_SH "printf '{\"Version\": 1, "
	    "\"AccessKeyId\": \"AKIDPROC%s\", \"SecretAccessKey\": \"s%s\", "
	    "\"SessionToken\": \"t\", \"Expiration\": \"" NOW_PLUS_800
	    "\"}' $n $n");
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDPROC1");
	ck_assert_int_eq(c->expiration, NOW + 800);
	ck_assert_int_eq(run_count(), 1);
	/* 400 s left: more than the margin, still cached */
	c = creds_provider_get(p, NOW + 400);
	ck_assert_str_eq(c->access_key_id, "AKIDPROC1");
	ck_assert_int_eq(run_count(), 1);
	/* 200 s left: within CREDS_REFRESH_MARGIN_SEC, so run again */
	c = creds_provider_get(p, NOW + 600);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDPROC2");
	ck_assert_str_eq(c->secret_access_key, "s2");
	ck_assert_int_eq(run_count(), 2);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_process_refresh_fails)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	char			*err;

	set_process("proc.sh", COUNT_SH "[ $n -eq 1 ] || exit 1\n"
	    "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDOLD\", "
	    "\"SecretAccessKey\": \"s\", \"Expiration\": \"" NOW_PLUS_800
	    "\"}'");
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	ck_assert_ptr_nonnull(creds_provider_get(p, NOW));
	/* refresh fails, but the old ones are good for 200 s more */
	stderr_capture_start();
	c = creds_provider_get(p, NOW + 600);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "AKIDOLD");
	ck_assert_ptr_nonnull(strstr(err, "refresh from credential_process "
	    "of profile default failed: credential_process: exited with "
	    "status 1; using the current ones until " NOW_PLUS_800));
	free(err);
	ck_assert_int_eq(run_count(), 2);
	/* no new attempt within CREDS_REFRESH_RETRY_SEC */
	c = creds_provider_get(p, NOW + 600 + CREDS_REFRESH_RETRY_SEC - 1);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(run_count(), 2);
	stderr_capture_start();
	c = creds_provider_get(p, NOW + 600 + CREDS_REFRESH_RETRY_SEC);
	free(stderr_capture_end());
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(run_count(), 3);
	/* once they have expired, failure is failure */
	err = get_fails(p, NOW + 800);
	ck_assert_ptr_nonnull(strstr(err, "no credentials: credential_process: "
	    "exited with status 1"));
	free(err);
	ck_assert_int_eq(run_count(), 4);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

/* Container */

/* Start a server with "replies" and point the full URI at it. */
static struct httpd *
container_server(const struct httpd_reply *replies, size_t n)
{
	struct httpd	*d;
	char		*url;

	ck_assert_ptr_nonnull(d = httpd_start(replies, n));
	url = xasprintf("http://127.0.0.1:%d/v1/creds?id=1", httpd_port(d));
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
	free(url);
	return d;
}

START_TEST(test_container_ok)
{
	struct httpd_reply	 r = { 200,
				    "Content-Type: application/json\r\n",
				    creds_json, 0 };
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	struct httpd		*d;
	char			*log;

	d = container_server(&r, 1);
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "envtoken", 1);
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAHTTP");
	ck_assert_str_eq(c->secret_access_key, "httpsecret");
	ck_assert_str_eq(c->session_token, "httptoken");
	ck_assert_int_eq(c->expiration, NOW + 800);
	ck_assert_int_eq(c->source, CREDS_SOURCE_CONTAINER);
	/* cached: no second request */
	ck_assert_ptr_eq(creds_provider_get(p, NOW + 1), c);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	ck_assert_uint_eq(httpd_count_matching(log, "GET /v1/creds?id=1\n"),
	    1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "\nAuthorization: envtoken\n"), 1);
	free(log);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_container_token_file)
{
	struct httpd_reply	 r = { 200, NULL, creds_json, 0 };
	struct httpd		*d;
	char			*path, *log;

	d = container_server(&r, 1);
	path = ct_write("token", "filetoken\n");
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path, 1);
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "envtoken", 1);
	chain_gives("ASIAHTTP", CREDS_SOURCE_CONTAINER);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "\nAuthorization: filetoken\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log, "envtoken"), 0);
	free(log);
	free(path);

	/* an unreadable token file fails the source */
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nonexistent/t", 1);
	d = container_server(&r, 1);
	chain_fails("container: /nonexistent/t: No such file or directory");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 0);
	free(log);

	/* so does an empty one */
	path = ct_write("token", "\n");
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path, 1);
	chain_fails("container: authorization token is empty or has control "
	    "characters");
	free(path);

	/* and one that would inject a header */
	path = ct_write("token", "tok\r\nX-Evil: 1");
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path, 1);
	chain_fails("container: authorization token is empty or has control "
	    "characters");
	free(path);
}
END_TEST

START_TEST(test_container_retries)
{
	struct httpd_reply	 rs[] = {
		{ 500, NULL, "oops", 0 },
		{ 503, NULL, "oops", 0 },
		{ 200, NULL, creds_json, 0 },
	};
	struct httpd		*d;
	char			*log;

	d = container_server(rs, 3);
	chain_gives("ASIAHTTP", CREDS_SOURCE_CONTAINER);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 3);
	ck_assert_uint_eq(httpd_count_matching(log, "Authorization"), 0);
	free(log);

	d = container_server(rs, 1);		/* 500 forever */
	chain_fails("no credentials: environment: AWS_ACCESS_KEY_ID not set; "
	    "web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set; "
	    "profile default: not in ");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), CREDS_CONTAINER_ATTEMPTS);
	free(log);
	d = container_server(rs, 1);
	chain_fails("; container: HTTP 500\n");
	free(httpd_stop(d));
}
END_TEST

START_TEST(test_container_errors)
{
	struct httpd_reply	 forbidden = { 403, NULL, "no", 0 };
	struct httpd_reply	 notjson = { 200, NULL, "<html>", 0 };
	struct httpd_reply	 nokey = { 200, NULL, "{\"AccessKeyId\": "
				    "\"A\", \"Token\": \"t\"}", 0 };
	struct httpd		*d;
	char			*log;

	d = container_server(&forbidden, 1);
	chain_fails("; container: HTTP 403\n");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);	/* 4xx: no retry */
	free(log);
	d = container_server(&notjson, 1);
	chain_fails("container: reply is not a JSON object\n");
	free(httpd_stop(d));
	d = container_server(&nokey, 1);
	chain_fails("container: no SecretAccessKey string in the reply\n");
	free(httpd_stop(d));

	/* nobody listening: connection refused, the chain stops there */
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/", 1);
	unsetenv("AWS_EC2_METADATA_DISABLED");
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1", 1);
	chain_fails("; container: ");
}
END_TEST

START_TEST(test_container_url_rules)
{
	/* refused before any connection is tried */
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/c", 1);
	chain_fails("container: AWS_CONTAINER_CREDENTIALS_FULL_URI: must be "
	    "https, or http to loopback, 169.254.170.2 or 169.254.170.23\n");
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI",
	    "http://127.0.0.1@example.com/c", 1);
	chain_fails("AWS_CONTAINER_CREDENTIALS_FULL_URI: must be https");
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "ftp://127.0.0.1/c", 1);
	chain_fails("AWS_CONTAINER_CREDENTIALS_FULL_URI: must be https");
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "not a url", 1);
	chain_fails("container credentials URI contains blanks");
}
END_TEST

/* Which FULL_URI values creds_container_url() accepts (no provider). */
static const struct url_row {
	const char	*full;
	int		 ok;
} url_rows[] = {
	{ "http://127.0.0.1:8080/creds", 1 },
	{ "http://127.3.4.5/creds", 1 },
	{ "http://localhost/creds", 1 },
	{ "http://LOCALHOST/creds", 1 },	/* url_host_is_loopback() */
	{ "http://[0:0::1]/creds", 1 },
	{ "http://[::1]:80/creds", 1 },
	{ "http://169.254.170.2/creds", 1 },
	{ "http://169.254.170.23/v1/credentials", 1 },
	{ "http://[fd00:ec2::23]/v1/credentials", 1 },
	{ "https://creds.example.com/x", 1 },
	{ "HTTPS://creds.example.com/x", 1 },
	{ "http://creds.example.com/x", 0 },
	{ "http://128.0.0.1/x", 0 },
	{ "http://169.254.169.254/latest", 0 },
	{ "http://localhost.example.com/x", 0 },
	{ "http://127.0.0.1.evil.com/x", 0 },
	{ "http://[::2]/x", 0 },
	{ "http://127.0.0.1@evil.example.com/", 0 },
	{ "file:///etc/passwd", 0 },
	{ "127.0.0.1/creds", 0 },
};

START_TEST(test_container_url_table)
{
	const struct url_row	*r = &url_rows[_i];
	struct aws_config	*cfg;
	const char		*why = NULL;
	char			*url;

	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", r->full, 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	url = creds_container_url(cfg, &why);
	if (r->ok) {
		ck_assert_ptr_nonnull(url);
		ck_assert_str_eq(url, r->full);
	} else {
		ck_assert_ptr_null(url);
		ck_assert_ptr_nonnull(why);
	}
	free(url);
	config_free(cfg);
}
END_TEST

START_TEST(test_container_relative_url)
{
	struct aws_config	*cfg;
	const char		*why = NULL;
	char			*url;

	/*
	 * Only the URL is computed here: no provider is made, so nothing
	 * is fetched from 169.254.170.2.
	 */
	setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/a1",
	    1);
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	url = creds_container_url(cfg, &why);
	ck_assert_ptr_nonnull(url);
	ck_assert_str_eq(url, "http://169.254.170.2/v2/credentials/a1");
	free(url);
	config_free(cfg);

	setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "@evil.example.com/",
	    1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_null(creds_container_url(cfg, &why));
	ck_assert_str_eq(why, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: does "
	    "not start with '/'");
	config_free(cfg);

	unsetenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	unsetenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_null(creds_container_url(cfg, NULL));
	config_free(cfg);
}
END_TEST

/* IMDS */

/* Start a metadata server with "replies" and enable IMDS against it. */
static struct httpd *
imds_server(const struct httpd_reply *replies, size_t n)
{
	struct httpd	*d;
	char		*url;

	ck_assert_ptr_nonnull(d = httpd_start(replies, n));
	url = xasprintf("http://127.0.0.1:%d", httpd_port(d));
	unsetenv("AWS_EC2_METADATA_DISABLED");
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", url, 1);
	free(url);
	return d;
}

START_TEST(test_imds_v2)
{
	struct httpd_reply	 rs[] = {
		{ 200, NULL, "SESSIONTOKEN", 0 },
		{ 200, NULL, "web-role\n", 0 },
		{ 200, NULL, creds_json, 0 },
	};
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	struct httpd		*d;
	char			*log, *detail;

	d = imds_server(rs, 3);
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	log_level = 3;
	stderr_capture_start();
	c = creds_provider_get(p, NOW);
	log = stderr_capture_end();
	ck_assert_ptr_null(strstr(log, "SESSIONTOKEN"));
	ck_assert_ptr_null(strstr(log, "httpsecret"));
	ck_assert_ptr_null(strstr(log, "httptoken"));
	free(log);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAHTTP");
	ck_assert_str_eq(c->session_token, "httptoken");
	ck_assert_int_eq(c->expiration, NOW + 800);
	ck_assert_int_eq(c->source, CREDS_SOURCE_IMDS);
	detail = xasprintf("instance role web-role at http://127.0.0.1:%d",
	    httpd_port(d));
	ck_assert_str_eq(c->source_detail, detail);
	free(detail);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 3);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "PUT /latest/api/token\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "\nx-aws-ec2-metadata-token-ttl-seconds: 21600\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "GET /latest/meta-data/iam/security-credentials/\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "GET /latest/meta-data/iam/security-credentials/web-role\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "\nx-aws-ec2-metadata-token: SESSIONTOKEN\n"), 2);
	free(log);
	creds_provider_free(p);
	config_free(cfg);
}
END_TEST

START_TEST(test_imds_v1_fallback)
{
	struct httpd_reply	 rs[] = {
		{ 404, NULL, "", 0 },
		{ 200, NULL, "web-role", 0 },
		{ 200, NULL, creds_json, 0 },
	};
	struct httpd		*d;
	char			*log;

	d = imds_server(rs, 3);
	chain_gives("ASIAHTTP", CREDS_SOURCE_IMDS);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 3);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "x-aws-ec2-metadata-token:"), 0);
	free(log);

	/* forbidden when IMDSv1 is disabled */
	d = imds_server(rs, 3);
	setenv("AWS_EC2_METADATA_V1_DISABLED", "true", 1);
	chain_fails("; IMDS: token: HTTP 404\n");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	free(log);
}
END_TEST

START_TEST(test_imds_token_timeout)
{
	struct httpd_reply	 rs[] = {
		{ 200, NULL, "LATE", 1500 },
		{ 200, NULL, "web-role", 0 },
		{ 200, NULL, creds_json, 0 },
	};
	struct httpd		*d;
	char			*log;

	d = imds_server(rs, 3);
	chain_gives("ASIAHTTP", CREDS_SOURCE_IMDS);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 3);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "x-aws-ec2-metadata-token: LATE"), 0);
	free(log);
}
END_TEST

/* Metadata replies and the reason they must produce. */
static const struct bad_imds {
	int		 token_status;
	const char	*role;
	const char	*doc;
	const char	*msg;
} bad_imds[] = {
	{ 400, "r", "{}", "; IMDS: token: HTTP 400\n" },
	{ 200, "../../x", "{}", "; IMDS: no usable IAM role name in the "
	    "reply\n" },
	{ 200, "", "{}", "; IMDS: no usable IAM role name in the reply\n" },
	{ 200, "r", "{\"Code\": \"Failure\"}", "; IMDS: role r: Code is not "
	    "Success\n" },
	{ 200, "r", "{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\", "
	    "\"Expiration\": \"" NOW_PLUS_800 "\"}",
	    "; IMDS: no Token string in the reply\n" },
	{ 200, "r", "{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\", "
	    "\"Token\": \"t\"}", "; IMDS: no Expiration string in the "
	    "reply\n" },
	{ 200, "r", "nope", "; IMDS: reply is not a JSON object\n" },
};

START_TEST(test_imds_bad)
{
	const struct bad_imds	*b = &bad_imds[_i];
	struct httpd_reply	 rs[3];
	struct httpd		*d;

	memset(rs, 0, sizeof(rs));
	rs[0].status = b->token_status;
	rs[0].body = "TOKEN";
	rs[1].status = 200;
	rs[1].body = b->role;
	rs[2].status = 200;
	rs[2].body = b->doc;
	d = imds_server(rs, 3);
	chain_fails(b->msg);
	free(httpd_stop(d));
}
END_TEST

START_TEST(test_imds_http_errors)
{
	struct httpd_reply	 rs[] = {
		{ 200, NULL, "TOKEN", 0 },
		{ 404, NULL, "not found", 0 },
	};
	struct httpd		*d;

	d = imds_server(rs, 2);
	chain_fails("; IMDS: GET /latest/meta-data/iam/security-credentials/: "
	    "HTTP 404\n");
	free(httpd_stop(d));

	/* nothing listening */
	unsetenv("AWS_EC2_METADATA_DISABLED");
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1", 1);
	chain_fails("; IMDS: token: ");
}
END_TEST

/* Assume role, web identity, SSO (STS and the portal on helper_httpd) */

#define ROLE_ARN	"arn:aws:iam::123456789012:role/audit"
#define MID_ARN		"arn:aws:iam::123456789012:role/mid"
#define NOW_PLUS_3600	"2030-03-17T18:46:40Z"
#define NOW_PLUS_400	"2030-03-17T17:53:20Z"
#define BASE_CREDS	"[base]\naws_access_key_id = AKIDBASE\n" \
	"aws_secret_access_key = basesecret\n"

/* An AssumeRole (or ...WithWebIdentity) reply for key "akid". */
static char *
sts_reply(const char *op, const char *akid, const char *exp)
{
	return xasprintf("<%sResponse xmlns=\"https://sts.amazonaws.com/doc/"
	    "2011-06-15/\"><%sResult><Credentials><AccessKeyId>%s"
	    "</AccessKeyId><SecretAccessKey>sec/%s</SecretAccessKey>"
	    "<SessionToken>tok+%s&amp;x</SessionToken><Expiration>%s"
	    "</Expiration></Credentials><AssumedRoleUser><Arn>"
	    "arn:aws:sts::123456789012:assumed-role/audit/s</Arn>"
	    "<AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser>"
	    "</%sResult></%sResponse>", op, op, akid, akid, akid, exp, op,
	    op);
}

/* Point STS and SSO at server "d" (and nothing else at all). */
static void
point_at(struct httpd *d)
{
	char	*url = xasprintf("http://127.0.0.1:%d", httpd_port(d));

	setenv("AWS_ENDPOINT_URL_STS", url, 1);
	setenv("AWS_ENDPOINT_URL_SSO", url, 1);
	free(url);
}

/*
 * A server answering every request with an "op" reply for "akid" that
 * expires at "exp", and STS and SSO pointed at it.
 */
static struct httpd *
sts_server(const char *op, const char *akid, const char *exp)
{
	struct httpd_reply	 r = { 200, "Content-Type: text/xml\r\n", NULL,
				    0 };
	struct httpd		*d;
	char			*body;

	r.body = body = sts_reply(op, akid, exp);
	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));	/* copies "r" */
	free(body);
	point_at(d);
	return d;
}

/* The one-line failure of profile "profile"; caller frees. */
static char *
profile_fails(const char *profile)
{
	struct aws_config	*cfg = load(profile);
	struct creds_provider	*p = creds_provider_new(cfg);
	char			*err;

	err = get_fails(p, NOW);
	creds_provider_free(p);
	config_free(cfg);
	return err;
}

/* Expect profile "profile" to fail with "msg". */
static void
profile_fails_with(const char *profile, const char *msg)
{
	char	*err = profile_fails(profile);

	ck_assert_msg(strstr(err, msg) != NULL, "got \"%s\", want \"%s\"",
	    err, msg);
	free(err);
}

START_TEST(test_assume_role_static_source)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	struct httpd		*d;
	char			*log;

	d = sts_server("AssumeRole", "ASIAPRODROLE0001", NOW_PLUS_3600);
	ct_put(".aws/config", "[profile prod]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\nexternal_id = ext-1\n"
	    "role_session_name = cron\nduration_seconds = 1800\n"
	    "region = eu-west-1\n");
	ct_put(".aws/credentials", BASE_CREDS);
	cfg = load("prod");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAPRODROLE0001");
	ck_assert_str_eq(c->secret_access_key, "sec/ASIAPRODROLE0001");
	ck_assert_str_eq(c->session_token, "tok+ASIAPRODROLE0001&x");
	ck_assert_int_eq(c->expiration, NOW + 3600);
	ck_assert_int_eq(c->source, CREDS_SOURCE_ASSUME_ROLE);
	ck_assert_ptr_nonnull(strstr(c->source_detail, "role " ROLE_ARN
	    " of profile prod (source: profile base in "));
	creds_provider_free(p);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	ck_assert_ptr_nonnull(strstr(log, "POST /\n"));
	ck_assert_ptr_nonnull(strstr(log, "Action=AssumeRole&Version="
	    "2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2F"
	    "audit&RoleSessionName=cron&ExternalId=ext-1&"
	    "DurationSeconds=1800"));
	/* signed by the source key for the profile's region */
	ck_assert_ptr_nonnull(strstr(log, "Credential=AKIDBASE/20300317/"
	    "eu-west-1/sts/aws4_request"));
	ck_assert_ptr_null(strstr(log, "basesecret"));
	ck_assert_ptr_null(strstr(log, "X-Amz-Security-Token"));
	free(log);
}
END_TEST

START_TEST(test_assume_role_chain)
{
	struct httpd_route	 rt[2];
	struct aws_config	*cfg;
	struct httpd		*d;
	struct creds_provider	*p;
	const struct creds	*c;
	char			*mid, *top, *log;

	memset(rt, 0, sizeof(rt));
	mid = sts_reply("AssumeRole", "ASIAMIDROLE00001", NOW_PLUS_3600);
	top = sts_reply("AssumeRole", "ASIATOPROLE00001", NOW_PLUS_3600);
	rt[0].match[0] = "role%2Fmid";
	rt[0].reply.status = 200;
	rt[0].reply.body = mid;
	rt[1].match[0] = "role%2Faudit";
	rt[1].match[1] = "X-Amz-Security-Token: tok+ASIAMIDROLE00001&x";
	rt[1].match[2] = "Credential=ASIAMIDROLE00001/";
	rt[1].reply.status = 200;
	rt[1].reply.body = top;
	ck_assert_ptr_nonnull(d = httpd_start_routed(rt, 2));
	point_at(d);
	ct_put(".aws/config", "[profile top]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = mid\n[profile mid]\nrole_arn = " MID_ARN "\n"
	    "source_profile = base\n");
	ct_put(".aws/credentials", BASE_CREDS);
	cfg = load("top");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIATOPROLE00001");
	ck_assert_ptr_nonnull(strstr(c->source_detail, "source: role "
	    MID_ARN " of profile mid"));
	creds_provider_free(p);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 2);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "Credential=AKIDBASE/"), 1);
	free(log);
	free(mid);
	free(top);
}
END_TEST

START_TEST(test_assume_role_config_errors)
{
	struct httpd_reply	 r = { 500, NULL, "no", 0 };
	struct httpd		*d;
	char			*log;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	ct_put(".aws/credentials", BASE_CREDS);
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = b\n[profile b]\nrole_arn = " MID_ARN "\n"
	    "source_profile = a\n");
	profile_fails_with("a", "no credentials: environment: skipped for "
	    "--profile a; profile a: source_profile cycle: a -> b -> a\n");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = a\n");
	profile_fails_with("a", "profile a: source_profile cycle: a -> a\n");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n");
	profile_fails_with("a", "profile a: mfa_serial is set, but an MFA "
	    "code cannot be prompted for in an unattended run");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\ncredential_source = Environment\n");
	profile_fails_with("a", "profile a: role_arn needs exactly one of "
	    "source_profile and credential_source");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n");
	profile_fails_with("a", "profile a: role_arn needs exactly one of ");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "credential_source = Ec2\n");
	profile_fails_with("a", "profile a: credential_source must be "
	    "Environment, Ec2InstanceMetadata or EcsContainer");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = nowhere\n");
	profile_fails_with("a", "profile a: source_profile nowhere not found");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\nduration_seconds = 60\n");
	profile_fails_with("a", "profile a: duration_seconds \"60\" is too "
	    "small (900 to 43200)");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\nrole_session_name = a b\n");
	profile_fails_with("a", "profile a: AssumeRole: role_session_name "
	    "must be 2 to 64 of");
	ct_put(".aws/config", "[profile a]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = empty\n[profile empty]\nregion = x\n");
	profile_fails_with("a", "profile a: source_profile empty has no "
	    "credentials");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 0);	/* STS never asked */
	free(log);
}
END_TEST

START_TEST(test_assume_role_self_source)
{
	struct httpd	*d;
	char		*log;

	d = sts_server("AssumeRole", "ASIASELFROLE0001", NOW_PLUS_3600);
	/* static keys win in a source profile, so naming itself works */
	ct_put(".aws/credentials", "[a]\naws_access_key_id = AKIDSELF\n"
	    "aws_secret_access_key = s\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = a\n");
	profile_gives("a", "ASIASELFROLE0001", CREDS_SOURCE_ASSUME_ROLE);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count_matching(log, "Credential=AKIDSELF/"),
	    1);
	free(log);
}
END_TEST

START_TEST(test_assume_role_env_source)
{
	struct httpd	*d;
	char		*log;

	d = sts_server("AssumeRole", "ASIAENVROLE00001", NOW_PLUS_3600);
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "envsecret", 1);
	setenv("AWS_SESSION_TOKEN", "envtoken", 1);
	ct_put(".aws/config", "[profile prod]\nrole_arn = " ROLE_ARN "\n"
	    "credential_source = Environment\n");
	/* --profile sets the keys aside as step 1, not as the source */
	profile_gives("prod", "ASIAENVROLE00001", CREDS_SOURCE_ASSUME_ROLE);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count_matching(log, "Credential=AKIDENV/"),
	    1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "X-Amz-Security-Token: envtoken"), 1);
	free(log);
}
END_TEST

START_TEST(test_profile_arg_sets_env_aside)
{
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "envsecret", 1);
	ct_put(".aws/credentials", "[prod]\naws_access_key_id = AKIDPROD\n"
	    "aws_secret_access_key = s\n");
	profile_gives("prod", "AKIDPROD", CREDS_SOURCE_SHARED_FILE);
	/* AWS_PROFILE does not */
	setenv("AWS_PROFILE", "prod", 1);
	chain_gives("AKIDENV", CREDS_SOURCE_ENV);
}
END_TEST

START_TEST(test_assume_role_denied)
{
	struct httpd_reply	 r = { 403, "Content-Type: text/xml\r\n",
		"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/"
		"2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied"
		"</Code><Message>User: arn:aws:iam::123456789012:user/x is "
		"not authorized to perform: sts:AssumeRole on resource: "
		ROLE_ARN "</Message></Error><RequestId>r1</RequestId>"
		"</ErrorResponse>", 0 };
	struct httpd		*d;
	char			*log;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	ct_put(".aws/config", "[profile prod]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\n");
	ct_put(".aws/credentials", BASE_CREDS);
	profile_fails_with("prod", "profile prod: AssumeRole: HTTP 403 "
	    "AccessDenied: User: arn:aws:iam::123456789012:user/x is not "
	    "authorized to perform: sts:AssumeRole on resource: " ROLE_ARN
	    "\n");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);		/* a 4xx is final */
	free(log);
}
END_TEST

/*
 * The provider of role Member in account 111111111111 with external ID
 * "ext" (NULL: none), whose source is the caller's provider (static keys
 * AKIDCALLER); *cfg and *caller for the test to free after it.
 */
static struct creds_provider *
member_of_caller(const char *ext, struct aws_config **cfg,
    struct creds_provider **caller)
{
	ct_put(".aws/credentials", "[default]\naws_access_key_id = AKIDCALLER\n"
	    "aws_secret_access_key = callersecret\n");
	*cfg = load(NULL);
	*caller = creds_provider_new(*cfg);
	return creds_provider_new_role(*cfg, *caller,
	    "arn:aws:iam::111111111111:role/Member", ext);
}

/* What a member provider keeps of STS's AccessDenied "not authorized". */
static void
assert_member_denied(const struct creds_provider *p)
{
	const char	*code, *msg;
	long		 status;

	creds_provider_last_error(p, &status, &code, &msg);
	ck_assert_int_eq(status, 403);
	ck_assert_str_eq(code, "AccessDenied");
	ck_assert_str_eq(msg, "not authorized");
	ck_assert_ptr_nonnull(strstr(creds_provider_why(p), "member role "
	    "arn:aws:iam::111111111111:role/Member: AssumeRole: HTTP 403 "
	    "AccessDenied: not authorized"));
}

/*
 * A member account's role (collect --accounts): AssumeRole signed with
 * the caller's own credentials, session name bedrock-audit, the external
 * ID sent; the caller's provider is the source and is left as it was.
 */
START_TEST(test_member_role)
{
	struct aws_config	*cfg;
	struct creds_provider	*caller, *p;
	const struct creds	*c;
	struct httpd		*d;
	const char		*code, *msg;
	long			 status;
	char			*log;

	d = sts_server("AssumeRole", "ASIAMEMBERROLE01", NOW_PLUS_3600);
	p = member_of_caller("org-7", &cfg, &caller);
	ck_assert_ptr_nonnull(c = creds_provider_get(p, NOW));
	ck_assert_str_eq(c->access_key_id, "ASIAMEMBERROLE01");
	ck_assert_int_eq(c->source, CREDS_SOURCE_ASSUME_ROLE);
	ck_assert_ptr_nonnull(strstr(c->source_detail, "member role "
	    "arn:aws:iam::111111111111:role/Member"));
	/* the caller's own credentials are unchanged */
	ck_assert_ptr_nonnull(c = creds_provider_get(caller, NOW));
	ck_assert_str_eq(c->access_key_id, "AKIDCALLER");
	creds_provider_last_error(p, &status, &code, &msg);
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_null(code);
	creds_provider_free(p);
	creds_provider_free(caller);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	ck_assert_ptr_nonnull(strstr(log, "RoleArn=arn%3Aaws%3Aiam%3A%3A"
	    "111111111111%3Arole%2FMember&RoleSessionName=bedrock-audit&"
	    "ExternalId=org-7"));
	ck_assert_ptr_nonnull(strstr(log, "Credential=AKIDCALLER/"));
	ck_assert_ptr_null(strstr(log, "callersecret"));
	free(log);
}
END_TEST

/* A member role refused: no warning of its own, the code kept for the
 * caller to record, and the reasons readable. */
START_TEST(test_member_role_denied)
{
	struct httpd_reply	 r = { 403, "Content-Type: text/xml\r\n",
		"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/"
		"2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied"
		"</Code><Message>not authorized</Message></Error>"
		"<RequestId>r1</RequestId></ErrorResponse>", 0 };
	struct aws_config	*cfg;
	struct creds_provider	*caller, *p;
	struct httpd		*d;
	char			*log, *err;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	ct_put(".aws/credentials", "[default]\naws_access_key_id = AKIDCALLER\n"
	    "aws_secret_access_key = callersecret\n");
	cfg = load(NULL);
	caller = creds_provider_new(cfg);
	p = creds_provider_new_role(cfg, caller,
	    "arn:aws:iam::111111111111:role/Member", NULL);
	stderr_capture_start();
	ck_assert_ptr_null(creds_provider_get(p, NOW));
	err = stderr_capture_end();
	ck_assert_str_eq(err, "");		/* collect says it, once */
	free(err);
	assert_member_denied(p);
	creds_provider_free(p);
	creds_provider_free(caller);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_ptr_null(strstr(log, "ExternalId"));
	free(log);
}
END_TEST

/*
 * A member role assumed on collect's engine (creds_member_request() and
 * creds_member_reply()): the request names the role, the session and the
 * external ID; a 200 reply gives creds_provider_get() the role's keys
 * with no call of its own (nothing listens), a refusal keeps STS's code
 * and message as the blocking walk does, no reply keeps the reason.
 */
START_TEST(test_member_role_on_engine)
{
	struct creds_member_outcome	 o;
	struct aws_request		 req;
	struct aws_config		*cfg;
	struct creds_provider		*caller, *p;
	const struct creds		*c;
	const char			*code, *msg;
	long				 status;
	char				*body;
	const char			*want = "RoleArn=arn%3Aaws%3Aiam%3A%3A"
	    "111111111111%3Arole%2FMember&RoleSessionName=bedrock-audit&"
	    "ExternalId=org-7";

	ck_assert_int_eq(setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9",
	    1), 0);
	p = member_of_caller("org-7", &cfg, &caller);
	memset(&req, 0, sizeof(req));
	ck_assert_int_eq(creds_member_request(p, &req), 0);
	ck_assert_ptr_nonnull(memmem(req.body, req.bodysz, want,
	    strlen(want)));
	aws_request_free(&req);

	memset(&o, 0, sizeof(o));
	o.status = 200;
	o.body = body = sts_reply("AssumeRole", "ASIAMEMBERROLE02",
	    NOW_PLUS_3600);
	o.bodysz = strlen(body);
	ck_assert_int_eq(creds_member_reply(p, NOW, &o), 0);
	free(body);
	ck_assert_ptr_nonnull(c = creds_provider_get(p, NOW));
	ck_assert_str_eq(c->access_key_id, "ASIAMEMBERROLE02");
	ck_assert_int_eq(c->source, CREDS_SOURCE_ASSUME_ROLE);
	creds_provider_free(p);

	p = creds_provider_new_role(cfg, caller,
	    "arn:aws:iam::111111111111:role/Member", "org-7");
	memset(&o, 0, sizeof(o));
	o.status = 403;
	o.code = "AccessDenied";
	o.message = "not authorized";
	ck_assert_int_eq(creds_member_reply(p, NOW, &o), -1);
	assert_member_denied(p);
	creds_provider_free(p);

	p = creds_provider_new_role(cfg, caller,
	    "arn:aws:iam::111111111111:role/Member", NULL);
	memset(&o, 0, sizeof(o));
	o.code = "ConnectionRefused";
	o.message = "Failed to connect";
	ck_assert_int_eq(creds_member_reply(p, NOW, &o), -1);
	creds_provider_last_error(p, &status, &code, &msg);
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_null(code);
	ck_assert_str_eq(creds_provider_why(p), "member role "
	    "arn:aws:iam::111111111111:role/Member: AssumeRole: Failed to "
	    "connect");
	creds_provider_free(p);
	creds_provider_free(caller);
	config_free(cfg);
}
END_TEST

START_TEST(test_assume_role_refresh)
{
	struct httpd_reply	 r[2];
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	struct httpd		*d;
	char			*log, *first, *second;

	memset(r, 0, sizeof(r));
	r[0].status = r[1].status = 200;
	r[0].body = first = sts_reply("AssumeRole", "ASIAFIRSTROLE001",
	    NOW_PLUS_400);
	r[1].body = second = sts_reply("AssumeRole", "ASIASECONDROLE01",
	    NOW_PLUS_3600);
	ck_assert_ptr_nonnull(d = httpd_start(r, 2));
	point_at(d);
	ct_put(".aws/config", "[profile prod]\nrole_arn = " ROLE_ARN "\n"
	    "source_profile = base\n");
	ct_put(".aws/credentials", BASE_CREDS);
	cfg = load("prod");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAFIRSTROLE001");
	/* 400 s of life: still good for 100 s, then inside the margin */
	ck_assert_ptr_eq(creds_provider_get(p, NOW + 99), c);
	c = creds_provider_get(p, NOW + 101);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIASECONDROLE01");
	ck_assert_int_eq(c->expiration, NOW + 3600);
	creds_provider_free(p);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 2);
	free(log);
	free(first);
	free(second);
}
END_TEST

START_TEST(test_web_identity_env)
{
	struct httpd_reply	 r[2];
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	struct httpd		*d;
	char			*log, *first, *second, *tokpath;

	memset(r, 0, sizeof(r));
	r[0].status = r[1].status = 200;
	r[0].body = first = sts_reply("AssumeRoleWithWebIdentity",
	    "ASIAWEBFIRST0001", NOW_PLUS_400);
	r[1].body = second = sts_reply("AssumeRoleWithWebIdentity",
	    "ASIAWEBSECOND001", NOW_PLUS_3600);
	ck_assert_ptr_nonnull(d = httpd_start(r, 2));
	point_at(d);
	tokpath = ct_write("token", "eyJ.first.token\n");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tokpath, 1);
	setenv("AWS_ROLE_ARN", ROLE_ARN, 1);
	setenv("AWS_ROLE_SESSION_NAME", "pod-1", 1);
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAWEBFIRST0001");
	ck_assert_int_eq(c->source, CREDS_SOURCE_WEB_IDENTITY);
	/* the platform rotates the token: a refresh reads it again */
	ct_put("token", "eyJ.second.token");
	c = creds_provider_get(p, NOW + 200);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIAWEBSECOND001");
	creds_provider_free(p);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 2);
	ck_assert_uint_eq(httpd_count_matching(log, "Authorization"), 0);
	ck_assert_uint_eq(httpd_count_matching(log, "Action=AssumeRoleWith"
	    "WebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A"
	    "123456789012%3Arole%2Faudit&RoleSessionName=pod-1&"
	    "WebIdentityToken=eyJ.first.token\n"), 1);
	ck_assert_uint_eq(httpd_count_matching(log,
	    "WebIdentityToken=eyJ.second.token\n"), 1);
	free(log);
	free(tokpath);
	free(first);
	free(second);
}
END_TEST

START_TEST(test_web_identity_profile)
{
	struct httpd	*d;
	char		*log, *text, *tokpath;

	d = sts_server("AssumeRoleWithWebIdentity", "ASIAWEBPROF00001",
	    NOW_PLUS_3600);
	tokpath = ct_write("token", "profile-token");
	text = xasprintf("[profile ci]\nweb_identity_token_file = %s\n"
	    "role_arn = " ROLE_ARN "\nrole_session_name = ci-job\n", tokpath);
	ct_put(".aws/config", text);
	profile_gives("ci", "ASIAWEBPROF00001", CREDS_SOURCE_WEB_IDENTITY);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count_matching(log, "RoleSessionName=ci-job&"
	    "WebIdentityToken=profile-token"), 1);
	free(log);
	free(text);
	free(tokpath);
}
END_TEST

START_TEST(test_web_identity_errors)
{
	struct httpd_reply	 r = { 400, NULL, "<ErrorResponse><Error><Type>"
		"Sender</Type><Code>InvalidIdentityToken</Code><Message>"
		"Incorrect token audience</Message></Error></ErrorResponse>",
		0 };
	struct httpd		*d;
	char			*tokpath, *big, *log;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token", 1);
	chain_fails("web identity: AWS_WEB_IDENTITY_TOKEN_FILE set without "
	    "AWS_ROLE_ARN");
	setenv("AWS_ROLE_ARN", ROLE_ARN, 1);
	chain_fails("web identity (AWS_WEB_IDENTITY_TOKEN_FILE): "
	    "/nonexistent/token: No such file or directory");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", ct_dir, 1);
	chain_fails(": not a regular file");
	big = xmalloc(30000);
	memset(big, 'x', 30000);
	tokpath = ct_write_mode("token", big, 30000, 0600);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tokpath, 1);
	chain_fails("token: larger than 20000 bytes");
	ct_put("token", "tok-1");
	chain_fails("web identity (AWS_WEB_IDENTITY_TOKEN_FILE): "
	    "AssumeRoleWithWebIdentity: HTTP 400 InvalidIdentityToken: "
	    "Incorrect token audience\n");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	free(log);
	free(tokpath);
	free(big);
}
END_TEST

/* ~/.aws/sso/cache/<SHA-1 of "corp", and of the start URL>.json */
#define SSO_CORP_CACHE	".aws/sso/cache/" \
	"ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
#define SSO_URL_CACHE	".aws/sso/cache/" \
	"e8be5486177c5b5392bd9aa76563515b29358e6e.json"
#define SSO_REPLY	"{\"roleCredentials\": {\"accessKeyId\": " \
	"\"ASIASSOROLE00001\", \"secretAccessKey\": \"ssosecret\", " \
	"\"sessionToken\": \"ssotoken\", \"expiration\": 1900003600000}}"

#define SSO_DEV_CONFIG	"[profile dev]\nsso_session = corp\n" \
	"sso_account_id = 123456789012\nsso_role_name = Audit\n" \
	"[sso-session corp]\nsso_start_url = https://corp.awsapps.com/" \
	"start\nsso_region = eu-west-1\n"

/* Make ~/.aws/sso/cache. */
static void
sso_cache_dir(void)
{
	char	*dir = ct_path(".aws/sso");

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	free(dir);
	dir = ct_path(".aws/sso/cache");
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	free(dir);
}

START_TEST(test_sso_session)
{
	struct httpd_reply	 r = { 200, NULL, SSO_REPLY, 0 };
	struct aws_config	*cfg;
	struct creds_provider	*p;
	const struct creds	*c;
	struct httpd		*d;
	char			*log;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	sso_cache_dir();
	ct_put(SSO_CORP_CACHE, "{\"accessToken\": \"bearer-corp\", "
	    "\"expiresAt\": \"2030-03-17T20:00:00Z\", \"region\": "
	    "\"eu-west-1\"}");
	ct_put(".aws/config", SSO_DEV_CONFIG);
	cfg = load("dev");
	p = creds_provider_new(cfg);
	c = creds_provider_get(p, NOW);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->access_key_id, "ASIASSOROLE00001");
	ck_assert_str_eq(c->session_token, "ssotoken");
	ck_assert_int_eq(c->expiration, NOW + 3600);	/* from ms */
	ck_assert_int_eq(c->source, CREDS_SOURCE_SSO);
	ck_assert_str_eq(c->source_detail, "SSO profile dev, role Audit in "
	    "account 123456789012");
	creds_provider_free(p);
	config_free(cfg);
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	ck_assert_ptr_nonnull(strstr(log, "GET /federation/credentials?"
	    "account_id=123456789012&role_name=Audit\n"));
	ck_assert_ptr_nonnull(strstr(log, "x-amz-sso_bearer_token: "
	    "bearer-corp\n"));
	ck_assert_ptr_null(strstr(log, "Authorization"));
	free(log);
}
END_TEST

START_TEST(test_sso_legacy)
{
	struct httpd_reply	 r = { 200, NULL, SSO_REPLY, 0 };
	struct httpd		*d;
	char			*log;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	sso_cache_dir();
	ct_put(SSO_URL_CACHE, "{\"accessToken\": \"bearer-legacy\", "
	    "\"expiresAt\": \"2030-03-17T20:00:00Z\"}");
	ct_put(".aws/config", "[default]\nsso_start_url = https://example."
	    "awsapps.com/start\nsso_region = us-east-1\n"
	    "sso_account_id = 210987654321\nsso_role_name = ReadOnly\n");
	chain_gives("ASIASSOROLE00001", CREDS_SOURCE_SSO);
	log = httpd_stop(d);
	ck_assert_ptr_nonnull(strstr(log, "account_id=210987654321&"
	    "role_name=ReadOnly"));
	ck_assert_ptr_nonnull(strstr(log, "x-amz-sso_bearer_token: "
	    "bearer-legacy\n"));
	free(log);
}
END_TEST

START_TEST(test_sso_errors)
{
	struct httpd_reply	 r = { 401, "x-amzn-ErrorType: "
		"UnauthorizedException\r\n", "{\"message\": \"Session token "
		"not found or invalid\"}", 0 };
	struct httpd		*d;
	char			*log;

	ck_assert_ptr_nonnull(d = httpd_start(&r, 1));
	point_at(d);
	ct_put(".aws/config", SSO_DEV_CONFIG);
	profile_fails_with("dev", "SSO (profile dev): no cached token in ");
	profile_fails_with("dev", SSO_CORP_CACHE ": run \"aws sso login "
	    "--profile dev\"\n");
	sso_cache_dir();
	ct_put(SSO_CORP_CACHE, "{\"accessToken\": \"bearer-corp\", "
	    "\"expiresAt\": \"2030-03-17T17:00:00Z\"}");
	profile_fails_with("dev", "SSO (profile dev): the SSO token expired "
	    "at 2030-03-17T17:00:00Z: run \"aws sso login --profile dev\"\n");
	ct_put(SSO_CORP_CACHE, "{\"accessToken\": \"bearer-corp\"}");
	profile_fails_with("dev", "no usable accessToken and expiresAt");
	ct_put(SSO_CORP_CACHE, "{\"accessToken\": \"bearer-corp\", "
	    "\"expiresAt\": \"2030-03-17T20:00:00Z\"}");
	profile_fails_with("dev", "SSO (profile dev): the portal refused the "
	    "cached token (UnauthorizedException): run \"aws sso login "
	    "--profile dev\"\n");
	ct_put(".aws/config", "[profile dev]\nsso_session = corp\n"
	    "sso_account_id = 123456789012\n[sso-session corp]\n");
	profile_fails_with("dev", "SSO (profile dev): needs sso_start_url and "
	    "sso_region (in [sso-session corp] or the profile), "
	    "sso_account_id and sso_role_name");
	ct_put(".aws/config", "[profile dev]\nsso_start_url = https://x/\n"
	    "sso_region = eu west\nsso_account_id = 1\nsso_role_name = R\n");
	profile_fails_with("dev", "SSO (profile dev): sso_region is not a "
	    "region name\n");
	ct_put(".aws/config", "[profile dev]\nsso_session = gone\n");
	profile_fails_with("dev", "SSO (profile dev): section [sso-session "
	    "gone] not found");
	log = httpd_stop(d);
	ck_assert_uint_eq(httpd_count(log), 1);
	free(log);
}
END_TEST

START_TEST(test_new_sources_no_secrets_logged)
{
	struct aws_config	*cfg;
	struct creds_provider	*p;
	struct httpd		*d;
	char			*err, *tokpath;

	d = sts_server("AssumeRoleWithWebIdentity", "ASIAWEBLOGGED001",
	    NOW_PLUS_3600);
	tokpath = ct_write("token", "WeBiDeNtItYtOkEn");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tokpath, 1);
	setenv("AWS_ROLE_ARN", ROLE_ARN, 1);
	log_level = 3;
	stderr_capture_start();
	cfg = load(NULL);
	p = creds_provider_new(cfg);
	ck_assert_ptr_nonnull(creds_provider_get(p, NOW));
	creds_provider_free(p);
	config_free(cfg);
	err = stderr_capture_end();
	ck_assert_ptr_nonnull(strstr(err, "credentials: web-identity"));
	ck_assert_ptr_null(strstr(err, "WeBiDeNtItY"));
	ck_assert_ptr_null(strstr(err, "sec/ASIA"));
	ck_assert_ptr_null(strstr(err, "tok+ASIA"));
	free(err);
	free(httpd_stop(d));
	free(tokpath);
}
END_TEST

static Suite *
creds_suite(void)
{
	Suite	*s = suite_create("creds");
	TCase	*tc;

	tc = tcase_create("env");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_env);
	tcase_add_test(tc, test_env_no_token);
	tcase_add_test(tc, test_env_partial);
	tcase_add_test(tc, test_env_bad);
	tcase_add_test(tc, test_no_secrets_logged);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_shared_file);
	tcase_add_test(tc, test_config_file);
	tcase_add_test(tc, test_profile_sections);
	tcase_add_test(tc, test_profile_arg_vs_env);
	tcase_add_test(tc, test_file_partial_stops);
	tcase_add_test(tc, test_profile_arg_sets_env_aside);
	suite_add_tcase(s, tc);
	tc = tcase_create("chain");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_chain_order);
	tcase_add_test(tc, test_all_sources_named);
	tcase_add_test(tc, test_source_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("process");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_process_ok);
	tcase_add_test(tc, test_process_in_credentials_file);
	tcase_add_loop_test(tc, test_process_bad, 0,
	    sizeof(bad_processes) / sizeof(bad_processes[0]));
	tcase_add_test(tc, test_process_stderr);
	tcase_add_test(tc, test_process_signal);
	tcase_add_test(tc, test_process_timeout);
	tcase_add_test(tc, test_process_refresh);
	tcase_add_test(tc, test_process_refresh_fails);
	suite_add_tcase(s, tc);
	tc = tcase_create("container");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_container_ok);
	tcase_add_test(tc, test_container_token_file);
	tcase_add_test(tc, test_container_retries);
	tcase_add_test(tc, test_container_errors);
	tcase_add_test(tc, test_container_url_rules);
	tcase_add_loop_test(tc, test_container_url_table, 0,
	    sizeof(url_rows) / sizeof(url_rows[0]));
	tcase_add_test(tc, test_container_relative_url);
	suite_add_tcase(s, tc);
	tc = tcase_create("imds");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_imds_v2);
	tcase_add_test(tc, test_imds_v1_fallback);
	tcase_add_test(tc, test_imds_token_timeout);
	tcase_add_loop_test(tc, test_imds_bad, 0,
	    sizeof(bad_imds) / sizeof(bad_imds[0]));
	tcase_add_test(tc, test_imds_http_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("roles");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_assume_role_static_source);
	tcase_add_test(tc, test_assume_role_chain);
	tcase_add_test(tc, test_assume_role_config_errors);
	tcase_add_test(tc, test_assume_role_self_source);
	tcase_add_test(tc, test_assume_role_env_source);
	tcase_add_test(tc, test_assume_role_denied);
	tcase_add_test(tc, test_assume_role_refresh);
	tcase_add_test(tc, test_member_role);
	tcase_add_test(tc, test_member_role_denied);
	tcase_add_test(tc, test_member_role_on_engine);
	tcase_add_test(tc, test_web_identity_env);
	tcase_add_test(tc, test_web_identity_profile);
	tcase_add_test(tc, test_web_identity_errors);
	tcase_add_test(tc, test_new_sources_no_secrets_logged);
	suite_add_tcase(s, tc);
	tc = tcase_create("sso");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_sso_session);
	tcase_add_test(tc, test_sso_legacy);
	tcase_add_test(tc, test_sso_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(creds_suite());
}
