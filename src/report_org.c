/*
 * report_org.c: the organization-wide report of a database of several
 * accounts (report_org_write()): coverage, the changes seen in several
 * accounts once each, each account's own changes, the open problems
 * counted per account and path.  It renders the view (view_org()) and
 * decides nothing: the fold is org.c's, every path, severity and fix the
 * playbook's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "report_int.h"

/* The commands that show one account, named in the introduction. */
#define ORG_REPORT_CMD	"bedrock-audit report --account ID"
#define ORG_STATUS_CMD	"bedrock-audit status --account ID"

static const char *
num(char *b, size_t len, long long v)
{
	(void)snprintf(b, len, "%lld", v);
	return b;
}

static void
header(struct report_rw *w, const struct report_org *o)
{
	char	from[32], to[32];

	if (o->status) {
		REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_ORG_STATUS);
		REPORT_LINE(w, REPORT_B_PARA, I18N_STATUS_RUN,
		    RA(num(to, sizeof(to), o->to_run)),
		    report_rw_known(w, o->to_time));
		report_rw_gap(w);
		REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_INTRO_STATUS,
		    RA(ORG_STATUS_CMD));
		return;
	}
	REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_ORG);
	REPORT_LINE(w, REPORT_B_PARA, I18N_RUNS,
	    RA(num(from, sizeof(from), o->from_run)),
	    report_rw_known(w, o->from_time),
	    RA(num(to, sizeof(to), o->to_run)),
	    report_rw_known(w, o->to_time));
	report_rw_gap(w);
	REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_INTRO, RA(ORG_REPORT_CMD));
}

/* The command a fix names to show whose credentials the caller has. */
#define ASSUME_FIX_WHOAMI	"bedrock-audit whoami"

/* The catalogue message of a member role's fix (playbook_assume_fix()). */
static enum i18n_msg
assume_fix_msg(enum playbook_assume_fix f)
{
	switch (f) {
	case PLAYBOOK_ASSUME_TRUST:
		return I18N_ORG_FIX_TRUST;
	case PLAYBOOK_ASSUME_EXTERNAL_ID:
		return I18N_ORG_FIX_EXTERNAL_ID;
	case PLAYBOOK_ASSUME_TRUST_ANY:
		return I18N_ORG_FIX_TRUST_ANY;
	case PLAYBOOK_ASSUME_CALLER:
		return I18N_ORG_FIX_CALLER;
	case PLAYBOOK_ASSUME_REGION:
		return I18N_ORG_FIX_REGION;
	case PLAYBOOK_ASSUME_LATER:
		return I18N_ORG_FIX_LATER;
	default:
		return I18N_ORG_FIX_OTHER;
	}
}

char *
report_assume_fix_text(enum playbook_assume_fix f, enum report_lang lang)
{
	struct report_rw	 w;
	struct buf		 t = BUF_INIT;

	report_rw_init(&w, REPORT_MODE_PLAIN, lang == REPORT_LANG_JA ?
	    I18N_LANG_JA : I18N_LANG_EN, &t);
	report_rw_fmt(&w, &t, assume_fix_msg(f),
	    REPORT_ARGS(RA(ASSUME_FIX_WHOAMI)));
	report_rw_free(&w);
	return t.data != NULL ? t.data : xstrdup("");
}

void
report_account_failed(struct report_rw *w, const struct report_org_account *a)
{
	REPORT_LINE(w, REPORT_B_BULLET, I18N_ORG_FAILED, RA(a->account_id),
	    report_rw_known(w, a->operation), report_rw_known(w, a->error_code),
	    report_rw_known(w, a->error_message));
	w->depth++;
	/* {1}: the command that shows whose credentials the caller has */
	REPORT_LINE(w, REPORT_B_PARA, assume_fix_msg(a->fix),
	    RA(ASSUME_FIX_WHOAMI));
	w->depth--;
}

/* Whether some run recorded data of account "id" (o->open says). */
static int
account_known(const struct report_org *o, const char *id)
{
	size_t	i;

	for (i = 0; i < o->opensz; i++)
		if (strcmp(o->open[i].account_id, id) == 0)
			return o->open[i].known;
	return 1;
}

/* The accounts: counted, then each one not collected by the newest run. */
static void
coverage_accounts(struct report_rw *w, const struct report_org *o)
{
	const struct report_org_account	*a;
	size_t				 cnt[ACCOUNT_STATUS__COUNT] = { 0 };
	size_t				 i;
	char				 s[4][32];

	for (i = 0; i < o->accountsz; i++)
		if (o->accounts[i].named &&
		    (unsigned)o->accounts[i].status < ACCOUNT_STATUS__COUNT)
			cnt[o->accounts[i].status]++;
	REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_ACCOUNTS,
	    RA(num(s[0], sizeof(s[0]), (long long)o->accountsz)),
	    RA(num(s[1], sizeof(s[1]),
	    (long long)cnt[ACCOUNT_STATUS_COLLECTED])),
	    RA(num(s[2], sizeof(s[2]),
	    (long long)cnt[ACCOUNT_STATUS_SKIPPED])),
	    RA(num(s[3], sizeof(s[3]), (long long)cnt[ACCOUNT_STATUS_FAILED])));
	for (i = 0; i < o->accountsz; i++) {
		a = &o->accounts[i];
		w->depth = 1;
		if (!a->named)
			REPORT_LINE(w, REPORT_B_BULLET,
			    account_known(o, a->account_id) ?
			    I18N_ORG_NOT_NAMED : I18N_ORG_NOT_NAMED_UNKNOWN,
			    RA(a->account_id));
		else if (a->status == ACCOUNT_STATUS_SKIPPED)
			REPORT_LINE(w, REPORT_B_BULLET, I18N_ORG_SKIPPED,
			    RA(a->account_id),
			    report_rw_known(w, a->org_status));
		else if (a->status == ACCOUNT_STATUS_FAILED)
			report_account_failed(w, a);
		w->depth = 0;
	}
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A gap cell being written: the buffer and the template's arguments. */
struct gap_cell {
	struct buf	*b;
	const char	*arg[2];
};

static void
gap_lit(void *ctx, const char *s, size_t len)
{
	buf_add(((struct gap_cell *)ctx)->b, s, len);
}

static void
gap_arg(void *ctx, size_t i)
{
	struct gap_cell	*g = ctx;

	buf_addstr(g->b, g->arg[i]);
}

/*
 * A gap's cell, unescaped (the table escapes it): its status, with its
 * error code as the language writes "name (ID)".
 */
static void
gap_text(struct report_rw *w, struct buf *b, const struct report_org_gap *g)
{
	struct gap_cell	 c;

	c.b = b;
	c.arg[0] = g->missing ? i18n_get(I18N_ORG_MISSING, w->lang) :
	    report_region_status_text(w, g->status);
	c.arg[1] = g->error_code != NULL ? g->error_code : "";
	if (*c.arg[1] == '\0')
		buf_addstr(b, c.arg[0]);
	else
		i18n_expand(i18n_get(I18N_NAME_ID, w->lang), 2, gap_lit,
		    gap_arg, &c);
}

/* Index of "s" in v[0..n), or n. */
static size_t
str_at(const char *const *v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			break;
	return i;
}

/*
 * The gaps of the accounts x regions grid: one row per account with a
 * gap, one column per region with one, each gap's cell its status (and
 * error code), the other cells "ok".
 */
static void
coverage_gaps(struct report_rw *w, const struct report_org *o)
{
	const struct report_org_gap	*g;
	const char			**acct, **reg, **cells;
	enum i18n_msg			*head;
	struct buf			*text;
	char				 n[32];
	size_t				 i, r, c, na = 0, nr = 0, ncol;

	if (o->gapsz == 0) {
		/* Not said of a run that collected no account at all. */
		for (i = 0; i < o->accountsz; i++)
			if (o->accounts[i].named &&
			    o->accounts[i].status == ACCOUNT_STATUS_COLLECTED) {
				REPORT_LINE0(w, REPORT_B_PARA,
				    I18N_ORG_GAPS_NONE);
				break;
			}
		return;
	}
	REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_GAPS_INTRO,
	    RA(num(n, sizeof(n), (long long)o->regionsz)));
	acct = xcalloc(o->gapsz, sizeof(*acct));
	reg = xcalloc(o->gapsz + 1, sizeof(*reg));
	for (i = 0; i < o->gapsz; i++) {
		if (str_at(acct, na, o->gaps[i].account_id) == na)
			acct[na++] = o->gaps[i].account_id;
		if (str_at(reg + 1, nr, o->gaps[i].region) == nr)
			reg[1 + nr++] = o->gaps[i].region;
	}
	qsort(reg + 1, nr, sizeof(*reg), str_cmp);
	ncol = nr + 1;
	head = xcalloc(ncol, sizeof(*head));
	head[0] = I18N_COL_ACCOUNT;
	cells = xcalloc(na * ncol, sizeof(*cells));
	text = xcalloc(na * ncol, sizeof(*text));
	for (r = 0; r < na; r++) {
		cells[r * ncol] = acct[r];
		for (c = 1; c < ncol; c++)
			cells[r * ncol + c] = report_region_status_text(w,
			    REGION_STATUS_OK);
	}
	for (i = 0; i < o->gapsz; i++) {
		g = &o->gaps[i];
		r = str_at(acct, na, g->account_id);
		c = 1 + str_at(reg + 1, nr, g->region);
		gap_text(w, &text[r * ncol + c], g);
		cells[r * ncol + c] = text[r * ncol + c].data;
	}
	report_rw_grid(w, ncol, head, reg, cells, na);
	for (i = 0; i < na * ncol; i++)
		buf_free(&text[i]);
	free(text);
	free(cells);
	free(head);
	free(reg);
	free(acct);
}

/* Group "g" in one line: number, severity, path, region, what, subject. */
static void
group_line(struct report_rw *w, const struct org_group *g)
{
	struct buf	title = BUF_INIT, text = BUF_INIT;
	char		n[32];

	report_rw_esc(w, &title, g->subject);
	report_entry_what(w, &text, g->lead);
	/* The lead's own: the line says what the lead's accounts saw. */
	REPORT_LINE(w, REPORT_B_BULLET, I18N_DIGEST_LINE,
	    RA(num(n, sizeof(n), (long long)g->number)),
	    RA(report_severity_text(w, g->lead->severity)),
	    RA(g->lead->path == PATH_INFO ? "-" :
	    change_path_name(g->lead->path)),
	    RA(g->region), RR(text.data), RR(title.data));
	buf_free(&title);
	buf_free(&text);
}

/* Append account IDs v[0..n) to "dst", comma-separated, escaped. */
static void
id_list(struct report_rw *w, struct buf *dst, const char *const *v,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addstr(dst, ", ");
		report_rw_esc(w, dst, v[i]);
	}
}

/* A group seen in several accounts: where, and where it differed. */
static void
shared_group(struct report_rw *w, const struct report_org *o,
    const struct org_group *g)
{
	const struct entry *e;
	const char	**ids;
	struct buf	 b = BUF_INIT;
	char		 n[32], m[32];
	size_t		 i;

	group_line(w, g);
	w->depth = 1;
	ids = xcalloc(g->partsz, sizeof(*ids));
	for (i = 0; i < g->partsz; i++)
		ids[i] = g->parts[i].account_id;
	id_list(w, &b, ids, g->partsz);
	free(ids);
	REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_SEEN,
	    RA(num(n, sizeof(n), (long long)g->partsz)),
	    RA(num(m, sizeof(m), (long long)o->collected)), RR(b.data));
	for (i = 0; i < g->partsz; i++) {
		if (g->parts[i].alike)
			continue;
		buf_reset(&b);
		report_entry_what(w, &b, g->parts[i].entry);
		e = g->parts[i].entry;
		REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_DIFFERED,
		    RA(g->parts[i].account_id),
		    RA(report_severity_text(w, e->severity)),
		    RA(e->path == PATH_INFO ? "-" : change_path_name(e->path)),
		    RR(b.data));
	}
	if (g->absentsz > 0) {
		buf_reset(&b);
		id_list(w, &b, g->absent, g->absentsz);
		REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_ABSENT, RR(b.data));
	}
	buf_free(&b);
	w->depth = 0;
}

static void
changes(struct report_rw *w, const struct report_org *o)
{
	const struct org_list	*l = o->groups;
	size_t			 i, k, shared = 0, own = 0, mine;

	for (i = 0; l != NULL && i < l->len; i++) {
		if (l->items[i].partsz > 1)
			shared++;
		else
			own++;
	}
	if (shared + own == 0) {
		REPORT_LINE0(w, REPORT_B_H2, I18N_H_ORG_SHARED);
		REPORT_LINE0(w, REPORT_B_PARA, I18N_ORG_NO_CHANGES);
		return;
	}
	if (shared > 0) {
		REPORT_LINE0(w, REPORT_B_H2, I18N_H_ORG_SHARED);
		for (i = 0; i < l->len; i++)
			if (l->items[i].partsz > 1)
				shared_group(w, o, &l->items[i]);
	}
	if (own == 0)
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_ORG_OWN);
	for (k = 0; k < o->accountsz; k++) {
		for (mine = 0, i = 0; i < l->len; i++)
			mine += l->items[i].partsz == 1 && strcmp(l->items[i].
			    parts[0].account_id, o->accounts[k].account_id) == 0;
		if (mine == 0)
			continue;
		REPORT_LINE(w, REPORT_B_H3, I18N_H_ORG_ACCOUNT,
		    RA(o->accounts[k].account_id));
		for (i = 0; i < l->len; i++)
			if (l->items[i].partsz == 1 && strcmp(l->items[i].
			    parts[0].account_id, o->accounts[k].account_id) ==
			    0)
				group_line(w, &l->items[i]);
	}
}

/*
 * The accounts no run has recorded data of, in one sentence: their
 * problems are unknown, which the table's absence must not turn into
 * "none".
 */
static void
open_unknown(struct report_rw *w, const struct report_org *o)
{
	struct buf	ids = BUF_INIT;
	size_t		i, n = 0;

	for (i = 0; i < o->opensz; i++) {
		if (o->open[i].known)
			continue;
		if (n++ > 0)
			buf_addstr(&ids, ", ");
		buf_addstr(&ids, o->open[i].account_id);
	}
	if (n > 0)
		REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_OPEN_UNKNOWN,
		    RA(ids.data));
	buf_free(&ids);
}

/*
 * Open problems: a table of account x path, the accounts with any, then
 * the accounts whose problems are not known.
 */
static void
open_table(struct report_rw *w, const struct report_org *o)
{
	static const enum i18n_msg head[] = { I18N_COL_ACCOUNT, I18N_COL_P1,
	    I18N_COL_P2, I18N_COL_P3, I18N_COL_P4, I18N_COL_P5, I18N_COL_P6,
	    I18N_COL_OTHER, I18N_COL_TOTAL };
	static const enum change_path path[] = { PATH_P1, PATH_P2, PATH_P3,
	    PATH_P4, PATH_P5, PATH_P6, PATH_INFO };
	enum { NCOL = sizeof(head) / sizeof(head[0]) };
	const char	**cells;
	char		(*nums)[NCOL][24];
	size_t		  i, k, c, rows = 0, unknown = 0;

	REPORT_LINE0(w, REPORT_B_H2, I18N_H_ORG_OPEN);
	for (i = 0; i < o->opensz; i++) {
		rows += o->open[i].total > 0;
		unknown += !o->open[i].known;
	}
	if (rows == 0) {
		REPORT_LINE0(w, REPORT_B_PARA, unknown > 0 ?
		    I18N_ORG_OPEN_NONE_KNOWN : I18N_ORG_OPEN_NONE);
		open_unknown(w, o);
		return;
	}
	cells = xcalloc(rows * NCOL, sizeof(*cells));
	nums = xcalloc(rows, sizeof(*nums));
	for (i = 0, k = 0; i < o->opensz; i++) {
		if (o->open[i].total == 0)
			continue;
		cells[k * NCOL] = o->open[i].account_id;
		for (c = 0; c < NCOL - 2; c++)
			(void)num(nums[k][c + 1], sizeof(nums[k][c + 1]),
			    (long long)o->open[i].count[path[c]]);
		(void)num(nums[k][NCOL - 1], sizeof(nums[k][NCOL - 1]),
		    (long long)o->open[i].total);
		for (c = 1; c < NCOL; c++)
			cells[k * NCOL + c] = nums[k][c];
		k++;
	}
	report_rw_table(w, NCOL, head, cells, rows);
	free(nums);
	free(cells);
	open_unknown(w, o);
}

/* The newest run in one paragraph, its outcome over every account. */
static void
org_run(struct report_rw *w, const struct report_collection *c)
{
	struct buf	started = BUF_INIT, finished = BUF_INIT;
	char		run[32];
	enum i18n_msg	m;

	m = c->status == RUN_STATUS_COMPLETE ? I18N_ORG_RUN_COMPLETE :
	    c->status == RUN_STATUS_PARTIAL ? I18N_ORG_RUN_PARTIAL :
	    c->status == RUN_STATUS_FAILED ? I18N_ORG_RUN_FAILED : I18N_UNKNOWN;
	report_rw_time(w, &started, c->started_at, c->started_local);
	report_rw_time(w, &finished, c->finished_at, c->finished_local);
	REPORT_LINE(w, REPORT_B_PARA, I18N_ORG_RUN,
	    RA(num(run, sizeof(run), c->run)), RR(started.data),
	    RR(finished.data), RA(i18n_get(m, w->lang)));
	buf_free(&started);
	buf_free(&finished);
}

void
report_org_body(struct report_rw *w, const struct report_org *o)
{
	header(w, o);
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_COVERAGE);
	org_run(w, &o->collection);
	report_run_failure(w, &o->collection);
	if (o->collection.first && !o->status)
		REPORT_LINE0(w, REPORT_B_PARA, I18N_HEALTH_FIRST);
	coverage_accounts(w, o);
	coverage_gaps(w, o);
	if (!o->status)
		changes(w, o);
	open_table(w, o);
}
