/*
 * bench_diff.c: time diff_region() on two 150-model x 400-quota
 * snapshots, 1000 times, with no change and with some changes.
 *
 *	cc -O2 -Iinclude bench/bench_diff.c src/diff.c src/change.c \
 *	    src/snapshot.c src/util.c -lm -o bench_diff && ./bench_diff
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "diff.h"
#include "snapshot.h"
#include "util.h"

#define BENCH_MODELS	150
#define BENCH_QUOTAS	400
#define BENCH_PROFILES	60
#define BENCH_RUNS	1000

static void
fill(struct snapshot *s)
{
	struct model	*m;
	struct quota	*q;
	struct profile	*p;
	int		 i;

	memset(s, 0, sizeof(*s));
	s->region = xstrdup("us-east-1");
	for (i = 0; i < BENCH_MODELS; i++) {
		m = snapshot_add_model(s);
		m->model_id = xasprintf("vendor%d.model-%03d-v1:0", i % 9, i);
		m->model_name = xasprintf("Model %d", i);
		m->provider = xstrdup("Vendor");
		m->lifecycle = xstrdup("ACTIVE");
		m->inference_types = xstrdup("INFERENCE_PROFILE,ON_DEMAND");
		m->authorization = xstrdup("AUTHORIZED");
		m->entitlement = xstrdup("AVAILABLE");
		m->agreement = xstrdup("AVAILABLE");
		m->region_availability = xstrdup("AVAILABLE");
		m->first_run = 1;
	}
	for (i = 0; i < BENCH_QUOTAS; i++) {
		q = snapshot_add_quota(s);
		q->quota_code = xasprintf("L-%08X", (unsigned)i * 2654435761u);
		q->quota_name = xasprintf("On-demand model inference tokens "
		    "per minute for model %d", i);
		q->unit = xstrdup("None");
		q->has_applied = q->has_default = 1;
		q->applied_value = q->default_value = 1000 * (i + 1);
		q->adjustable = i % 2;
	}
	for (i = 0; i < BENCH_PROFILES; i++) {
		p = snapshot_add_profile(s);
		p->profile_id = xasprintf("us.vendor.model-%03d-v1:0", i);
		p->profile_name = xasprintf("US Model %d", i);
		p->profile_type = xstrdup("SYSTEM_DEFINED");
		p->status = xstrdup("ACTIVE");
		p->model_ids = xasprintf("vendor.model-%03d-v1:0", i);
		p->regions = xstrdup("us-east-1,us-east-2,us-west-2");
	}
	snapshot_sort(s);
}

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
bench(const char *what, const struct snapshot *o, const struct snapshot *n)
{
	struct change_list	l = { NULL, 0, 0 };
	size_t			changes = 0;
	double			t0, t1;
	int			i;

	t0 = now_us();
	for (i = 0; i < BENCH_RUNS; i++) {
		changes = diff_region(o, n, 2, &l);
		change_list_free(&l);
	}
	t1 = now_us();
	printf("%-14s %zu changes/diff, %d diffs: %.1f us per diff\n", what,
	    changes, BENCH_RUNS, (t1 - t0) / BENCH_RUNS);
}

int
main(void)
{
	struct snapshot	o, n;
	size_t		i;

	fill(&o);
	fill(&n);
	bench("identical", &o, &n);
	for (i = 0; i < n.modelsz; i += 10) {
		free(n.models[i].authorization);
		n.models[i].authorization = xstrdup("NOT_AUTHORIZED");
	}
	for (i = 0; i < n.quotasz; i += 8) {
		n.quotas[i].default_value /= 2;
		n.quotas[i].applied_value /= 2;
	}
	bench("some changes", &o, &n);
	snapshot_free(&o);
	snapshot_free(&n);
	return 0;
}
