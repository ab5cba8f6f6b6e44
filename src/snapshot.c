/*
 * snapshot.c: growing, sorting, searching and freeing a region snapshot.
 * See snapshot.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
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

static int
model_cmp(const void *a, const void *b)
{
	return strcmp(((const struct model *)a)->model_id,
	    ((const struct model *)b)->model_id);
}

static int
quota_cmp(const void *a, const void *b)
{
	return strcmp(((const struct quota *)a)->quota_code,
	    ((const struct quota *)b)->quota_code);
}

static int
profile_cmp(const void *a, const void *b)
{
	return strcmp(((const struct profile *)a)->profile_id,
	    ((const struct profile *)b)->profile_id);
}

static int
request_cmp(const void *a, const void *b)
{
	return strcmp(((const struct qrequest *)a)->request_id,
	    ((const struct qrequest *)b)->request_id);
}

void
snapshot_sort(struct snapshot *s)
{
	if (s->modelsz > 1)
		qsort(s->models, s->modelsz, sizeof(*s->models), model_cmp);
	if (s->quotasz > 1)
		qsort(s->quotas, s->quotasz, sizeof(*s->quotas), quota_cmp);
	if (s->profilesz > 1)
		qsort(s->profiles, s->profilesz, sizeof(*s->profiles),
		    profile_cmp);
	if (s->requestsz > 1)
		qsort(s->requests, s->requestsz, sizeof(*s->requests),
		    request_cmp);
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
	    model_cmp);
}

const struct quota *
snapshot_find_quota(const struct snapshot *s, const char *quota_code)
{
	struct quota	key;

	memset(&key, 0, sizeof(key));
	key.quota_code = (char *)(uintptr_t)quota_code;
	if (s->quotasz == 0)
		return NULL;
	return bsearch(&key, s->quotas, s->quotasz, sizeof(*s->quotas),
	    quota_cmp);
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
		free(s->models[i].lifecycle);
		free(s->models[i].inference_types);
		free(s->models[i].authorization);
		free(s->models[i].entitlement);
		free(s->models[i].agreement);
		free(s->models[i].region_availability);
	}
	for (i = 0; i < s->quotasz; i++) {
		free(s->quotas[i].quota_code);
		free(s->quotas[i].quota_name);
		free(s->quotas[i].unit);
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
	}
	free(s->models);
	free(s->quotas);
	free(s->profiles);
	free(s->requests);
	free(s->region);
	memset(s, 0, sizeof(*s));
}
