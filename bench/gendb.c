/*
 * gendb.c: grow a bedrock-audit database to a year of daily runs.
 *
 *	gendb -d DB [-n RUNS] [-s SEED] [-e END]
 *
 * DB must hold exactly one run, made by "bedrock-audit collect" (the
 * bench runs it against the simulator's large world).  gendb moves that
 * run to RUNS - 1 days before END (default: now, minus one hour), then
 * adds runs 2 .. RUNS, one a day, each with a few realistic changes: a
 * quota raised after a request, requests opened, moved, approved or
 * denied, an AWS default lowered or raised in a third of the regions, a
 * model launched in half of them or made LEGACY everywhere, access
 * revoked or granted, an agreement, an adjustable flag or a region's
 * availability changing, a model leaving a region, a profile added.
 *
 * A region something happened to is recorded exactly as collect records
 * it: its state is loaded, the changed copy is diffed against it, the
 * playbook classifies the changes and store_region_ok() writes both.  A
 * region nothing happened to gets what collect writes for it: its 'ok'
 * region_run row and nothing else (inserted directly, which is the same
 * row store_region_ok() would write after finding nothing to merge).
 * The same seed gives the same database.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "change.h"
#include "diff.h"
#include "playbook.h"
#include "snapshot.h"
#include "store.h"
#include "util.h"

#define GENDB_DAY_SEC		86400
#define GENDB_MAX_RUNS		3660	/* ten years */
#define GENDB_MAX_EVENTS	8	/* per day */
#define NELEM(a)		(sizeof(a) / sizeof((a)[0]))

enum ev_kind {
	EV_QUOTA_RAISED,	/* applied value doubled (one region) */
	EV_REQUEST_NEW,		/* a PENDING increase request */
	EV_REQUEST_MOVE,	/* PENDING -> CASE_OPENED -> APPROVED/DENIED */
	EV_DEFAULT,		/* AWS default halved or doubled (a third) */
	EV_LAUNCH,		/* a new model (half the regions) */
	EV_LEGACY,		/* a model becomes LEGACY (every region) */
	EV_MODEL_GONE,		/* a model leaves one region */
	EV_ACCESS,		/* authorization toggled */
	EV_AGREEMENT,		/* agreement AVAILABLE <-> PENDING */
	EV_ADJUSTABLE,		/* adjustable flag flipped */
	EV_AVAILABILITY,	/* regionAvailability toggled */
	EV_PROFILE,		/* an inference profile added */
	EV__COUNT
};

/* Relative frequency of each kind, in percent. */
static const int ev_weight[EV__COUNT] = {
	[EV_QUOTA_RAISED] = 18, [EV_REQUEST_NEW] = 16,
	[EV_REQUEST_MOVE] = 22, [EV_DEFAULT] = 8, [EV_LAUNCH] = 5,
	[EV_LEGACY] = 4, [EV_MODEL_GONE] = 4, [EV_ACCESS] = 8,
	[EV_AGREEMENT] = 5, [EV_ADJUSTABLE] = 2, [EV_AVAILABILITY] = 3,
	[EV_PROFILE] = 5,
};

/* One thing that happens on a day, to one or more regions. */
struct event {
	enum ev_kind	 kind;
	uint64_t	 pick;		/* which row: modulo the row count */
	int		 up;		/* EV_DEFAULT: raise, else lower */
	char		*subject;	/* multi-region: set by the first */
	unsigned char	*in;		/* in[r]: region r is affected */
};

struct gen {
	struct store	*st;
	sqlite3		*raw;		/* region_run rows, run 1's times */
	char		**regions;	/* of run 1, sorted */
	size_t		 regionsz;
	char		*account;	/* of run 1 */
	uint64_t	 rng;		/* splitmix64 state */
	long long	 changes;	/* recorded so far */
};

static uint64_t
rnd(struct gen *g)
{
	uint64_t	z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t
rnd_below(struct gen *g, size_t n)
{
	return n == 0 ? 0 : (size_t)(rnd(g) % n);
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

static void
model_clear(struct model *m)
{
	free(m->model_id);
	free(m->model_name);
	free(m->provider);
	free(m->lifecycle);
	free(m->inference_types);
	free(m->authorization);
	free(m->entitlement);
	free(m->agreement);
	free(m->region_availability);
}

/* Run one SQL statement on the raw connection; exits on failure. */
static void
raw_exec(struct gen *g, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(g->raw, sql, NULL, NULL, &msg) != SQLITE_OK)
		errx(1, "sqlite: %s: %s", sql, msg != NULL ? msg : "?");
}

/* The 'ok' row collect writes for a region that did not change. */
static void
raw_region_ok(struct gen *g, sqlite3_stmt *ins, long long run,
    const char *region)
{
	sqlite3_reset(ins);
	if (sqlite3_bind_int64(ins, 1, run) != SQLITE_OK ||
	    sqlite3_bind_text(ins, 2, g->account, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(ins, 3, region, -1, SQLITE_STATIC) !=
	    SQLITE_OK || sqlite3_step(ins) != SQLITE_DONE)
		errx(1, "sqlite: region_run: %s", sqlite3_errmsg(g->raw));
}

/* Pick one of the kinds by ev_weight. */
static enum ev_kind
pick_kind(struct gen *g)
{
	int	i, r = (int)rnd_below(g, 100);

	for (i = 0; i < EV__COUNT - 1; i++) {
		if (r < ev_weight[i])
			return (enum ev_kind)i;
		r -= ev_weight[i];
	}
	return (enum ev_kind)(EV__COUNT - 1);
}

/* Plan the events of one day into ev[]; returns how many. */
static size_t
plan_day(struct gen *g, struct event *ev)
{
	/* 0 to 4 events, about 1.9 a day; a busy day now and then. */
	static const size_t	 counts[20] = { 0, 0, 0, 1, 1, 1, 1, 1, 2,
	    2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 7 };
	size_t			 i, r, n = counts[rnd_below(g, 20)];
	unsigned		 share;

	for (i = 0; i < n; i++) {
		memset(&ev[i], 0, sizeof(ev[i]));
		ev[i].kind = pick_kind(g);
		ev[i].pick = rnd(g);
		ev[i].up = rnd_below(g, 3) == 0;
		ev[i].in = xcalloc(g->regionsz, 1);
		share = ev[i].kind == EV_DEFAULT ? 3 : ev[i].kind == EV_LAUNCH ?
		    2 : ev[i].kind == EV_LEGACY ? 1 : 0;
		for (r = 0; share != 0 && r < g->regionsz; r++)
			ev[i].in[r] = rnd_below(g, share) == 0;
		ev[i].in[rnd_below(g, g->regionsz)] = 1;
	}
	return n;
}

/* The quota with the code of ev->subject, or the picked one. */
static struct quota *
event_quota(struct event *ev, struct snapshot *s)
{
	struct quota	*q;

	if (s->quotasz == 0)
		return NULL;
	if (ev->subject == NULL) {
		q = &s->quotas[ev->pick % s->quotasz];
		ev->subject = xstrdup(q->quota_code);
		return q;
	}
	return (struct quota *)snapshot_find_quota(s, ev->subject);
}

/* The model with the ID of ev->subject, or the picked one. */
static struct model *
event_model(struct event *ev, struct snapshot *s)
{
	struct model	*m;

	if (s->modelsz == 0)
		return NULL;
	if (ev->subject == NULL) {
		m = &s->models[ev->pick % s->modelsz];
		ev->subject = xstrdup(m->model_id);
		return m;
	}
	return (struct model *)snapshot_find_model(s, ev->subject);
}

static void
quota_raised(struct event *ev, struct snapshot *s)
{
	struct quota	*q = event_quota(ev, s);

	if (q != NULL && q->adjustable) {
		q->applied_value = (q->has_applied ? q->applied_value :
		    q->default_value) * 2;
		q->has_applied = 1;
	}
}

static void
default_changed(struct event *ev, struct snapshot *s)
{
	struct quota	*q = event_quota(ev, s);
	double		 old;

	if (q == NULL || !q->has_default || q->default_value < 2)
		return;
	old = q->default_value;
	q->default_value = ev->up ? old * 2 : old / 2;
	/* An account that never raised it follows the default. */
	if (q->has_applied && q->applied_value == old)
		q->applied_value = q->default_value;
}

static void
request_new(struct gen *g, struct event *ev, struct snapshot *s,
    const char *when)
{
	struct quota	*q = event_quota(ev, s);
	struct qrequest	*r;

	if (q == NULL)
		return;
	r = snapshot_add_request(s);
	r->request_id = xasprintf("%08llx%08llx%016llx",
	    (unsigned long long)(rnd(g) >> 32),
	    (unsigned long long)(rnd(g) >> 32), (unsigned long long)rnd(g));
	r->quota_code = xstrdup(q->quota_code);
	r->quota_name = xstrdup(q->quota_name);
	r->desired_value = (q->has_applied ? q->applied_value :
	    q->default_value) * 2 + 1;
	r->status = xstrdup("PENDING");
	r->case_id = xstrdup("");
	r->created = xstrdup(when);
	r->last_updated = xstrdup(when);
}

/* Move the first open request on; approval raises its quota. */
static void
request_move(struct gen *g, struct event *ev, struct snapshot *s,
    const char *when)
{
	struct qrequest	*r;
	struct quota	*q;
	size_t		 i;

	for (i = 0; i < s->requestsz; i++) {
		r = &s->requests[i];
		if (strcmp(r->status, "PENDING") == 0) {
			set_str(&r->status, "CASE_OPENED");
			free(r->case_id);
			r->case_id = xasprintf("17%08llu",
			    (unsigned long long)(rnd(g) % 100000000));
		} else if (strcmp(r->status, "CASE_OPENED") == 0) {
			set_str(&r->status, rnd_below(g, 4) == 0 ? "DENIED" :
			    "APPROVED");
			q = (struct quota *)snapshot_find_quota(s,
			    r->quota_code);
			if (q != NULL && strcmp(r->status, "APPROVED") == 0) {
				q->applied_value = r->desired_value;
				q->has_applied = 1;
			}
		} else
			continue;
		set_str(&r->last_updated, when);
		return;
	}
	request_new(g, ev, s, when);
}

static void
model_launch(struct gen *g, struct event *ev, struct snapshot *s, int day)
{
	static const char *const vendors[] = { "amazon", "anthropic", "meta",
	    "mistral", "cohere", "qwen", "deepseek", "openai" };
	struct model	*m;
	const char	*v;

	if (ev->subject == NULL) {
		v = vendors[ev->pick % NELEM(vendors)];
		ev->subject = xasprintf("%s.model-d%03d-%04llx-v1:0", v, day,
		    (unsigned long long)(ev->pick >> 48));
	}
	if (snapshot_find_model(s, ev->subject) != NULL)
		return;
	m = snapshot_add_model(s);
	m->model_id = xstrdup(ev->subject);
	m->model_name = xasprintf("Model %d", day);
	m->provider = xstrdup("Vendor");
	m->lifecycle = xstrdup("ACTIVE");
	m->inference_types = xstrdup(rnd_below(g, 2) ? "ON_DEMAND" :
	    "INFERENCE_PROFILE");
	m->authorization = xstrdup(rnd_below(g, 3) ? "AUTHORIZED" :
	    "NOT_AUTHORIZED");
	m->entitlement = xstrdup("AVAILABLE");
	m->agreement = xstrdup("AVAILABLE");
	m->region_availability = xstrdup("AVAILABLE");
}

static void
model_gone(struct event *ev, struct snapshot *s)
{
	struct model	*m = event_model(ev, s);
	size_t		 i;

	if (m == NULL)
		return;
	i = (size_t)(m - s->models);
	model_clear(m);
	memmove(m, m + 1, (s->modelsz - i - 1) * sizeof(*m));
	s->modelsz--;
}

/* Flip "field" between "a" and "b". */
static void
toggle(char **field, const char *a, const char *b)
{
	set_str(field, strcmp(*field, a) == 0 ? b : a);
}

static void
profile_add(struct gen *g, struct snapshot *s, int day)
{
	struct profile	*p;
	struct model	*m;

	if (s->modelsz == 0)
		return;
	m = &s->models[rnd_below(g, s->modelsz)];
	p = snapshot_add_profile(s);
	p->profile_id = xasprintf("global.d%03d.%s", day, m->model_id);
	p->profile_name = xasprintf("Global %s", m->model_name);
	p->profile_type = xstrdup("SYSTEM_DEFINED");
	p->status = xstrdup("ACTIVE");
	p->model_ids = xstrdup(m->model_id);
	p->regions = xstrdup(s->region);
}

/* Apply event "ev" to the region snapshot "s" (sorted again after). */
static void
event_apply(struct gen *g, struct event *ev, struct snapshot *s, int day,
    const char *when)
{
	struct quota	*q;
	struct model	*m = NULL;

	switch (ev->kind) {
	case EV_QUOTA_RAISED: quota_raised(ev, s); break;
	case EV_REQUEST_NEW: request_new(g, ev, s, when); break;
	case EV_REQUEST_MOVE: request_move(g, ev, s, when); break;
	case EV_DEFAULT: default_changed(ev, s); break;
	case EV_LAUNCH: model_launch(g, ev, s, day); break;
	case EV_MODEL_GONE: model_gone(ev, s); break;
	case EV_PROFILE: profile_add(g, s, day); break;
	case EV_ADJUSTABLE:
		if ((q = event_quota(ev, s)) != NULL)
			q->adjustable = !q->adjustable;
		break;
	case EV_LEGACY:
	case EV_ACCESS:
	case EV_AGREEMENT:
	case EV_AVAILABILITY:
		m = event_model(ev, s);
		break;
	case EV__COUNT:
		abort();
	}
	if (m != NULL && ev->kind == EV_LEGACY)
		set_str(&m->lifecycle, "LEGACY");
	else if (m != NULL && ev->kind == EV_ACCESS)
		toggle(&m->authorization, "AUTHORIZED", "NOT_AUTHORIZED");
	else if (m != NULL && ev->kind == EV_AGREEMENT)
		toggle(&m->agreement, "AVAILABLE", "PENDING");
	else if (m != NULL && ev->kind == EV_AVAILABILITY)
		toggle(&m->region_availability, "AVAILABLE", "NOT_AVAILABLE");
	snapshot_sort(s);
}

/*
 * Record region "r" in "run" the way collect does: load what the store
 * knows, apply the day's events to a copy, diff, classify, write.
 */
static void
region_record(struct gen *g, long long run, size_t r, struct event *ev,
    size_t nev, int day, const char *when)
{
	struct snapshot		old, cur;
	struct change_list	changes = { NULL, 0, 0 };
	size_t			i;
	int			found;

	if (store_load_current(g->st, g->regions[r], &old, &found) == -1 ||
	    !found ||
	    store_load_current(g->st, g->regions[r], &cur, &found) == -1)
		errx(1, "%s: cannot load the region", g->regions[r]);
	/* Fresh from AWS: no row has been saved yet. */
	for (i = 0; i < cur.modelsz; i++)
		cur.models[i].first_run = 0;
	for (i = 0; i < cur.quotasz; i++)
		cur.quotas[i].first_run = 0;
	for (i = 0; i < cur.profilesz; i++)
		cur.profiles[i].first_run = 0;
	for (i = 0; i < cur.requestsz; i++)
		cur.requests[i].first_run = 0;
	for (i = 0; i < nev; i++)
		if (ev[i].in[r])
			event_apply(g, &ev[i], &cur, day, when);
	diff_region(&old, &cur, run, &changes);
	for (i = 0; i < changes.len; i++)
		playbook_classify(changes.items[i]);
	if (store_region_ok(g->st, run, &cur, &changes) == -1)
		errx(1, "%s: cannot record run %lld", g->regions[r], run);
	g->changes += (long long)changes.len;
	change_list_free(&changes);
	snapshot_free(&old);
	snapshot_free(&cur);
}

/* One daily run: plan, record every region, finish. */
static void
day_run(struct gen *g, sqlite3_stmt *ins, int day, time_t t)
{
	struct event	 ev[GENDB_MAX_EVENTS];
	char		 when[UTIL_ISO8601_LEN];
	long long	 run;
	size_t		 i, r, nev;
	int		 touched;

	nev = plan_day(g, ev);
	util_iso8601(t, when);
	if (store_run_begin(g->st, t, &run) == -1 ||
	    store_run_set_account(g->st, run, g->account) == -1)
		errx(1, "cannot start run %d", day);
	raw_exec(g, "BEGIN");
	for (r = 0; r < g->regionsz; r++) {
		for (i = 0, touched = 0; i < nev; i++)
			touched |= ev[i].in[r];
		if (!touched)
			raw_region_ok(g, ins, run, g->regions[r]);
	}
	raw_exec(g, "COMMIT");
	for (r = 0; r < g->regionsz; r++) {
		for (i = 0, touched = 0; i < nev; i++)
			touched |= ev[i].in[r];
		if (touched)
			region_record(g, run, r, ev, nev, day, when);
	}
	if (store_run_finish(g->st, run, t + 60, RUN_STATUS_COMPLETE) == -1)
		errx(1, "cannot finish run %d", day);
	for (i = 0; i < nev; i++) {
		free(ev[i].subject);
		free(ev[i].in);
	}
}

/* Open both connections and read the regions and account of run 1. */
static void
gen_open(struct gen *g, const char *db)
{
	struct store_region_run	*rr = NULL;
	struct store_run	 run1;
	size_t			 i, n = 0;
	long long		 latest;
	int			 found;

	if ((g->st = store_open(db, 0)) == NULL)
		exit(1);
	if (store_run_latest(g->st, &latest, &found) == -1 || !found ||
	    latest != 1)
		errx(1, "%s: want a database with exactly one run", db);
	if (store_run_get(g->st, 1, &run1, &found) == -1 || !found ||
	    store_set_account(g->st, run1.account_id) == -1 ||
	    store_region_runs(g->st, 1, &rr, &n) == -1 || n == 0)
		errx(1, "%s: cannot read run 1", db);
	g->account = xstrdup(run1.account_id);
	store_run_free(&run1);
	g->regions = xcalloc(n, sizeof(*g->regions));
	for (i = 0; i < n; i++)
		if (rr[i].status == REGION_STATUS_OK)
			g->regions[g->regionsz++] = xstrdup(rr[i].region);
	store_region_runs_free(rr, n);
	if (sqlite3_open_v2(db, &g->raw, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		errx(1, "%s: %s", db, sqlite3_errmsg(g->raw));
	sqlite3_busy_timeout(g->raw, STORE_BUSY_TIMEOUT_MS);
}

/* Move run 1 to time "t" (it was collected just now). */
static void
run1_move(struct gen *g, time_t t)
{
	sqlite3_stmt	*q = NULL;
	char		 a[UTIL_ISO8601_LEN], b[UTIL_ISO8601_LEN];

	util_iso8601(t, a);
	util_iso8601(t + 60, b);
	if (sqlite3_prepare_v2(g->raw, "UPDATE run SET started_at = ?,"
	    " finished_at = ? WHERE run_id = 1", -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(q, 1, a, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(q, 2, b, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_DONE)
		errx(1, "sqlite: run 1: %s", sqlite3_errmsg(g->raw));
	sqlite3_finalize(q);
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: gendb -d db [-n runs] [-s seed] [-e end]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct gen	 g;
	sqlite3_stmt	*ins = NULL;
	const char	*db = NULL, *errstr;
	long long	 runs = 365, end = (long long)time(NULL) - 3600;
	int		 ch, day;
	size_t		 i;

	memset(&g, 0, sizeof(g));
	g.rng = 1;
	while ((ch = getopt(argc, argv, "d:e:n:s:")) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'e': end = parse_num(optarg, 0, 1LL << 40, &errstr);
			if (errstr != NULL) usage();
			break;
		case 'n': runs = parse_num(optarg, 2, GENDB_MAX_RUNS, &errstr);
			if (errstr != NULL) usage();
			break;
		case 's': g.rng = (uint64_t)parse_num(optarg, 0,
			    INT64_MAX, &errstr);
			if (errstr != NULL) usage();
			break;
		default: usage();
		}
	}
	if (db == NULL || optind != argc)
		usage();
	gen_open(&g, db);
	run1_move(&g, (time_t)(end - (runs - 1) * GENDB_DAY_SEC));
	if (sqlite3_prepare_v2(g.raw, "INSERT INTO region_run (run_id,"
	    " account_id, region, status) VALUES (?, ?, ?, 'ok')", -1, &ins, NULL) != SQLITE_OK)
		errx(1, "sqlite: %s", sqlite3_errmsg(g.raw));
	for (day = 2; day <= runs; day++)
		day_run(&g, ins, day, (time_t)(end - (runs - day) *
		    GENDB_DAY_SEC));
	sqlite3_finalize(ins);
	raw_exec(&g, "PRAGMA wal_checkpoint(TRUNCATE)");
	printf("{\"runs\": %lld, \"regions\": %zu, \"changes\": %lld}\n",
	    runs, g.regionsz, g.changes);
	sqlite3_close(g.raw);
	store_close(g.st);
	for (i = 0; i < g.regionsz; i++)
		free(g.regions[i]);
	free(g.regions);
	free(g.account);
	return 0;
}
