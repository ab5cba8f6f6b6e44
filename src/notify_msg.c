/*
 * notify_msg.c: what each kind of target is sent, built from the facts
 * of a run's report (notify.h).  Pure: no I/O, no clock.
 *
 * Every sentence comes from the catalogue (i18n.c); every string from
 * AWS (names, IDs) is escaped for where it lands: escape_text() for
 * plain text (no control or bidi character reaches a reader), then
 * Slack's three mrkdwn entities, and JSON string escaping for every
 * payload (escape_json()).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "i18n.h"
#include "notify.h"
#include "status.h"
#include "util.h"

/* A name from AWS shown in a message is cut at this many columns. */
#define MSG_FIELD_MAX_COLS	200
#define MSG_WHY_MAX_COLS	400	/* a failure's reason, one line */
/* The Slack header block's plain_text limit (Block Kit reference). */
#define SLACK_HEADER_MAX_COLS	150
/* Room kept for the closing lines when an SNS message must be cut. */
#define SNS_TAIL_RESERVE_BYTES	1024

/* Expansion of a template with string arguments. */
struct expand {
	struct buf		*b;
	const char *const	*args;
};

static void
ex_lit(void *ctx, const char *text, size_t len)
{
	buf_add(((struct expand *)ctx)->b, text, len);
}

static void
ex_arg(void *ctx, size_t idx)
{
	struct expand	*e = ctx;

	buf_addstr(e->b, e->args[idx]);
}

/* Append template "m" of "l" with "nargs" arguments, as they are. */
static void
say(struct buf *b, enum i18n_msg m, enum i18n_lang l, size_t nargs,
    const char *const *args)
{
	struct expand	e = { b, args };

	i18n_expand(i18n_get(m, l), nargs, ex_lit, ex_arg, &e);
}

static enum i18n_msg
status_short(enum run_status s)
{
	return s == RUN_STATUS_COMPLETE ? I18N_NOTIFY_ST_COMPLETE :
	    s == RUN_STATUS_PARTIAL ? I18N_NOTIFY_ST_PARTIAL :
	    I18N_NOTIFY_ST_FAILED;
}

static enum i18n_msg
status_long(enum run_status s)
{
	return s == RUN_STATUS_COMPLETE ? I18N_RUN_COMPLETE :
	    s == RUN_STATUS_PARTIAL ? I18N_RUN_PARTIAL : I18N_RUN_FAILED;
}

/* "bedrock-audit run #42: partial, some regions failed" */
static void
title(struct buf *b, const struct notify_facts *f, enum i18n_lang l)
{
	char		 run[32];
	const char	*args[2];

	(void)snprintf(run, sizeof(run), "%lld", f->run);
	args[0] = run;
	args[1] = i18n_get(status_long(f->status), l);
	say(b, I18N_NOTIFY_TITLE, l, 2, args);
}

/* "New: 3 (action: 1, ...). Open problems: 5." and the account. */
static void
counts(struct buf *b, const struct notify_facts *f, enum i18n_lang l)
{
	char		 n[5][32];
	const char	*args[5];
	long		 v[5];
	size_t		 i;

	v[0] = f->actions + f->warnings + f->infos;
	v[1] = f->actions;
	v[2] = f->warnings;
	v[3] = f->infos;
	v[4] = f->open;
	for (i = 0; i < 5; i++) {
		(void)snprintf(n[i], sizeof(n[i]), "%ld", v[i]);
		args[i] = n[i];
	}
	/* Nothing collected yet: no count of problems is true. */
	say(b, f->open_unknown ? I18N_NOTHING_KNOWN : I18N_ENTRY_COUNTS, l,
	    f->open_unknown ? 0 : 5, args);
	if (f->account_id != NULL) {
		buf_addch(b, ' ');
		args[0] = f->account_id;
		say(b, I18N_ACCOUNT, l, 1, args);
	}
}

/*
 * "Why: ..." of a run that collected nothing, plain text with AWS's
 * words made safe; 0 (nothing appended) when there is no reason.  Its
 * own line or block: what holds it must show it as text.
 */
static int
reason(struct buf *b, const struct notify_facts *f, enum i18n_lang l)
{
	struct buf	 why = BUF_INIT;
	const char	*args[1];

	if (f->why == NULL)
		return 0;
	escape_text(&why, f->why, MSG_WHY_MAX_COLS);
	args[0] = why.data;
	say(b, I18N_R_REASON, l, 1, args);
	buf_free(&why);
	return 1;
}

/* The severity as the report names it. */
static const char *
severity_text(const char *sev, enum i18n_lang l)
{
	return i18n_get(strcmp(sev, "action") == 0 ? I18N_COL_ACTION :
	    strcmp(sev, "warning") == 0 ? I18N_COL_WARNING : I18N_COL_INFO, l);
}

/* One digest line, plain text with AWS's strings made safe. */
static void
item_line(struct buf *b, const struct notify_facts *f, size_t i,
    enum i18n_lang l)
{
	const struct notify_item	*it = &f->items[i];
	struct buf			 region = BUF_INIT, subj = BUF_INIT;
	char				 num[32];
	const char			*args[6];

	escape_text(&region, it->region, MSG_FIELD_MAX_COLS);
	escape_text(&subj, it->subject, MSG_FIELD_MAX_COLS);
	if (it->subject_name != NULL && *it->subject_name != '\0') {
		buf_addstr(&subj, " (");
		escape_text(&subj, it->subject_name, MSG_FIELD_MAX_COLS);
		buf_addch(&subj, ')');
	}
	(void)snprintf(num, sizeof(num), "%zu", i + 1);
	args[0] = num;
	args[1] = severity_text(it->severity, l);
	args[2] = it->path;
	args[3] = region.len > 0 ? region.data : "";
	args[4] = it->what;
	args[5] = subj.len > 0 ? subj.data : "";
	say(b, I18N_DIGEST_LINE, l, 6, args);
	buf_free(&region);
	buf_free(&subj);
}

/* "<base>/YYYY-MM-DD.html", the run's UTC date; NULL without a base. */
static char *
archive_page(const struct notify_facts *f, const char *archive_url)
{
	if (archive_url == NULL || f->started_at == NULL ||
	    strlen(f->started_at) < 10)
		return NULL;
	return xasprintf("%s/%.10s.html", archive_url, f->started_at);
}

/* "N more entries are in the full report." */
static void
more(struct buf *b, size_t n, enum i18n_lang l)
{
	char		 num[32];
	const char	*args[1] = { num };

	(void)snprintf(num, sizeof(num), "%zu", n);
	say(b, I18N_NOTIFY_MORE, l, 1, args);
}

/* Slack mrkdwn: the control escapes of escape_text(), then & < >. */
static void
slack_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': buf_addstr(b, "&amp;"); break;
		case '<': buf_addstr(b, "&lt;"); break;
		case '>': buf_addstr(b, "&gt;"); break;
		default: buf_addch(b, *s); break;
		}
}

/* {"type":"section","text":{"type":"mrkdwn","text":...}} */
static void
slack_section(struct buf *out, const char *mrkdwn)
{
	buf_addstr(out, ",{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
	    "\"text\":");
	escape_json(out, mrkdwn);
	buf_addstr(out, "}}");
}

/* The blocks after the header: counts, entries, the rest, the link. */
static void
slack_body(struct buf *b, const struct notify_facts *f, const char *page,
    enum i18n_lang l)
{
	struct buf	 t = BUF_INIT, m = BUF_INIT;
	size_t		 i;

	counts(&t, f, l);
	slack_esc(&m, t.data);
	slack_section(b, m.data);
	buf_reset(&t);
	buf_reset(&m);
	if (reason(&t, f, l)) {
		slack_esc(&m, t.data);
		slack_section(b, m.data);
	}
	for (i = 0; i < f->itemsz && i < NOTIFY_MAX_LISTED; i++) {
		buf_reset(&t);
		buf_reset(&m);
		item_line(&t, f, i, l);
		slack_esc(&m, t.data);
		slack_section(b, m.data);
	}
	if (f->itemsz > NOTIFY_MAX_LISTED) {
		buf_reset(&t);
		more(&t, f->itemsz - NOTIFY_MAX_LISTED, l);
		slack_section(b, t.data);
	}
	if (page != NULL) {
		buf_reset(&m);
		buf_addch(&m, '<');
		slack_esc(&m, page);
		buf_addch(&m, '|');
		slack_esc(&m, i18n_get(I18N_NOTIFY_OPEN_REPORT, l));
		buf_addch(&m, '>');
		slack_section(b, m.data);
	}
	buf_free(&t);
	buf_free(&m);
}

void
notify_msg_slack(struct buf *b, const struct notify_facts *f,
    const char *archive_url, enum i18n_lang l)
{
	struct buf	 t = BUF_INIT, fb = BUF_INIT, h = BUF_INIT, e = BUF_INIT;
	char		*page = archive_page(f, archive_url);

	title(&t, f, l);
	buf_addstr(&fb, t.data);
	buf_addstr(&fb, "\n");
	counts(&fb, f, l);
	if (f->why != NULL) {
		buf_addch(&fb, '\n');
		(void)reason(&fb, f, l);
	}
	if (page != NULL) {
		buf_addch(&fb, '\n');
		say(&fb, I18N_NOTIFY_ARCHIVE, l, 1,
		    (const char *const []){ page });
	}
	escape_text(&h, t.data, SLACK_HEADER_MAX_COLS);
	/* The fallback is mrkdwn too (notifications): a reason from AWS
	   must not mention a channel or open a link. */
	slack_esc(&e, fb.data);
	buf_addstr(b, "{\"text\":");
	escape_json(b, e.data);
	buf_addstr(b, ",\"blocks\":[{\"type\":\"header\",\"text\":"
	    "{\"type\":\"plain_text\",\"text\":");
	escape_json(b, h.data);
	buf_addstr(b, "}}");
	slack_body(b, f, page, l);
	buf_addstr(b, "]}");
	free(page);
	buf_free(&t);
	buf_free(&fb);
	buf_free(&h);
	buf_free(&e);
}

/* {"type":"TextBlock","text":...,"wrap":true} plus "extra" members. */
static void
teams_text(struct buf *out, const char *text, const char *extra)
{
	buf_addstr(out, "{\"type\":\"TextBlock\",\"text\":");
	escape_json(out, text);
	buf_addstr(out, ",\"wrap\":true");
	buf_addstr(out, extra);
	buf_addch(out, '}');
}

/*
 * A line holding names from AWS: a RichTextBlock's TextRun, whose text
 * is shown as it is (a TextBlock would read Markdown in it: a model name
 * could make a link).
 */
static void
teams_plain(struct buf *out, const char *text)
{
	buf_addstr(out, "{\"type\":\"RichTextBlock\",\"spacing\":\"Small\","
	    "\"inlines\":[{\"type\":\"TextRun\",\"text\":");
	escape_json(out, text);
	buf_addstr(out, "}]}");
}

/* The card's body array, without its brackets. */
static void
teams_body(struct buf *b, const struct notify_facts *f, enum i18n_lang l)
{
	struct buf	 t = BUF_INIT;
	size_t		 i;

	title(&t, f, l);
	teams_text(b, t.data, ",\"weight\":\"Bolder\",\"size\":\"Medium\"");
	buf_reset(&t);
	counts(&t, f, l);
	buf_addch(b, ',');
	teams_text(b, t.data, "");
	buf_reset(&t);
	if (reason(&t, f, l)) {
		buf_addch(b, ',');
		teams_plain(b, t.data);
	}
	for (i = 0; i < f->itemsz && i < NOTIFY_MAX_LISTED; i++) {
		buf_reset(&t);
		item_line(&t, f, i, l);
		buf_addch(b, ',');
		teams_plain(b, t.data);
	}
	if (f->itemsz > NOTIFY_MAX_LISTED) {
		buf_reset(&t);
		more(&t, f->itemsz - NOTIFY_MAX_LISTED, l);
		buf_addch(b, ',');
		teams_text(b, t.data, ",\"isSubtle\":true");
	}
	buf_free(&t);
}

void
notify_msg_teams(struct buf *b, const struct notify_facts *f,
    const char *archive_url, enum i18n_lang l)
{
	char	*page = archive_page(f, archive_url);

	buf_addstr(b, "{\"type\":\"message\",\"attachments\":[{"
	    "\"contentType\":\"application/vnd.microsoft.card.adaptive\","
	    "\"contentUrl\":null,\"content\":{"
	    "\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\","
	    "\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":[");
	teams_body(b, f, l);
	buf_addstr(b, "]");
	if (page != NULL) {
		buf_addstr(b, ",\"actions\":[{\"type\":\"Action.OpenUrl\","
		    "\"title\":");
		escape_json(b, i18n_get(I18N_NOTIFY_OPEN_REPORT, l));
		buf_addstr(b, ",\"url\":");
		escape_json(b, page);
		buf_addstr(b, "}]");
	}
	buf_addstr(b, "}}]}");
	free(page);
}

/* The subject: one line, no control character, under 100 characters. */
static char *
sns_subject(const struct notify_facts *f, enum i18n_lang l)
{
	struct buf	 t = BUF_INIT, s = BUF_INIT;
	char		 n[4][32];
	const char	*args[5];

	(void)snprintf(n[0], sizeof(n[0]), "%lld", f->run);
	(void)snprintf(n[1], sizeof(n[1]), "%ld", f->actions);
	(void)snprintf(n[2], sizeof(n[2]), "%ld", f->warnings);
	(void)snprintf(n[3], sizeof(n[3]), "%ld", f->open);
	args[0] = n[0];
	args[1] = i18n_get(status_short(f->status), l);
	args[2] = n[1];
	args[3] = n[2];
	args[4] = n[3];
	say(&t, I18N_NOTIFY_SUBJECT, l, 5, args);
	/* Columns bound characters: a character takes at least one. */
	escape_text(&s, t.data, NOTIFY_SNS_SUBJECT_MAX_CHARS);
	buf_free(&t);
	return buf_detach(&s);
}

/* The closing line: the archive page, or the command that shows it. */
static void
sns_pointer(struct buf *b, const struct notify_facts *f, const char *page,
    enum i18n_lang l, int cut)
{
	struct buf	 cmd = BUF_INIT, line = BUF_INIT;
	const char	*args[1];

	if (page == NULL) {
		/* A command line, the same in every language. */
		buf_addstr(&line, "bedrock-audit report");
		if (f->db != NULL) {
			buf_addstr(&line, " --db ");
			escape_text(&line, f->db, 0);
		}
		buf_printf(&line, " --to %lld", f->run);
		args[0] = line.data;
		say(&cmd, I18N_NOTIFY_REPORT_CMD, l, 1, args);
	}
	args[0] = page != NULL ? page : cmd.data;
	say(b, cut ? I18N_NOTIFY_CUT : I18N_NOTIFY_ARCHIVE, l, 1, args);
	buf_addch(b, '\n');
	buf_free(&cmd);
	buf_free(&line);
}

void
notify_msg_sns_limited(const struct notify_facts *f, const char *archive_url,
    enum i18n_lang l, size_t max_bytes, char **subject, char **message)
{
	struct buf	 b = BUF_INIT, line = BUF_INIT;
	char		*page = archive_page(f, archive_url);
	size_t		 i;
	int		 cut = 0;

	*subject = sns_subject(f, l);
	title(&b, f, l);
	buf_addch(&b, '\n');
	counts(&b, f, l);
	buf_addch(&b, '\n');
	if (reason(&b, f, l))
		buf_addch(&b, '\n');
	buf_addch(&b, '\n');
	for (i = 0; i < f->itemsz; i++) {
		buf_reset(&line);
		item_line(&line, f, i, l);
		buf_addch(&line, '\n');
		if (b.len + line.len + SNS_TAIL_RESERVE_BYTES > max_bytes) {
			cut = 1;
			more(&b, f->itemsz - i, l);
			buf_addch(&b, '\n');
			break;
		}
		buf_add(&b, line.data, line.len);
	}
	buf_addch(&b, '\n');
	sns_pointer(&b, f, page, l, cut);
	*message = buf_detach(&b);
	free(page);
	buf_free(&line);
}

void
notify_msg_sns(const struct notify_facts *f, const char *archive_url,
    enum i18n_lang l, char **subject, char **message)
{
	notify_msg_sns_limited(f, archive_url, l,
	    NOTIFY_SNS_MESSAGE_MAX_BYTES, subject, message);
}

void
notify_detail_type(struct buf *b, const char *kind)
{
	struct buf	 t = BUF_INIT;

	buf_addstr(&t, "Bedrock audit ");
	buf_addstr(&t, kind);
	if (t.len > NOTIFY_EVENTS_DETAIL_TYPE_MAX)
		t.data[t.len = NOTIFY_EVENTS_DETAIL_TYPE_MAX] = '\0';
	buf_addstr(b, t.data);
	buf_free(&t);
}

/* "key": value, for the Detail object. */
static void
jstr(struct buf *b, const char *key, const char *v, int first)
{
	if (!first)
		buf_addch(b, ',');
	escape_json(b, key);
	buf_addch(b, ':');
	escape_json(b, v);
}

/* The Detail of one event: the run's facts and entry "i" (or none). */
static void
event_detail(struct buf *d, const struct notify_facts *f, size_t i)
{
	const struct notify_item	*it = i < f->itemsz ? &f->items[i] :
					    NULL;

	buf_printf(d, "{\"run\":%lld,\"from_run\":%lld,", f->run,
	    f->from_run);
	jstr(d, "status", status_run_name(f->status), 1);
	jstr(d, "account_id", f->account_id, 0);
	buf_printf(d, ",\"summary\":{\"action\":%ld,\"warning\":%ld,"
	    "\"info\":%ld,\"open\":%ld}", f->actions, f->warnings, f->infos,
	    f->open);
	if (it != NULL) {
		buf_printf(d, ",\"entry\":{\"id\":%zu,", i + 1);
		jstr(d, "severity", it->severity, 1);
		jstr(d, "path", it->path, 0);
		jstr(d, "region", it->region, 0);
		jstr(d, "subject", it->subject, 0);
		jstr(d, "subject_name", it->subject_name, 0);
		jstr(d, "kind", it->kind, 0);
		buf_addch(d, '}');
	}
	buf_addch(d, '}');
}

/* One PutEvents entry, JSON, for entry "i" (or the run). */
static void
event_entry(struct buf *e, const struct notify_facts *f, size_t i,
    const char *bus)
{
	struct buf	 d = BUF_INIT, dt = BUF_INIT;

	event_detail(&d, f, i);
	notify_detail_type(&dt, i < f->itemsz ? f->items[i].kind : "run");
	buf_addstr(e, "{\"Source\":\"" NOTIFY_EVENTS_SOURCE "\","
	    "\"DetailType\":");
	escape_json(e, dt.data);
	buf_addstr(e, ",\"Detail\":");
	escape_json(e, d.data);
	if (bus != NULL) {
		buf_addstr(e, ",\"EventBusName\":");
		escape_json(e, bus);
	}
	buf_addch(e, '}');
	buf_free(&d);
	buf_free(&dt);
}

/* Close the body in "cur" (if it has entries) as the next batch. */
static void
batch_flush(struct notify_batches *out, struct buf *cur, size_t *n)
{
	struct notify_batch	*bt;

	if (*n == 0)
		return;
	buf_addstr(cur, "]}");
	out->v = xreallocarray(out->v, out->len + 1, sizeof(*out->v));
	bt = &out->v[out->len++];
	bt->bodysz = cur->len;
	bt->entries = *n;
	bt->body = buf_detach(cur);
	*n = 0;
}

void
notify_msg_events(const struct notify_facts *f, const char *bus,
    size_t max_bytes, struct notify_batches *out)
{
	struct buf	 cur = BUF_INIT, e = BUF_INIT;
	size_t		 i, n = 0, total = f->itemsz > 0 ? f->itemsz : 1;

	memset(out, 0, sizeof(*out));
	if (max_bytes == 0)
		max_bytes = NOTIFY_EVENTS_MAX_BYTES;
	for (i = 0; i < total; i++) {
		buf_reset(&e);
		event_entry(&e, f, f->itemsz > 0 ? i : SIZE_MAX, bus);
		/* 2 for ']}' and 1 for a comma: the body stays under. */
		if (n > 0 && (n == NOTIFY_EVENTS_MAX_ENTRIES ||
		    cur.len + e.len + 3 >= max_bytes))
			batch_flush(out, &cur, &n);
		buf_addstr(&cur, n == 0 ? "{\"Entries\":[" : ",");
		buf_add(&cur, e.data, e.len);
		n++;
	}
	batch_flush(out, &cur, &n);
	buf_free(&e);
}

void
notify_batches_free(struct notify_batches *b)
{
	size_t	i;

	if (b == NULL)
		return;
	for (i = 0; i < b->len; i++)
		free(b->v[i].body);
	free(b->v);
	memset(b, 0, sizeof(*b));
}
