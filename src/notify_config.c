/*
 * notify_config.c: the --notify FILE and whether a run goes to a target.
 *
 * The file is INI in the AWS config style (ini.c): one [target NAME] per
 * target and an optional [notify] with what all targets share.  Every
 * refusal names file:line and the key, never a url's or a command's
 * value: they hold secrets (a webhook's token).  Nothing is sent when
 * the file is refused, so the commands check it before anything else.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>
#include <string.h>

#include "ini.h"
#include "notify.h"
#include "regions.h"
#include "url.h"
#include "util.h"

#define TARGET_PREFIX	"target "
#define NOTIFY_SECTION	"notify"
#define SNS_ARN_PREFIX	"arn:"

static const char *const type_names[NOTIFY__TYPES] = {
	[NOTIFY_EXEC] = "exec",
	[NOTIFY_SLACK] = "slack",
	[NOTIFY_TEAMS] = "teams",
	[NOTIFY_SNS] = "sns",
	[NOTIFY_EVENTBRIDGE] = "eventbridge",
};

static const char *const threshold_names[] = {
	[NOTIFY_AT_ACTION] = "action",
	[NOTIFY_AT_WARNING] = "warning",
	[NOTIFY_AT_INFO] = "info",
	[NOTIFY_AT_FAILURE] = "failure",
};

/* The keys of a target, and the types each belongs to (bit per type). */
#define T(x)	(1u << (x))
#define ALL	(T(NOTIFY__TYPES) - 1)
static const struct {
	const char	*key;
	unsigned	 types;
} target_keys[] = {
	{ "type", ALL },
	{ "threshold", ALL },
	{ "timeout", ALL },
	{ "url", T(NOTIFY_SLACK) | T(NOTIFY_TEAMS) },
	{ "command", T(NOTIFY_EXEC) },
	{ "topic_arn", T(NOTIFY_SNS) },
	{ "event_bus", T(NOTIFY_EVENTBRIDGE) },
	{ "region", T(NOTIFY_EVENTBRIDGE) },
};

const char *
notify_type_name(enum notify_type t)
{
	return (unsigned)t < NOTIFY__TYPES ? type_names[t] : "?";
}

const char *
notify_threshold_name(enum notify_threshold t)
{
	return (unsigned)t <= NOTIFY_AT_FAILURE ? threshold_names[t] : "?";
}

int
notify_wants(enum notify_threshold t, const struct notify_facts *f)
{
	if (f->status == RUN_STATUS_FAILED || f->status == RUN_STATUS_PARTIAL)
		return 1;
	switch (t) {
	case NOTIFY_AT_ACTION:
		return f->actions > 0;
	case NOTIFY_AT_WARNING:
		return f->actions + f->warnings > 0;
	case NOTIFY_AT_INFO:
		return f->actions + f->warnings + f->infos > 0;
	case NOTIFY_AT_FAILURE:
		break;
	}
	return 0;
}

/* What the parser needs to say where a problem is. */
struct ncfg {
	const struct ini	*ini;
	const char		*file;
	const char		*sec;		/* the section being read */
	size_t			 secline;
};

/* Warn "file:line: [section] key: what"; always -1. */
static int
bad(const struct ncfg *p, const char *key, const char *what)
{
	size_t	line = key != NULL ? ini_key_line(p->ini, p->sec, key) : 0;

	if (line == 0)
		line = p->secline;
	warnx("%s:%zu: [%s]%s%s: %s", p->file, line, p->sec,
	    key != NULL ? " " : "", key != NULL ? key : "", what);
	return -1;
}

/* Printable ASCII and UTF-8, no control byte, at most the ceiling. */
static int
value_ok(const char *v)
{
	const unsigned char	*p;

	if (strlen(v) > NOTIFY_MAX_VALUE_BYTES)
		return 0;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* A value of the section, checked; NULL when absent.  -1: refused. */
static int
get(const struct ncfg *p, const char *key, const char **out)
{
	*out = ini_get(p->ini, p->sec, key);
	if (*out == NULL)
		return 0;
	if (**out == '\0')
		return bad(p, key, "empty value");
	if (!value_ok(*out))
		return bad(p, key, "control character or longer than "
		    "2048 bytes");
	return 0;
}

static int
name_ok(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n > NOTIFY_MAX_NAME_BYTES)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n;
}

/* Every key of the section is known and belongs to type "t". */
static int
keys_check(const struct ncfg *p, size_t sec, enum notify_type t)
{
	const char	*k;
	size_t		 i, j, line;

	for (i = 0; (k = ini_section_key(p->ini, sec, i, &line)) != NULL;
	    i++) {
		for (j = 0; j < sizeof(target_keys) / sizeof(target_keys[0]);
		    j++)
			if (strcasecmp(k, target_keys[j].key) == 0)
				break;
		if (j == sizeof(target_keys) / sizeof(target_keys[0])) {
			warnx("%s:%zu: [%s]: unknown key \"%s\"", p->file, line,
			    p->sec, *k == '\0' ? "(nested)" : k);
			return -1;
		}
		if ((target_keys[j].types & T(t)) == 0) {
			warnx("%s:%zu: [%s]: %s is not a key of type %s",
			    p->file, line, p->sec, target_keys[j].key,
			    type_names[t]);
			return -1;
		}
	}
	return 0;
}

/* Index of "v" in "names" (n of them), or -1. */
static int
lookup(const char *const *names, size_t n, const char *v)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], v) == 0)
			return (int)i;
	return -1;
}

/* type, threshold, timeout. */
static int
target_common(const struct ncfg *p, struct notify_target *t)
{
	const char	*v, *errstr;
	int		 i;

	if (get(p, "type", &v) == -1)
		return -1;
	if (v == NULL)
		return bad(p, NULL, "no type (exec, slack, teams, sns or "
		    "eventbridge)");
	if ((i = lookup(type_names, NOTIFY__TYPES, v)) == -1)
		return bad(p, "type", "not exec, slack, teams, sns or "
		    "eventbridge");
	t->type = (enum notify_type)i;
	t->threshold = NOTIFY_AT_WARNING;
	if (get(p, "threshold", &v) == -1)
		return -1;
	if (v != NULL && (i = lookup(threshold_names,
	    sizeof(threshold_names) / sizeof(threshold_names[0]), v)) == -1)
		return bad(p, "threshold", "not action, warning, info or "
		    "failure");
	if (v != NULL)
		t->threshold = (enum notify_threshold)i;
	t->timeout_sec = NOTIFY_DEFAULT_TIMEOUT_SEC;
	if (get(p, "timeout", &v) == -1)
		return -1;
	if (v != NULL) {
		t->timeout_sec = (int)parse_num(v, 1, NOTIFY_MAX_TIMEOUT_SEC,
		    &errstr);
		if (errstr != NULL)
			return bad(p, "timeout", "not a number of seconds "
			    "from 1 to 600");
	}
	return 0;
}

/* A key the type needs; "what" describes it. */
static int
required(const struct ncfg *p, const char *key, const char *what,
    char **out)
{
	const char	*v;
	char		 msg[128];

	if (get(p, key, &v) == -1)
		return -1;
	if (v == NULL) {
		(void)snprintf(msg, sizeof(msg), "type %s needs %s",
		    ini_get(p->ini, p->sec, "type"), what);
		return bad(p, NULL, msg);
	}
	*out = xstrdup(v);
	return 0;
}

/*
 * arn:PARTITION:sns:REGION:ACCOUNT:NAME: the region is where Publish
 * must go (a topic lives in one region).
 */
static int
sns_arn(const struct ncfg *p, struct notify_target *t)
{
	const char	*f[6], *s = t->topic_arn, *c;
	size_t		 i, n;

	for (i = 0; i < 6; i++) {
		f[i] = s;
		if (i == 5)
			break;
		if ((c = strchr(s, ':')) == NULL)
			break;
		s = c + 1;
	}
	if (i != 5 || strncmp(t->topic_arn, SNS_ARN_PREFIX, 4) != 0 ||
	    strncmp(f[2], "sns:", 4) != 0 || *f[5] == '\0' ||
	    strspn(f[4], "0123456789") != 12 || f[4][12] != ':')
		return bad(p, "topic_arn", "not an SNS topic ARN "
		    "(arn:aws:sns:REGION:ACCOUNT:NAME)");
	n = (size_t)(f[4] - f[3] - 1);
	if (!regions_name_valid(f[3], n))
		return bad(p, "topic_arn", "the ARN's region is not valid");
	t->region = xstrndup(f[3], n);
	return 0;
}

/* The keys of each type. */
static int
target_kind(const struct ncfg *p, struct notify_target *t)
{
	const char	*v;

	switch (t->type) {
	case NOTIFY_EXEC:
		return required(p, "command", "a command", &t->command);
	case NOTIFY_SLACK:
	case NOTIFY_TEAMS:
		if (required(p, "url", "a url", &t->url) == -1)
			return -1;
		if (!url_allowed(t->url))
			return bad(p, "url", "not an https URL (plain http "
			    "only to a loopback host)");
		return 0;
	case NOTIFY_SNS:
		if (required(p, "topic_arn", "topic_arn", &t->topic_arn) == -1)
			return -1;
		return sns_arn(p, t);
	case NOTIFY_EVENTBRIDGE:
		if (get(p, "event_bus", &v) == -1)
			return -1;
		if (v != NULL && (strlen(v) > 1600 || strspn(v,
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-/:") != strlen(v)))
			return bad(p, "event_bus", "not an event bus name or "
			    "ARN");
		t->event_bus = xstrdup(v != NULL ? v : "default");
		if (get(p, "region", &v) == -1)
			return -1;
		if (v != NULL && !regions_name_valid(v, strlen(v)))
			return bad(p, "region", "not a region name");
		t->region = v != NULL ? xstrdup(v) : NULL;
		return 0;
	case NOTIFY__TYPES:
		break;
	}
	return -1;
}

/* One [target NAME] section "sec" into *t. */
static int
target_parse(struct ncfg *p, size_t sec, const char *name,
    struct notify_target *t)
{
	t->name = xstrdup(name);
	t->line = p->secline;
	if (!name_ok(name))
		return bad(p, NULL, "a target name is 1 to 64 of A-Z a-z "
		    "0-9 . _ -");
	if (target_common(p, t) == -1 || keys_check(p, sec, t->type) == -1)
		return -1;
	return target_kind(p, t);
}

/* The [notify] section. */
static int
settings_parse(struct ncfg *p, size_t sec, struct notify_config *c)
{
	const char	*k, *v;
	size_t		 i, line;

	for (i = 0; (k = ini_section_key(p->ini, sec, i, &line)) != NULL;
	    i++)
		if (strcasecmp(k, "archive_url") != 0 &&
		    strcasecmp(k, "lang") != 0) {
			warnx("%s:%zu: [%s]: unknown key \"%s\"", p->file,
			    line, p->sec, *k == '\0' ? "(nested)" : k);
			return -1;
		}
	if (get(p, "archive_url", &v) == -1)
		return -1;
	if (v != NULL && !url_allowed(v))
		return bad(p, "archive_url", "not an https URL (plain http "
		    "only to a loopback host)");
	if (v != NULL)
		c->archive_url = xstrndup(v, strlen(v) -
		    (v[strlen(v) - 1] == '/'));
	if (get(p, "lang", &v) == -1)
		return -1;
	if (v != NULL && i18n_lang_parse(v, &c->lang) == -1)
		return bad(p, "lang", "not en or ja");
	return 0;
}

/* Section "i": a target, [notify], or a refusal. */
static int
section_parse(struct ncfg *p, size_t i, struct notify_config *out)
{
	const char	*name;
	size_t		 j;

	if (strcmp(p->sec, NOTIFY_SECTION) == 0)
		return settings_parse(p, i, out);
	if (strncmp(p->sec, TARGET_PREFIX, strlen(TARGET_PREFIX)) != 0)
		return bad(p, NULL, "not [target NAME] or [notify]");
	name = p->sec + strlen(TARGET_PREFIX);
	if (out->len == NOTIFY_MAX_TARGETS)
		return bad(p, NULL, "more than 32 targets");
	for (j = 0; j < out->len; j++)
		if (strcmp(out->targets[j].name, name) == 0)
			return bad(p, NULL, "a second target of this name");
	out->targets = xreallocarray(out->targets, out->len + 1,
	    sizeof(*out->targets));
	memset(&out->targets[out->len], 0, sizeof(*out->targets));
	return target_parse(p, i, name, &out->targets[out->len++]);
}

int
notify_config_parse(const struct ini *ini, const char *file,
    struct notify_config *out)
{
	struct ncfg	 p;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	p.ini = ini;
	p.file = file != NULL ? file : "(notify)";
	for (i = 0; (p.sec = ini_section_name(ini, i)) != NULL; i++) {
		p.secline = ini_section_line(ini, i);
		if (section_parse(&p, i, out) == -1) {
			notify_config_free(out);
			return -1;
		}
	}
	if (out->len == 0) {
		warnx("%s: no [target NAME] section", p.file);
		notify_config_free(out);	/* a [notify] section's keys */
		return -1;
	}
	return 0;
}

int
notify_config_load(const char *path, struct notify_config *out)
{
	struct ini	*ini;
	int		 rc;

	memset(out, 0, sizeof(*out));
	/* ini_load() reads a missing file as empty: here it is a mistake. */
	if (access(path, F_OK) == -1) {
		warn("%s", path);
		return -1;
	}
	if ((ini = ini_load(path)) == NULL)
		return -1;
	rc = notify_config_parse(ini, path, out);
	ini_free(ini);
	return rc;
}

void
notify_config_free(struct notify_config *c)
{
	struct notify_target	*t;
	size_t			 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->len; i++) {
		t = &c->targets[i];
		free(t->name);
		free_secret(t->url);
		free_secret(t->command);
		free(t->topic_arn);
		free(t->event_bus);
		free(t->region);
	}
	free(c->targets);
	free(c->archive_url);
	memset(c, 0, sizeof(*c));
}
