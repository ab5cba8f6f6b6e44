/*
 * snapshot.c: growing, sorting, searching and freeing a region snapshot.
 * See snapshot.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "status.h"
#include "util.h"

/* Append one zeroed element to (*arr, *len); return it. */
static void *
grow(void **arr, size_t *len, size_t elemsz)
{
	char	*p;

	*arr = xreallocarray(*arr, *len + 1, elemsz);
	p = (char *)*arr + *len * elemsz;
	memset(p, 0, elemsz);
	(*len)++;
	return p;
}

/*
 * The texts that nearly every quota and model row repeats, shared by
 * the rows instead of copied into each: a copy costs a 32-byte heap
 * chunk, and a large run held five per row for tens of thousands of
 * rows.
 */
static char snapshot_shared[][16] = {
	"", "ACCOUNT", "RESOURCE", "None", "Count", "SECOND", "MINUTE",
	"HOUR", "DAY", "ACTIVE", "LEGACY", "ON_DEMAND", "AUTHORIZED",
	"NOT_AUTHORIZED", "AVAILABLE", "NOT_AVAILABLE",
};

/* The shared constant equal to "s", or NULL. */
static char *
shared_of(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof(snapshot_shared) / sizeof(snapshot_shared[0]);
	    i++)
		if (strcmp(s, snapshot_shared[i]) == 0)
			return snapshot_shared[i];
	return NULL;
}

void
snapshot_str_share(char **p)
{
	char	*c;

	if (*p == NULL || (c = shared_of(*p)) == NULL || c == *p)
		return;
	free(*p);
	*p = c;
}

void
snapshot_str_free(char *s)
{
	size_t	i;

	for (i = 0; i < sizeof(snapshot_shared) / sizeof(snapshot_shared[0]);
	    i++)
		if (s == snapshot_shared[i])
			return;
	free(s);
}

struct model *
snapshot_add_model(struct snapshot *s)
{
	return grow((void **)&s->models, &s->modelsz, sizeof(*s->models));
}

struct quota *
snapshot_add_quota(struct snapshot *s)
{
	return grow((void **)&s->quotas, &s->quotasz, sizeof(*s->quotas));
}

struct profile *
snapshot_add_profile(struct snapshot *s)
{
	return grow((void **)&s->profiles, &s->profilesz,
	    sizeof(*s->profiles));
}

struct qrequest *
snapshot_add_request(struct snapshot *s)
{
	return grow((void **)&s->requests, &s->requestsz,
	    sizeof(*s->requests));
}

int
snapshot_model_cmp(const void *a, const void *b)
{
	return strcmp(((const struct model *)a)->model_id,
	    ((const struct model *)b)->model_id);
}

int
snapshot_quota_cmp(const void *a, const void *b)
{
	const struct quota	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(str_or_empty(x->quota_code),
	    str_or_empty(y->quota_code))) != 0 ||
	    (c = strcmp(str_or_empty(x->level), str_or_empty(y->level))) != 0 ||
	    (c = strcmp(str_or_empty(x->context_scope),
	    str_or_empty(y->context_scope))) != 0)
		return c;
	return strcmp(str_or_empty(x->context_id), str_or_empty(y->context_id));
}

int
snapshot_profile_cmp(const void *a, const void *b)
{
	return strcmp(((const struct profile *)a)->profile_id,
	    ((const struct profile *)b)->profile_id);
}

int
snapshot_request_cmp(const void *a, const void *b)
{
	return strcmp(((const struct qrequest *)a)->request_id,
	    ((const struct qrequest *)b)->request_id);
}

int
snapshot_quota_unknown(const struct quota *q)
{
	return q->error_code != NULL && !q->has_applied;
}

void
snapshot_sort(struct snapshot *s)
{
	if (s->modelsz > 1)
		qsort(s->models, s->modelsz, sizeof(*s->models), snapshot_model_cmp);
	if (s->quotasz > 1)
		qsort(s->quotas, s->quotasz, sizeof(*s->quotas), snapshot_quota_cmp);
	if (s->profilesz > 1)
		qsort(s->profiles, s->profilesz, sizeof(*s->profiles),
		    snapshot_profile_cmp);
	if (s->requestsz > 1)
		qsort(s->requests, s->requestsz, sizeof(*s->requests),
		    snapshot_request_cmp);
}

const struct model *
snapshot_find_model(const struct snapshot *s, const char *model_id)
{
	struct model	key;

	memset(&key, 0, sizeof(key));
	key.model_id = (char *)(uintptr_t)model_id;
	if (s->modelsz == 0)
		return NULL;
	return bsearch(&key, s->models, s->modelsz, sizeof(*s->models),
	    snapshot_model_cmp);
}

const struct quota *
snapshot_find_quota(const struct snapshot *s, const char *quota_code)
{
	size_t	lo = 0, hi = s->quotasz, mid;

	/* The lower bound of the code: the first of its rows. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(str_or_empty(s->quotas[mid].quota_code),
		    quota_code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == s->quotasz ||
	    strcmp(str_or_empty(s->quotas[lo].quota_code), quota_code) != 0)
		return NULL;
	return &s->quotas[lo];
}

void
snapshot_free(struct snapshot *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->modelsz; i++) {
		free(s->models[i].model_id);
		free(s->models[i].model_name);
		free(s->models[i].provider);
		snapshot_str_free(s->models[i].lifecycle);
		snapshot_str_free(s->models[i].inference_types);
		snapshot_str_free(s->models[i].authorization);
		snapshot_str_free(s->models[i].entitlement);
		snapshot_str_free(s->models[i].agreement);
		snapshot_str_free(s->models[i].region_availability);
		free(s->models[i].start_of_life);
		free(s->models[i].legacy_time);
		free(s->models[i].extended_access);
		free(s->models[i].end_of_life);
		free(s->models[i].agreement_message);
	}
	for (i = 0; i < s->quotasz; i++) {
		free(s->quotas[i].quota_code);
		snapshot_str_free(s->quotas[i].level);
		snapshot_str_free(s->quotas[i].context_scope);
		snapshot_str_free(s->quotas[i].context_id);
		free(s->quotas[i].quota_name);
		snapshot_str_free(s->quotas[i].unit);
		snapshot_str_free(s->quotas[i].period_unit);
		free(s->quotas[i].error_code);
		free(s->quotas[i].error_message);
	}
	for (i = 0; i < s->profilesz; i++) {
		free(s->profiles[i].profile_id);
		free(s->profiles[i].profile_name);
		free(s->profiles[i].profile_type);
		free(s->profiles[i].status);
		free(s->profiles[i].model_ids);
		free(s->profiles[i].regions);
	}
	for (i = 0; i < s->requestsz; i++) {
		free(s->requests[i].request_id);
		free(s->requests[i].quota_code);
		free(s->requests[i].quota_name);
		free(s->requests[i].status);
		free(s->requests[i].case_id);
		free(s->requests[i].created);
		free(s->requests[i].last_updated);
		free(s->requests[i].request_type);
		free(s->requests[i].level);
		free(s->requests[i].requester);
	}
	free(s->models);
	free(s->quotas);
	free(s->profiles);
	free(s->requests);
	free(s->region);
	memset(s, 0, sizeof(*s));
}

/* The array of part "part" in "s", as its pointer and size fields. */
static int
snapshot_part(struct snapshot *s, int part, void ***arr, size_t **n)
{
	switch (part) {
	case REGION_PART_MODELS:
		*arr = (void **)&s->models;
		*n = &s->modelsz;
		return 0;
	case REGION_PART_QUOTAS:
		*arr = (void **)&s->quotas;
		*n = &s->quotasz;
		return 0;
	case REGION_PART_PROFILES:
		*arr = (void **)&s->profiles;
		*n = &s->profilesz;
		return 0;
	case REGION_PART_REQUESTS:
		*arr = (void **)&s->requests;
		*n = &s->requestsz;
		return 0;
	default:
		return -1;
	}
}

void
snapshot_move_part(struct snapshot *dst, struct snapshot *src, int part)
{
	struct snapshot	  gone;
	void		**sa, **da, **ga;
	size_t		 *sn, *dn, *gn;

	memset(&gone, 0, sizeof(gone));
	if (snapshot_part(src, part, &sa, &sn) == -1)
		return;
	(void)snapshot_part(&gone, part, &ga, &gn);
	if (dst != NULL) {
		/* What "dst" had goes, then the rows of "src" come. */
		(void)snapshot_part(dst, part, &da, &dn);
		*ga = *da;
		*gn = *dn;
		*da = *sa;
		*dn = *sn;
	} else {
		*ga = *sa;
		*gn = *sn;
	}
	*sa = NULL;
	*sn = 0;
	snapshot_free(&gone);
}
