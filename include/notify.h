/*
 * notify.h: news of a run that finds its readers: an exec hook, Slack,
 * Microsoft Teams, Amazon SNS and Amazon EventBridge.
 *
 * A notification is sent after collect has committed a run (or by the
 * notify command, for a run already recorded).  It tells the facts of
 * that run's daily report (report --format json): the run's status, the
 * count of entries by severity, the open problems and the one-line
 * digest.  It never decides a path or a severity: it reads those from
 * the report's entries (the playbook's), and the decision here is only
 * whether a run is worth telling a target about.
 *
 * The parts:
 *   notify_config.c  the --notify FILE (INI, one [target NAME] per
 *                    target) and the decision notify_wants() (pure)
 *   notify_msg.c     the payloads: Slack, Teams, SNS, EventBridge (pure)
 *   notify.c         one run to every target, with the bookkeeping of
 *                    store_notify.c (at most once per run and target)
 *   notify_exec.c, notify_webhook.c, notify_aws.c (SNS, EventBridge)
 *                    one sender per kind of target, behind notify_send_fn
 *
 * Secrets: a webhook URL (it holds the token) and an exec command line
 * are never printed, stored or put in a report; messages name a target
 * by its section name and type only.
 */
#ifndef BEDROCK_AUDIT_NOTIFY_H
#define BEDROCK_AUDIT_NOTIFY_H

#include <stddef.h>

#include "i18n.h"
#include "status.h"

struct buf;
struct ini;

#define NOTIFY_MAX_TARGETS		32	/* [target ...] sections */
#define NOTIFY_MAX_NAME_BYTES		64	/* a target's name */
#define NOTIFY_MAX_VALUE_BYTES		2048	/* url, command, ARN, ... */
#define NOTIFY_DEFAULT_TIMEOUT_SEC	30
#define NOTIFY_MAX_TIMEOUT_SEC		600
/* Slack: blocks per message is 50; we show this many entries at most. */
#define NOTIFY_MAX_LISTED		20
/* SNS Publish (aws-apis.md 9.6): subject under 100 characters. */
#define NOTIFY_SNS_SUBJECT_MAX_CHARS	99
/* SNS: a message of at most 256 KB, counted in bytes. */
#define NOTIFY_SNS_MESSAGE_MAX_BYTES	(256 * 1024)
/* EventBridge PutEvents: 1..10 entries, under 256 KB, DetailType <= 128. */
#define NOTIFY_EVENTS_MAX_ENTRIES	10
#define NOTIFY_EVENTS_MAX_BYTES		(256 * 1024)
#define NOTIFY_EVENTS_DETAIL_TYPE_MAX	128
#define NOTIFY_EVENTS_SOURCE		"bedrock-audit"

enum notify_type {
	NOTIFY_EXEC,
	NOTIFY_SLACK,
	NOTIFY_TEAMS,
	NOTIFY_SNS,
	NOTIFY_EVENTBRIDGE,
	NOTIFY__TYPES
};

/* The least a run must have for a target to hear of it. */
enum notify_threshold {
	NOTIFY_AT_ACTION,	/* an entry of severity action */
	NOTIFY_AT_WARNING,	/* ... action or warning (the default) */
	NOTIFY_AT_INFO,		/* any entry */
	NOTIFY_AT_FAILURE	/* only a failed or partial run */
};

/* One [target NAME] section.  Owned strings; NULL when not given. */
struct notify_target {
	char			*name;		/* "team-chat" */
	enum notify_type	 type;
	enum notify_threshold	 threshold;
	char			*url;		/* slack, teams; a secret */
	char			*command;	/* exec; for "sh -c" */
	char			*topic_arn;	/* sns */
	char			*event_bus;	/* eventbridge: name or ARN */
	/* sns: from the ARN; eventbridge: "region" key, else the session's */
	char			*region;
	int			 timeout_sec;	/* 1..NOTIFY_MAX_TIMEOUT_SEC */
	size_t			 line;		/* of its header, for messages */
};

/* A whole --notify FILE. */
struct notify_config {
	struct notify_target	*targets;	/* owned, file order */
	size_t			 len;
	/* [notify] archive_url: base of the dated pages; NULL: none */
	char			*archive_url;
	enum i18n_lang		 lang;		/* [notify] lang; default en */
};

/* "exec", "slack", ...; static. */
const char	*notify_type_name(enum notify_type t);
/* "action", "warning", "info", "failure"; static. */
const char	*notify_threshold_name(enum notify_threshold t);

/*
 * Read the targets of "ini" (parsed from "file", named in messages) into
 * *out (zeroed first; free with notify_config_free()).  Sections are
 * "[target NAME]" and one optional "[notify]" (archive_url, lang);
 * anything else, an unknown key, a missing or misplaced key or a bad
 * value is refused with "file:line: problem" (the value of a url or
 * command is never quoted).  Returns 0, or -1 after one warnx(3).
 */
int	notify_config_parse(const struct ini *ini, const char *file,
	    struct notify_config *out);
/* ini_load() and notify_config_parse(); -1 after warnx(3). */
int	notify_config_load(const char *path, struct notify_config *out);
/* Free and wipe what *c holds and zero it; NULL-safe. */
void	notify_config_free(struct notify_config *c);

/* One entry of the report, as the digest shows it.  Strings borrowed. */
struct notify_item {
	const char	*severity;	/* "action", "warning", "info" */
	const char	*path;		/* "P1".."P6", or "-" */
	const char	*region;
	const char	*subject;	/* model ID, quota code, ... */
	const char	*subject_name;	/* "" if none */
	const char	*kind;		/* the lead change: "access_lost" */
	const char	*what;		/* its words in the message's language */
};

/*
 * What a notification tells of one run: the facts of its daily report
 * (report --format json over the run before it and the run).  Strings
 * borrowed.
 */
struct notify_facts {
	long long		 run;		/* the run told of */
	long long		 from_run;	/* the one it is compared with */
	enum run_status		 status;	/* complete, partial, failed */
	const char		*started_at;	/* UTC ISO-8601 */
	const char		*account_id;	/* NULL if unknown */
	long			 actions;	/* entries by severity */
	long			 warnings;
	long			 infos;
	long			 open;		/* open problems */
	/* nothing collected yet: "open" is unknown, not 0 */
	int			 open_unknown;
	/*
	 * Why nothing was collected, in one line (a run stopped before its
	 * first region, an account whose role could not be assumed): the
	 * step and what was answered, AWS's text unescaped; NULL otherwise
	 */
	const char		*why;
	const struct notify_item *items;	/* report order */
	size_t			 itemsz;
	const char		*report_json;	/* what report prints */
	size_t			 report_jsonsz;
	const char		*db;		/* the database's path */
};

/*
 * Whether target threshold "t" wants the run of "f": always when the run
 * failed or was partial; else, for NOTIFY_AT_FAILURE never, for the
 * others when an entry has at least that severity.  Pure.
 */
int	notify_wants(enum notify_threshold t, const struct notify_facts *f);

/*
 * The payload builders (notify_msg.c).  Pure: each appends to or fills
 * its output, escaping every string from AWS for its format.
 * "archive_url" is the base of the dated archive or NULL; the message
 * links <archive_url>/YYYY-MM-DD.html, the run's UTC date.
 */
/* Slack incoming webhook: {"text": fallback, "blocks": [...]}. */
void	notify_msg_slack(struct buf *b, const struct notify_facts *f,
	    const char *archive_url, enum i18n_lang l);
/* Teams Workflows webhook: a message with one Adaptive Card 1.4. */
void	notify_msg_teams(struct buf *b, const struct notify_facts *f,
	    const char *archive_url, enum i18n_lang l);
/*
 * SNS: *subject (at most NOTIFY_SNS_SUBJECT_MAX_CHARS characters, no
 * control character) and *message (at most NOTIFY_SNS_MESSAGE_MAX_BYTES,
 * cut with a pointer to the full report when longer); caller frees both.
 */
void	notify_msg_sns(const struct notify_facts *f, const char *archive_url,
	    enum i18n_lang l, char **subject, char **message);
void	notify_msg_sns_limited(const struct notify_facts *f,
	    const char *archive_url, enum i18n_lang l, size_t max_bytes,
	    char **subject, char **message);

/* One PutEvents request body: at most NOTIFY_EVENTS_MAX_ENTRIES events. */
struct notify_batch {
	char	*body;		/* awsJson1_1 PutEvents input; owned */
	size_t	 bodysz;
	size_t	 entries;	/* events in it */
};
struct notify_batches {
	struct notify_batch	*v;	/* owned */
	size_t			 len;
};
/*
 * EventBridge: one event per entry of the report (or one "run" event
 * when it has none), Source NOTIFY_EVENTS_SOURCE, DetailType per kind,
 * Detail a JSON object; cut into request bodies of at most
 * NOTIFY_EVENTS_MAX_ENTRIES entries and under "max_bytes" (0:
 * NOTIFY_EVENTS_MAX_BYTES).  "bus" NULL: the default bus.
 */
void	notify_msg_events(const struct notify_facts *f, const char *bus,
	    size_t max_bytes, struct notify_batches *out);
void	notify_batches_free(struct notify_batches *b);	/* NULL-safe */

/*
 * The EventBridge DetailType of an entry whose lead change is "kind":
 * "Bedrock audit access_lost", at most NOTIFY_EVENTS_DETAIL_TYPE_MAX.
 */
void	notify_detail_type(struct buf *b, const char *kind);

/*
 * What a sender needs besides its target.  Borrowed.  A sender returns
 * 0 when the target accepted the message, or -1 with *why set (caller
 * frees; never holds a URL or a secret).  Senders never print.
 */
struct session;
struct notify_ctx {
	const struct notify_facts	*facts;
	const char			*archive_url;	/* NULL: none */
	enum i18n_lang			 lang;
	/* the AWS session for sns and eventbridge; NULL: none opened */
	struct session			*session;
};
typedef int (*notify_send_fn)(const struct notify_target *t,
    const struct notify_ctx *ctx, char **why);

int	notify_exec_send(const struct notify_target *t,
	    const struct notify_ctx *ctx, char **why);
int	notify_webhook_send(const struct notify_target *t,
	    const struct notify_ctx *ctx, char **why);
int	notify_sns_send(const struct notify_target *t,
	    const struct notify_ctx *ctx, char **why);
int	notify_events_send(const struct notify_target *t,
	    const struct notify_ctx *ctx, char **why);

#endif /* BEDROCK_AUDIT_NOTIFY_H */
