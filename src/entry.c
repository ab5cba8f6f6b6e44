/*
 * entry.c: fold the changes of a range into one entry per problem.
 * See entry.h.
 */
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "entry.h"
#include "playbook.h"
#include "util.h"

/* The subject of the entry a change belongs to: requests join quotas. */
static const char *
entity_subject(const struct change *c)
{
	if (change_subject(c->kind) == CHANGE_SUBJECT_REQUEST &&
	    c->quota_code != NULL && *c->quota_code != '\0')
		return c->quota_code;
	return c->subject;
}

/*
 * The field a change moves: kinds that are two sides of one field
 * (added/removed, a request created then decided) fold together, so
 * that "removed, then added again" is one field that reverted.
 */
static int
fold_class(enum change_kind k)
{
	switch (k) {
	case CHANGE_MODEL_REMOVED:
		return CHANGE_MODEL_ADDED;
	case CHANGE_QUOTA_REMOVED:
		return CHANGE_QUOTA_ADDED;
	case CHANGE_PROFILE_REMOVED:
		return CHANGE_PROFILE_ADDED;
	case CHANGE_QUOTA_REQUEST_STATUS_CHANGED:
		return CHANGE_QUOTA_REQUEST_CREATED;
	case CHANGE_ACCESS_GRANTED:
		return CHANGE_ACCESS_LOST;	/* both: authorizationStatus */
	default:
		return (int)k;
	}
}

/* Order: entity, field, change_id; the grouping both loops rely on. */
static int
raw_cmp(const void *pa, const void *pb)
{
	const struct change	*a = *(const struct change *const *)pa;
	const struct change	*b = *(const struct change *const *)pb;
	int			 r;

	if ((r = strcmp(a->region, b->region)) != 0 ||
	    (r = strcmp(entity_subject(a), entity_subject(b))) != 0)
		return r;
	if (fold_class(a->kind) != fold_class(b->kind))
		return fold_class(a->kind) < fold_class(b->kind) ? -1 : 1;
	if ((r = strcmp(a->subject, b->subject)) != 0)
		return r;
	return (a->change_id > b->change_id) - (a->change_id < b->change_id);
}

static int
same_entity(const struct change *a, const struct change *b)
{
	return strcmp(a->region, b->region) == 0 &&
	    strcmp(entity_subject(a), entity_subject(b)) == 0;
}

static int
same_field(const struct change *a, const struct change *b)
{
	return same_entity(a, b) && fold_class(a->kind) ==
	    fold_class(b->kind) && strcmp(a->subject, b->subject) == 0;
}

/*
 * The net change of one field moved by changes c[0..n-1] (in order):
 * NULL when it came back to where it started.  A single change keeps the
 * path its collect gave it; a fold is classified on the net values, the
 * "before" side (values and applied quota) being the first change's.
 */
static struct change *
fold(const struct change *const *c, size_t n)
{
	struct change	*net;

	if (n > 1 && strcmp(c[0]->old_value, c[n - 1]->new_value) == 0)
		return NULL;
	net = change_dup(c[n - 1]);
	if (n == 1)
		return net;
	free(net->old_value);
	net->old_value = xstrdup(c[0]->old_value);
	net->old_num = c[0]->old_num;
	free(net->old_applied);
	net->old_applied = xstrdup(c[0]->old_applied);
	net->old_applied_num = c[0]->old_applied_num;
	playbook_classify(net);
	return net;
}

static int
id_cmp(const void *pa, const void *pb)
{
	const struct change	*a = *(const struct change *const *)pa;
	const struct change	*b = *(const struct change *const *)pb;

	return (a->change_id > b->change_id) - (a->change_id < b->change_id);
}

/* Set text field *dst from "src" when *dst is empty. */
static void
fill_text(char **dst, const char *src)
{
	if (**dst != '\0' || src == NULL || *src == '\0')
		return;
	free(*dst);
	*dst = xstrdup(src);
}

/*
 * Give the lead change of an entry the quota context its siblings carry
 * and it lacks (a request knows its desired value, a quota change the
 * applied and default values), so that its advice and case draft state
 * the same values as the rest of the entry.
 */
static void
lead_context(struct entry *e)
{
	struct change	*lead = e->net.items[e->lead], *o;
	size_t		 i;

	for (i = 0; i < e->net.len; i++) {
		if ((o = e->net.items[i]) == lead)
			continue;
		fill_text(&lead->quota_code, o->quota_code);
		if (!lead->desired_num.set && o->desired_num.set) {
			fill_text(&lead->desired_value, o->desired_value);
			lead->desired_num = o->desired_num;
		}
		if (change_subject(o->kind) != CHANGE_SUBJECT_QUOTA)
			continue;
		fill_text(&lead->quota_code, o->subject);
		if (!lead->new_applied_num.set && o->new_applied_num.set) {
			fill_text(&lead->new_applied, o->new_applied);
			lead->new_applied_num = o->new_applied_num;
		}
		if (!lead->new_default_num.set && o->new_default_num.set) {
			fill_text(&lead->new_default, o->new_default);
			lead->new_default_num = o->new_default_num;
		}
		if (lead->adjustable == -1)
			lead->adjustable = o->adjustable;
	}
}

/* Fill "e" from the sorted changes v[0..n-1] of one entity. */
static void
entry_fill(struct entry *e, const struct change **v, size_t n)
{
	struct change	*net;
	size_t		 i, j;

	memset(e, 0, sizeof(*e));
	e->region = v[0]->region;
	e->subject = entity_subject(v[0]);
	e->subject_name = v[0]->subject_name;
	e->raw = xcalloc(n, sizeof(*e->raw));
	e->first_seen_run = v[0]->run_id;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_field(v[i], v[j]); j++)
			;
		if ((net = fold((const struct change *const *)&v[i], j - i))
		    != NULL)
			change_list_push(&e->net, net);
	}
	for (i = 0; i < n; i++) {
		e->raw[i] = v[i];
		if (v[i]->run_id < e->first_seen_run)
			e->first_seen_run = v[i]->run_id;
		/* A quota's own name, rather than one of its requests'. */
		if (change_subject(v[i]->kind) != CHANGE_SUBJECT_REQUEST)
			e->subject_name = v[i]->subject_name;
	}
	e->rawsz = n;
	qsort(e->raw, n, sizeof(*e->raw), id_cmp);
	e->path = PATH_INFO;
	e->severity = SEVERITY_INFO;
	if (e->net.len > 0) {
		e->lead = playbook_entry((const struct change *const *)
		    e->net.items, e->net.len);
		e->path = e->net.items[e->lead]->path;
		e->severity = e->net.items[e->lead]->severity;
		lead_context(e);
	}
}

const struct change *
entry_lead(const struct entry *e)
{
	return e->net.len > 0 ? e->net.items[e->lead] : NULL;
}

/* Report order: severity, path (info last), region, kind, subject. */
static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry	*a = pa, *b = pb;
	const struct change	*la, *lb;
	int			 pa_, pb_, r;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	pa_ = a->path == PATH_INFO ? PATH__COUNT : (int)a->path;
	pb_ = b->path == PATH_INFO ? PATH__COUNT : (int)b->path;
	if (pa_ != pb_)
		return pa_ < pb_ ? -1 : 1;
	if ((r = strcmp(a->region, b->region)) != 0)
		return r;
	la = entry_lead(a) != NULL ? entry_lead(a) : a->raw[0];
	lb = entry_lead(b) != NULL ? entry_lead(b) : b->raw[0];
	if (la->kind != lb->kind)
		return la->kind < lb->kind ? -1 : 1;
	return strcmp(a->subject, b->subject);
}

void
entry_build(const struct change_list *changes, struct entry_list *out)
{
	const struct change	**v;
	size_t			  n, i, j;

	memset(out, 0, sizeof(*out));
	n = changes != NULL ? changes->len : 0;
	if (n == 0)
		return;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = changes->items[i];
	qsort(v, n, sizeof(*v), raw_cmp);
	out->items = xcalloc(n, sizeof(*out->items));
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_entity(v[i], v[j]); j++)
			;
		entry_fill(&out->items[out->len++], &v[i], j - i);
	}
	free(v);
	qsort(out->items, out->len, sizeof(*out->items), entry_cmp);
	for (i = 0; i < out->len; i++)
		out->items[i].number = i + 1;
}

void
entry_list_free(struct entry_list *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->len; i++) {
		free(l->items[i].raw);
		change_list_free(&l->items[i].net);
	}
	free(l->items);
	l->items = NULL;
	l->len = 0;
}
