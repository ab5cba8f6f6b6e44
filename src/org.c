/*
 * org.c: the entries of several accounts folded across accounts.  See
 * org.h.
 */
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "entry.h"
#include "org.h"
#include "util.h"

/* One entry of the input, with the index of its account. */
struct org_item {
	const struct entry	*e;
	size_t			 acct;
};

static int
same_change(const struct change *a, const struct change *b)
{
	return a->kind == b->kind && strcmp(a->subject, b->subject) == 0 &&
	    strcmp(a->old_value, b->old_value) == 0 &&
	    strcmp(a->new_value, b->new_value) == 0;
}

int
org_entry_alike(const struct entry *x, const struct entry *y)
{
	size_t	i;

	if (x->net.len != y->net.len)
		return 0;
	/* entry_build() keeps the net changes in field order. */
	for (i = 0; i < x->net.len; i++)
		if (!same_change(x->net.items[i], y->net.items[i]))
			return 0;
	return 1;
}

/* Order: region, subject, account (the input's order). */
static int
item_cmp(const void *pa, const void *pb)
{
	const struct org_item	*a = pa, *b = pb;
	int			 r;

	if ((r = strcmp(a->e->region, b->e->region)) != 0 ||
	    (r = strcmp(a->e->subject, b->e->subject)) != 0)
		return r;
	return (a->acct > b->acct) - (a->acct < b->acct);
}

static int
same_group(const struct org_item *a, const struct org_item *b)
{
	return strcmp(a->e->region, b->e->region) == 0 &&
	    strcmp(a->e->subject, b->e->subject) == 0;
}

/* Path rank: P1..P6 first, info last. */
static int
path_rank(enum change_path p)
{
	return p == PATH_INFO ? PATH__COUNT : (int)p;
}

/*
 * Fill "g" from items v[0..k) of one (region, subject), in account
 * order: the lead is the first entry of the form most parts share.
 */
static void
group_fill(struct org_group *g, const struct org_item *v, size_t k,
    const struct org_account *a, size_t n)
{
	size_t	i, j, best = 0, bestn = 0, cnt;

	memset(g, 0, sizeof(*g));
	g->region = v[0].e->region;
	g->subject = v[0].e->subject;
	g->parts = xcalloc(k, sizeof(*g->parts));
	g->partsz = k;
	g->acct = v[0].acct;
	for (i = 0; i < k; i++) {
		g->parts[i].account_id = a[v[i].acct].account_id;
		g->parts[i].entry = v[i].e;
		for (cnt = 0, j = 0; j < k; j++)
			cnt += org_entry_alike(v[i].e, v[j].e);
		if (cnt > bestn) {
			bestn = cnt;
			best = i;
		}
	}
	g->lead = v[best].e;
	g->path = g->lead->path;
	g->severity = g->lead->severity;
	for (i = 0; i < k; i++) {
		g->parts[i].alike = org_entry_alike(g->lead, v[i].e);
		g->alike += g->parts[i].alike;
		if (v[i].e->severity > g->severity || (v[i].e->severity ==
		    g->severity && path_rank(v[i].e->path) <
		    path_rank(g->path))) {
			g->severity = v[i].e->severity;
			g->path = v[i].e->path;
		}
	}
	g->absent = xcalloc(n, sizeof(*g->absent));
	for (i = 0, j = 0; i < n; i++) {
		if (!a[i].collected)
			continue;
		while (j < k && v[j].acct < i)
			j++;
		if (j < k && v[j].acct == i)
			continue;
		g->absent[g->absentsz++] = a[i].account_id;
	}
}

/*
 * Report order: the groups of several accounts, then each account's own
 * (report_org.c shows them in two sections, numbered as they appear);
 * then severity, path (info last), region, kind, subject.
 */
static int
group_cmp(const void *pa, const void *pb)
{
	const struct org_group	*a = pa, *b = pb;
	const struct change	*la, *lb;
	int			 r;

	if ((a->partsz > 1) != (b->partsz > 1))
		return a->partsz > 1 ? -1 : 1;
	if (a->partsz == 1 && a->acct != b->acct)
		return a->acct < b->acct ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (path_rank(a->path) != path_rank(b->path))
		return path_rank(a->path) < path_rank(b->path) ? -1 : 1;
	if ((r = strcmp(a->region, b->region)) != 0)
		return r;
	la = entry_lead(a->lead) != NULL ? entry_lead(a->lead) :
	    a->lead->raw[0];
	lb = entry_lead(b->lead) != NULL ? entry_lead(b->lead) :
	    b->lead->raw[0];
	if (la->kind != lb->kind)
		return la->kind < lb->kind ? -1 : 1;
	return strcmp(a->subject, b->subject);
}

void
org_fold(const struct org_account *a, size_t n, struct org_list *out)
{
	struct org_item	*v;
	size_t		 total = 0, i, j, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		out->collected += a[i].collected != 0;
		total += a[i].entries != NULL ? a[i].entries->len : 0;
	}
	if (total == 0)
		return;
	v = xcalloc(total, sizeof(*v));
	for (i = 0, k = 0; i < n; i++)
		for (j = 0; a[i].entries != NULL && j < a[i].entries->len;
		    j++) {
			v[k].e = &a[i].entries->items[j];
			v[k++].acct = i;
		}
	qsort(v, total, sizeof(*v), item_cmp);
	out->items = xcalloc(total, sizeof(*out->items));
	for (i = 0; i < total; i = j) {
		for (j = i + 1; j < total && same_group(&v[i], &v[j]); j++)
			;
		group_fill(&out->items[out->len++], &v[i], j - i, a, n);
	}
	free(v);
	qsort(out->items, out->len, sizeof(*out->items), group_cmp);
	for (i = 0; i < out->len; i++)
		out->items[i].number = i + 1;
}

void
org_list_free(struct org_list *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->len; i++) {
		free(l->items[i].parts);
		free(l->items[i].absent);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}
