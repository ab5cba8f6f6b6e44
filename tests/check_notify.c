/*
 * check_notify.c: the --notify file, the decision whether a run goes to
 * a target, and the payloads of each kind of target (notify.h).
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helper_check.h"
#include "helper_stderr.h"
#include "i18n.h"
#include "ini.h"
#include "notify.h"
#include "util.h"

#define HOSTILE	"<script>&amp;<!channel>\x1b[31m\xe2\x80\xae*bold*"

static int
parse_text(const char *text, struct notify_config *c)
{
	struct ini	*ini;
	int		 rc;

	ini = ini_parse(text, strlen(text), "n.ini");
	ck_assert_ptr_nonnull(ini);
	rc = notify_config_parse(ini, "n.ini", c);
	ini_free(ini);
	return rc;
}

START_TEST(test_config_ok)
{
	struct notify_config	c;
	const char		*text =
	    "[notify]\narchive_url = https://audit.example.com/daily/\n"
	    "lang = ja\n"
	    "[target team-chat]\ntype = slack\n"
	    "url = https://hooks.slack.com/services/T/B/x\n"
	    "[target pager]\ntype = exec\n"
	    "command = /usr/local/bin/page --team ml\nthreshold = action\n"
	    "timeout = 5\n"
	    "[target teams]\ntype = teams\nurl = http://127.0.0.1:9/h\n"
	    "threshold = failure\n"
	    "[target mail]\ntype = sns\n"
	    "topic_arn = arn:aws:sns:eu-west-3:123456789012:audit\n"
	    "threshold = info\n"
	    "[target bus]\ntype = eventbridge\n";

	ck_assert_int_eq(parse_text(text, &c), 0);
	ck_assert_uint_eq(c.len, 5);
	ck_assert_str_eq(c.archive_url, "https://audit.example.com/daily");
	ck_assert_int_eq(c.lang, I18N_LANG_JA);
	ck_assert_str_eq(c.targets[0].name, "team-chat");
	ck_assert_int_eq(c.targets[0].type, NOTIFY_SLACK);
	ck_assert_int_eq(c.targets[0].threshold, NOTIFY_AT_WARNING);
	ck_assert_int_eq(c.targets[0].timeout_sec, NOTIFY_DEFAULT_TIMEOUT_SEC);
	ck_assert_int_eq(c.targets[1].type, NOTIFY_EXEC);
	ck_assert_str_eq(c.targets[1].command, "/usr/local/bin/page --team ml");
	ck_assert_int_eq(c.targets[1].threshold, NOTIFY_AT_ACTION);
	ck_assert_int_eq(c.targets[1].timeout_sec, 5);
	ck_assert_int_eq(c.targets[2].threshold, NOTIFY_AT_FAILURE);
	ck_assert_int_eq(c.targets[3].type, NOTIFY_SNS);
	ck_assert_str_eq(c.targets[3].region, "eu-west-3");
	ck_assert_int_eq(c.targets[3].threshold, NOTIFY_AT_INFO);
	ck_assert_int_eq(c.targets[4].type, NOTIFY_EVENTBRIDGE);
	ck_assert_str_eq(c.targets[4].event_bus, "default");
	ck_assert_ptr_null(c.targets[4].region);
	notify_config_free(&c);
	notify_config_free(&c);		/* zeroed: safe twice */
}
END_TEST

/* A refused file: the one warning, and never the secret value. */
static const struct {
	const char	*text;
	const char	*want;		/* the whole warning */
} bad_rows[] = {
	{ "[target a]\ntype = fax\n",
	    "n.ini:2: [target a] type: not exec, slack, teams, sns or "
	    "eventbridge" },
	{ "[target a]\nthreshold = action\n",
	    "n.ini:1: [target a]: no type (exec, slack, teams, sns or "
	    "eventbridge)" },
	{ "[target a]\ntype = slack\n",
	    "n.ini:1: [target a]: type slack needs a url" },
	{ "[target a]\ntype = teams\nurl = http://hooks.example.com/SECRET\n",
	    "n.ini:3: [target a] url: not an https URL (plain http only to a "
	    "loopback host)" },
	{ "[target a]\ntype = slack\nurl = ftp://127.0.0.1/SECRET\n",
	    "n.ini:3: [target a] url: not an https URL (plain http only to a "
	    "loopback host)" },
	{ "[target a]\ntype = exec\n",
	    "n.ini:1: [target a]: type exec needs a command" },
	{ "[target a]\ntype = exec\ncommand = x\nurl = https://h/SECRET\n",
	    "n.ini:4: [target a]: url is not a key of type exec" },
	{ "[target a]\ntype = exec\ncommand = x\ncolour = red\n",
	    "n.ini:4: [target a]: unknown key \"colour\"" },
	{ "[target a]\ntype = exec\ncommand = x\nthreshold = high\n",
	    "n.ini:4: [target a] threshold: not action, warning, info or "
	    "failure" },
	{ "[target a]\ntype = exec\ncommand = x\ntimeout = 0\n",
	    "n.ini:4: [target a] timeout: not a number of seconds from 1 to "
	    "600" },
	{ "[target a]\ntype = exec\ncommand = x\ntimeout = 601\n",
	    "n.ini:4: [target a] timeout: not a number of seconds from 1 to "
	    "600" },
	{ "[target a]\ntype = exec\ncommand = x\ntimeout = 5s\n",
	    "n.ini:4: [target a] timeout: not a number of seconds from 1 to "
	    "600" },
	{ "[target a]\ntype = exec\ncommand =\n",
	    "n.ini:3: [target a] command: empty value" },
	{ "[profile x]\nregion = us-east-1\n",
	    "n.ini:1: [profile x]: not [target NAME] or [notify]" },
	{ "[target a/b]\ntype = exec\ncommand = x\n",
	    "n.ini:1: [target a/b]: a target name is 1 to 64 of A-Z a-z 0-9 "
	    ". _ -" },
	{ "[target s]\ntype = sns\ntopic_arn = arn:aws:sqs:us-east-1:"
	    "123456789012:q\n",
	    "n.ini:3: [target s] topic_arn: not an SNS topic ARN "
	    "(arn:aws:sns:REGION:ACCOUNT:NAME)" },
	{ "[target s]\ntype = sns\ntopic_arn = arn:aws:sns:us-east-1:"
	    "1234:q\n",
	    "n.ini:3: [target s] topic_arn: not an SNS topic ARN "
	    "(arn:aws:sns:REGION:ACCOUNT:NAME)" },
	{ "[target s]\ntype = sns\ntopic_arn = arn:aws:sns:US_EAST:"
	    "123456789012:q\n",
	    "n.ini:3: [target s] topic_arn: the ARN's region is not valid" },
	{ "[target s]\ntype = sns\n",
	    "n.ini:1: [target s]: type sns needs topic_arn" },
	{ "[target e]\ntype = eventbridge\nregion = Mars_1\n",
	    "n.ini:3: [target e] region: not a region name" },
	{ "[target e]\ntype = eventbridge\nevent_bus = a bus\n",
	    "n.ini:3: [target e] event_bus: not an event bus name or ARN" },
	{ "[notify]\narchive_url = http://example.com/a\n"
	    "[target a]\ntype = exec\ncommand = x\n",
	    "n.ini:2: [notify] archive_url: not an https URL (plain http "
	    "only to a loopback host)" },
	{ "[notify]\nlang = fr\n[target a]\ntype = exec\ncommand = x\n",
	    "n.ini:2: [notify] lang: not en or ja" },
	{ "[notify]\nlang = en\n", "n.ini: no [target NAME] section" },
	{ "", "n.ini: no [target NAME] section" },
};

START_TEST(test_config_refused)
{
	struct notify_config	 c;
	char			*err;

	stderr_capture_start();
	ck_assert_int_eq(parse_text(bad_rows[_i].text, &c), -1);
	err = stderr_capture_end();
	ck_assert_uint_eq(stderr_lines(err), 1);
	ck_assert_ptr_nonnull(strstr(err, bad_rows[_i].want));
	ck_assert_ptr_null(strstr(err, "SECRET"));
	ck_assert_ptr_null(c.targets);
	ck_assert_uint_eq(c.len, 0);
	free(err);
}
END_TEST

START_TEST(test_config_too_many)
{
	struct notify_config	 c;
	struct buf		 b = BUF_INIT;
	int			 i;

	for (i = 0; i <= NOTIFY_MAX_TARGETS; i++)
		buf_printf(&b, "[target t%d]\ntype = exec\ncommand = x\n", i);
	stderr_capture_start();
	ck_assert_int_eq(parse_text(b.data, &c), -1);
	stderr_expect_one("n.ini:97: [target t32]: more than 32 targets");
	buf_free(&b);
}
END_TEST

/* Facts for the decision: a status and counts of each severity. */
static const struct {
	enum run_status		 status;
	long			 a, w, i;
	int			 want[4];	/* action, warning, info, failure */
} wants_rows[] = {
	{ RUN_STATUS_COMPLETE, 0, 0, 0, { 0, 0, 0, 0 } },
	{ RUN_STATUS_COMPLETE, 0, 0, 3, { 0, 0, 1, 0 } },
	{ RUN_STATUS_COMPLETE, 0, 2, 0, { 0, 1, 1, 0 } },
	{ RUN_STATUS_COMPLETE, 1, 0, 0, { 1, 1, 1, 0 } },
	{ RUN_STATUS_PARTIAL, 0, 0, 0, { 1, 1, 1, 1 } },
	{ RUN_STATUS_FAILED, 0, 0, 0, { 1, 1, 1, 1 } },
	{ RUN_STATUS_PARTIAL, 1, 1, 1, { 1, 1, 1, 1 } },
};

START_TEST(test_wants)
{
	struct notify_facts	f;
	int			t;

	memset(&f, 0, sizeof(f));
	f.status = wants_rows[_i].status;
	f.actions = wants_rows[_i].a;
	f.warnings = wants_rows[_i].w;
	f.infos = wants_rows[_i].i;
	f.open = 7;		/* open problems alone never send */
	for (t = NOTIFY_AT_ACTION; t <= NOTIFY_AT_FAILURE; t++)
		ck_assert_msg(notify_wants((enum notify_threshold)t, &f) ==
		    wants_rows[_i].want[t], "row %d threshold %s", _i,
		    notify_threshold_name((enum notify_threshold)t));
}
END_TEST

/* A run with "n" entries, the first with hostile strings. */
static struct notify_item	 items[40];

static void
facts(struct notify_facts *f, size_t n)
{
	size_t	i;

	ck_assert_uint_le(n, sizeof(items) / sizeof(items[0]));
	memset(f, 0, sizeof(*f));
	f->run = 42;
	f->from_run = 41;
	f->status = RUN_STATUS_PARTIAL;
	f->started_at = "2026-12-04T03:00:00Z";
	f->account_id = "123456789012";
	f->actions = 1;
	f->warnings = n > 0 ? (long)n - 1 : 0;
	f->open = 5;
	for (i = 0; i < n; i++) {
		items[i].severity = i == 0 ? "action" : "warning";
		items[i].path = i == 0 ? "P1" : "-";
		items[i].region = "us-east-1";
		items[i].subject = i == 0 ? HOSTILE : "anthropic.claude-v2";
		items[i].subject_name = i == 0 ? HOSTILE : "";
		items[i].kind = i == 0 ? "access_lost" : "model_removed";
		items[i].what = "access no longer authorized";
	}
	f->items = items;
	f->itemsz = n;
}

static cJSON *
parse_json(const struct buf *b)
{
	cJSON	*j = cJSON_ParseWithLength(b->data, b->len);

	ck_assert_msg(j != NULL, "not JSON: %s", b->data);
	return j;
}

static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	ck_assert_msg(cJSON_IsString(v), "%s is not a string", key);
	return v->valuestring;
}

/* A Block Kit text object of "type" at most "max" characters. */
static const char *
slack_text(const cJSON *block, const char *type, size_t max)
{
	const cJSON	*t = cJSON_GetObjectItemCaseSensitive(block, "text");

	ck_assert(cJSON_IsObject(t));
	ck_assert_str_eq(jstr(t, "type"), type);
	ck_assert_uint_le(strlen(jstr(t, "text")), max * 4);
	ck_assert_uint_gt(strlen(jstr(t, "text")), 0);
	return jstr(t, "text");
}

START_TEST(test_slack_shape)
{
	struct notify_facts	 f;
	struct buf		 b = BUF_INIT;
	cJSON			*j, *blocks, *bl;
	const char		*t;
	int			 n = 0, links = 0;

	facts(&f, 25);
	notify_msg_slack(&b, &f, "https://a.example/d", I18N_LANG_EN);
	j = parse_json(&b);
	t = jstr(j, "text");
	ck_assert_ptr_nonnull(strstr(t, "run #42"));
	ck_assert_ptr_nonnull(strstr(t, "https://a.example/d/2026-12-04.html"));
	blocks = cJSON_GetObjectItemCaseSensitive(j, "blocks");
	ck_assert(cJSON_IsArray(blocks));
	ck_assert_int_le(cJSON_GetArraySize(blocks), 50);
	cJSON_ArrayForEach(bl, blocks) {
		if (n++ == 0) {
			ck_assert_str_eq(jstr(bl, "type"), "header");
			(void)slack_text(bl, "plain_text", 150);
			continue;
		}
		ck_assert_str_eq(jstr(bl, "type"), "section");
		t = slack_text(bl, "mrkdwn", 3000);
		/* Only our own link may open a mrkdwn control sequence. */
		if (strncmp(t, "<https://a.example/d/2026-12-04.html|", 37) ==
		    0) {
			links++;
			continue;
		}
		ck_assert_ptr_null(strchr(t, '<'));
		ck_assert_ptr_null(strchr(t, '>'));
		ck_assert_ptr_null(strchr(t, '\x1b'));
		ck_assert_ptr_null(strstr(t, "\xe2\x80\xae"));
	}
	ck_assert_int_eq(links, 1);
	/* header, counts, 20 entries, "5 more", the link */
	ck_assert_int_eq(n, 1 + 1 + NOTIFY_MAX_LISTED + 1 + 1);
	ck_assert_ptr_nonnull(strstr(b.data, "&lt;script&gt;&amp;amp;"
	    "&lt;!channel&gt;"));
	ck_assert_ptr_nonnull(strstr(b.data, "5 more entries"));
	cJSON_Delete(j);
	buf_free(&b);
}
END_TEST

START_TEST(test_teams_shape)
{
	struct notify_facts	 f;
	struct buf		 b = BUF_INIT;
	cJSON			*j, *att, *a, *c, *body, *x, *acts;
	int			 n;

	facts(&f, 3);
	notify_msg_teams(&b, &f, "https://a.example", I18N_LANG_JA);
	j = parse_json(&b);
	ck_assert_str_eq(jstr(j, "type"), "message");
	att = cJSON_GetObjectItemCaseSensitive(j, "attachments");
	ck_assert(cJSON_IsArray(att));
	ck_assert_int_eq(cJSON_GetArraySize(att), 1);
	a = cJSON_GetArrayItem(att, 0);
	ck_assert_str_eq(jstr(a, "contentType"),
	    "application/vnd.microsoft.card.adaptive");
	c = cJSON_GetObjectItemCaseSensitive(a, "content");
	ck_assert_str_eq(jstr(c, "$schema"),
	    "http://adaptivecards.io/schemas/adaptive-card.json");
	ck_assert_str_eq(jstr(c, "type"), "AdaptiveCard");
	ck_assert_str_eq(jstr(c, "version"), "1.4");
	body = cJSON_GetObjectItemCaseSensitive(c, "body");
	ck_assert(cJSON_IsArray(body));
	ck_assert_int_eq(cJSON_GetArraySize(body), 2 + 3);
	n = 0;
	cJSON_ArrayForEach(x, body) {
		const cJSON	*in, *run;

		/* Our sentences: TextBlock; lines with AWS's names: TextRun. */
		if (n++ < 2) {
			ck_assert_str_eq(jstr(x, "type"), "TextBlock");
			ck_assert_ptr_null(strchr(jstr(x, "text"), '\x1b'));
			continue;
		}
		ck_assert_str_eq(jstr(x, "type"), "RichTextBlock");
		in = cJSON_GetObjectItemCaseSensitive(x, "inlines");
		ck_assert_int_eq(cJSON_GetArraySize(in), 1);
		run = cJSON_GetArrayItem(in, 0);
		ck_assert_str_eq(jstr(run, "type"), "TextRun");
		ck_assert_ptr_null(strchr(jstr(run, "text"), '\x1b'));
		ck_assert_ptr_null(strstr(jstr(run, "text"), "\xe2\x80\xae"));
	}
	ck_assert_ptr_nonnull(strstr(jstr(cJSON_GetArrayItem(body, 0),
	    "text"), "実行 #42"));
	acts = cJSON_GetObjectItemCaseSensitive(c, "actions");
	ck_assert_int_eq(cJSON_GetArraySize(acts), 1);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(acts, 0), "type"),
	    "Action.OpenUrl");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(acts, 0), "url"),
	    "https://a.example/2026-12-04.html");
	cJSON_Delete(j);
	buf_free(&b);
}
END_TEST

/* Characters (code points) of UTF-8 "s". */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

START_TEST(test_sns_subject_and_message)
{
	struct notify_facts	 f;
	char			*subj, *msg;
	const char		*p;
	int			 l;

	for (l = 0; l < I18N_LANG__COUNT; l++) {
		facts(&f, 3);
		f.run = 999999999999LL;
		f.actions = f.warnings = f.open = 2147483647L;
		notify_msg_sns(&f, NULL, (enum i18n_lang)l, &subj, &msg);
		ck_assert_uint_le(chars(subj), NOTIFY_SNS_SUBJECT_MAX_CHARS);
		ck_assert_uint_gt(chars(subj), 10);
		for (p = subj; *p != '\0'; p++)
			ck_assert_int_ge((unsigned char)*p, 0x20);
		ck_assert_ptr_null(strchr(msg, '\x1b'));
		ck_assert_ptr_nonnull(strstr(msg,
		    "bedrock-audit report --to 999999999999"));
		free(subj);
		free(msg);
	}
}
END_TEST

/*
 * A run that collected nothing says why, made safe, and claims no count
 * of open problems (they are unknown), in the Slack text and in SNS,
 * in both languages.
 */
START_TEST(test_failed_run_says_why)
{
	struct notify_facts	 f;
	struct buf		 b = BUF_INIT;
	char			*subj, *msg;
	cJSON			*j;
	int			 l;

	for (l = 0; l < I18N_LANG__COUNT; l++) {
		facts(&f, 0);
		f.status = RUN_STATUS_FAILED;
		f.actions = f.open = 0;
		f.open_unknown = 1;
		f.why = "GetCallerIdentity: HTTP 403 ExpiredToken: the token "
		    "\x1b[31m<!channel> expired";
		notify_msg_slack(&b, &f, NULL, (enum i18n_lang)l);
		j = parse_json(&b);
		ck_assert_ptr_nonnull(strstr(jstr(j, "text"), "ExpiredToken"));
		ck_assert_ptr_null(strstr(b.data, "<!channel>"));
		ck_assert_ptr_null(strchr(b.data, '\x1b'));
		ck_assert_ptr_nonnull(strstr(b.data, l == I18N_LANG_EN ?
		    "its problems are unknown" : "問題の有無も不明です"));
		ck_assert_ptr_null(strstr(b.data, l == I18N_LANG_EN ?
		    "Open problems: 0" : "未解決の問題: 0"));
		cJSON_Delete(j);
		buf_free(&b);
		notify_msg_sns(&f, NULL, (enum i18n_lang)l, &subj, &msg);
		ck_assert_ptr_nonnull(strstr(msg, "ExpiredToken"));
		ck_assert_ptr_null(strchr(msg, '\x1b'));
		free(subj);
		free(msg);
	}
}
END_TEST

START_TEST(test_sns_cut)
{
	struct notify_facts	 f;
	char			*subj, *msg, *whole;

	facts(&f, 40);
	notify_msg_sns(&f, "https://a.example", I18N_LANG_EN, &subj, &whole);
	ck_assert_ptr_null(strstr(whole, "shortened"));
	free(subj);
	notify_msg_sns_limited(&f, "https://a.example", I18N_LANG_EN, 2048,
	    &subj, &msg);
	ck_assert_uint_le(strlen(msg), 2048);
	ck_assert_uint_lt(strlen(msg), strlen(whole));
	ck_assert_ptr_nonnull(strstr(msg, "more entries are in the full "
	    "report"));
	ck_assert_ptr_nonnull(strstr(msg, "This message was shortened to "
	    "fit; the full report: https://a.example/2026-12-04.html"));
	free(subj);
	free(msg);
	free(whole);
}
END_TEST

/* Check every batch: shape, Source, DetailType, Detail, sizes. */
static size_t
check_batches(const struct notify_batches *bs, size_t max_bytes)
{
	cJSON		*j, *e, *d;
	size_t		 i, total = 0;

	for (i = 0; i < bs->len; i++) {
		ck_assert_uint_lt(bs->v[i].bodysz, max_bytes);
		ck_assert_uint_eq(strlen(bs->v[i].body), bs->v[i].bodysz);
		j = cJSON_Parse(bs->v[i].body);
		ck_assert_ptr_nonnull(j);
		e = cJSON_GetObjectItemCaseSensitive(j, "Entries");
		ck_assert_int_ge(cJSON_GetArraySize(e), 1);
		ck_assert_int_le(cJSON_GetArraySize(e),
		    NOTIFY_EVENTS_MAX_ENTRIES);
		ck_assert_uint_eq((size_t)cJSON_GetArraySize(e),
		    bs->v[i].entries);
		cJSON_ArrayForEach(d, e) {
			cJSON	*det;

			ck_assert_str_eq(jstr(d, "Source"), "bedrock-audit");
			ck_assert_uint_le(strlen(jstr(d, "DetailType")), 128);
			ck_assert_str_eq(jstr(d, "EventBusName"), "audit-bus");
			det = cJSON_Parse(jstr(d, "Detail"));
			ck_assert(cJSON_IsObject(det));
			ck_assert_int_eq(cJSON_GetObjectItem(det,
			    "run")->valueint, 42);
			cJSON_Delete(det);
			total++;
		}
		cJSON_Delete(j);
	}
	return total;
}

START_TEST(test_events_batches)
{
	struct notify_facts	 f;
	struct notify_batches	 bs;

	facts(&f, 25);
	notify_msg_events(&f, "audit-bus", 0, &bs);
	ck_assert_uint_eq(bs.len, 3);
	ck_assert_uint_eq(bs.v[0].entries, 10);
	ck_assert_uint_eq(bs.v[2].entries, 5);
	ck_assert_uint_eq(check_batches(&bs, NOTIFY_EVENTS_MAX_BYTES), 25);
	ck_assert_ptr_nonnull(strstr(bs.v[0].body,
	    "\"DetailType\":\"Bedrock audit access_lost\""));
	notify_batches_free(&bs);
	/* A size limit cuts sooner, and never a batch over it. */
	notify_msg_events(&f, "audit-bus", 2000, &bs);
	ck_assert_uint_gt(bs.len, 3);
	ck_assert_uint_eq(check_batches(&bs, 2000), 25);
	notify_batches_free(&bs);
	/* No entry: one event about the run. */
	facts(&f, 0);
	notify_msg_events(&f, "audit-bus", 0, &bs);
	ck_assert_uint_eq(bs.len, 1);
	ck_assert_uint_eq(check_batches(&bs, NOTIFY_EVENTS_MAX_BYTES), 1);
	ck_assert_ptr_nonnull(strstr(bs.v[0].body, "Bedrock audit run"));
	notify_batches_free(&bs);
	notify_batches_free(&bs);
}
END_TEST

START_TEST(test_detail_type_cut)
{
	struct buf	 b = BUF_INIT;
	char		 kind[300];

	memset(kind, 'k', sizeof(kind) - 1);
	kind[sizeof(kind) - 1] = '\0';
	notify_detail_type(&b, kind);
	ck_assert_uint_eq(b.len, NOTIFY_EVENTS_DETAIL_TYPE_MAX);
	ck_assert_uint_eq(strlen(b.data), NOTIFY_EVENTS_DETAIL_TYPE_MAX);
	buf_free(&b);
}
END_TEST

static Suite *
notify_suite(void)
{
	Suite	*s = suite_create("notify");
	TCase	*tc;

	tc = tcase_create("config");
	tcase_add_test(tc, test_config_ok);
	tcase_add_loop_test(tc, test_config_refused, 0,
	    sizeof(bad_rows) / sizeof(bad_rows[0]));
	tcase_add_test(tc, test_config_too_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("decision");
	tcase_add_loop_test(tc, test_wants, 0,
	    sizeof(wants_rows) / sizeof(wants_rows[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("payloads");
	tcase_add_test(tc, test_slack_shape);
	tcase_add_test(tc, test_teams_shape);
	tcase_add_test(tc, test_sns_subject_and_message);
	tcase_add_test(tc, test_failed_run_says_why);
	tcase_add_test(tc, test_sns_cut);
	tcase_add_test(tc, test_events_batches);
	tcase_add_test(tc, test_detail_type_cut);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(notify_suite());
}
