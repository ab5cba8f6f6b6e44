/*
 * aws_bedrock.c: Bedrock control-plane calls (rest-json): foundation
 * models, their availability to this account, inference profiles.
 * See aws.h and aws-apis.md section 2.
 */
#include <assert.h>
#include <err.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_impl.h"
#include "json.h"
#include "sigv4.h"
#include "snapshot.h"
#include "util.h"

#define OP_MODELS	"ListFoundationModels"
#define OP_AVAIL	"GetFoundationModelAvailability"
#define OP_PROFILES	"ListInferenceProfiles"

/* The longest profile type filter accepted (SYSTEM_DEFINED is 14). */
#define BEDROCK_MAX_TYPE_BYTES	32

int
aws_req_list_foundation_models(struct aws_request *r)
{
	/* Not paginated: the API has neither nextToken nor maxResults. */
	aws_req_init(r, AWS_SVC_BEDROCK, OP_MODELS, "GET");
	free(r->path);
	r->path = xstrdup("/foundation-models");
	return 0;
}

int
aws_req_get_model_availability(struct aws_request *r, const char *model_id)
{
	char		*label;
	const char	*p;

	aws_req_init(r, AWS_SVC_BEDROCK, OP_AVAIL, "GET");
	if (model_id == NULL || *model_id == '\0' ||
	    strlen(model_id) > AWS_MAX_ID_BYTES) {
		warnx("%s: model ID empty or longer than %d bytes", OP_AVAIL,
		    AWS_MAX_ID_BYTES);
		return -1;
	}
	for (p = model_id; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			warnx("%s: model ID holds a control character",
			    OP_AVAIL);
			return -1;
		}
	/* A label is encoded whole, '/' included (provisioned IDs). */
	label = sigv4_uri_encode(model_id, strlen(model_id), 0);
	free(r->path);
	r->path = xasprintf("/foundation-model-availability/%s", label);
	free(label);
	return 0;
}

/* Is "type" a plausible InferenceProfileType ([A-Z_]{1,32})? */
static int
profile_type_ok(const char *type)
{
	size_t	n = strspn(type, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");

	return n > 0 && n <= BEDROCK_MAX_TYPE_BYTES && type[n] == '\0';
}

int
aws_req_list_inference_profiles(struct aws_request *r, const char *type,
    const char *next_token)
{
	const struct json_at	 at = { OP_PROFILES, NULL, NULL };
	struct buf		 q = BUF_INIT;
	char			*enc;
	int			 t;

	aws_req_init(r, AWS_SVC_BEDROCK, OP_PROFILES, "GET");
	if ((t = aws_token_check(&at, next_token)) == -1)
		return -1;
	if (type != NULL && !profile_type_ok(type)) {
		warnx("%s: bad inference profile type", OP_PROFILES);
		return -1;
	}
	free(r->path);
	r->path = xstrdup("/inference-profiles");
	/* Parameters in sorted order, so the wire query is canonical. */
	buf_printf(&q, "maxResults=%d", AWS_PROFILES_PAGE_ITEMS);
	if (t == 1) {
		enc = sigv4_uri_encode(next_token, strlen(next_token), 0);
		buf_printf(&q, "&nextToken=%s", enc);
		free(enc);
	}
	if (type != NULL)
		buf_printf(&q, "&type=%s", type);
	free(r->query);
	r->query = buf_detach(&q);
	return 0;
}

/*
 * The optional list of strings "key" of "o", sorted, de-duplicated and
 * ','-joined into *out ("" when absent).  0, or -1 after one warnx(3).
 */
static int
string_list(const cJSON *o, const struct json_at *at, const char *key,
    char **out)
{
	const char	*v[AWS_MAX_LIST_ITEMS];
	const cJSON	*arr, *e;
	size_t		 n = 0;

	*out = NULL;
	if (json_opt_array(o, at, key, AWS_MAX_LIST_ITEMS, &arr) == -1)
		return -1;
	cJSON_ArrayForEach(e, arr) {
		if ((v[n] = json_elem_str(e, at, key, n, AWS_MAX_FIELD_BYTES))
		    == NULL)
			return -1;
		if (strchr(v[n], ',') != NULL) {
			json_warn(at, key, "an element contains ','");
			return -1;
		}
		n++;
	}
	*out = aws_join_sorted(v, n);
	if (strlen(*out) > AWS_MAX_FIELD_BYTES) {
		json_warn(at, key, "longer than %d bytes joined",
		    AWS_MAX_FIELD_BYTES);
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/*
 * Fill model row "m" from summary "o", whose modelId is "id" (checked by
 * the caller); -1 after one warnx(3).
 */
static int
model_from_json(const cJSON *o, const struct json_at *at, const char *id,
    struct model *m)
{
	char		 path[96];
	struct json_at	 lat = { at->op, path, at->cause };
	const cJSON	*lc;
	const char	*status;

	m->model_id = xstrdup(id);
	if (aws_json_text(o, at, "modelName", &m->model_name) == -1 ||
	    aws_json_text(o, at, "providerName", &m->provider) == -1 ||
	    string_list(o, at, "inferenceTypesSupported",
	    &m->inference_types) == -1 ||
	    json_opt_obj(o, at, "modelLifecycle", &lc) == -1)
		return -1;
	snapshot_str_share(&m->inference_types);
	if (lc == NULL) {
		m->lifecycle = xstrdup("");
		snapshot_str_share(&m->lifecycle);
		return 0;
	}
	(void)snprintf(path, sizeof(path), "%s.modelLifecycle", at->path);
	if ((status = json_req_str(lc, &lat, "status", AWS_MAX_FIELD_BYTES))
	    == NULL)
		return -1;
	m->lifecycle = xstrdup(status);
	snapshot_str_share(&m->lifecycle);
	/* Each date may be absent: NULL, never "". */
	if (aws_json_time(lc, &lat, "startOfLifeTime", &m->start_of_life) ==
	    -1 ||
	    aws_json_time(lc, &lat, "legacyTime", &m->legacy_time) == -1 ||
	    aws_json_time(lc, &lat, "publicExtendedAccessTime",
	    &m->extended_access) == -1 ||
	    aws_json_time(lc, &lat, "endOfLifeTime", &m->end_of_life) == -1)
		return -1;
	return 0;
}

/*
 * Append the rows of "src" to "dst"; "src" keeps no rows.  The first
 * page's array is taken as it is, not copied row by row.
 */
static void
move_models(struct snapshot *dst, struct snapshot *src)
{
	size_t	i;

	if (dst->modelsz == 0) {
		free(dst->models);
		dst->models = src->models;
		dst->modelsz = src->modelsz;
	} else {
		for (i = 0; i < src->modelsz; i++)
			*snapshot_add_model(dst) = src->models[i];
		free(src->models);
	}
	src->models = NULL;
	src->modelsz = 0;
}

int
aws_parse_foundation_models(const char *body, size_t len, struct snapshot *s,
    char **cause)
{
	struct snapshot	 tmp;
	struct json_at	 top = { OP_MODELS, NULL, cause };
	char		 path[48];
	struct json_at	 at = { OP_MODELS, path, cause };
	cJSON		*root;
	const cJSON	*list, *e;
	const char	*id;
	size_t		 i = 0;
	int		 k, rc = -1;

	memset(&tmp, 0, sizeof(tmp));
	if ((root = json_parse(OP_MODELS, body, len, cause)) == NULL)
		return -1;
	if ((list = json_req_array(root, &top, "modelSummaries",
	    AWS_MAX_REPLY_ITEMS)) == NULL)
		goto out;
	if (s->modelsz + (size_t)cJSON_GetArraySize(list) >
	    AWS_MAX_MODELS_PER_REGION) {
		json_warn(&top, NULL, "more than %d models in the region",
		    AWS_MAX_MODELS_PER_REGION);
		goto out;
	}
	/* The page's rows at once, not grown (and moved) row by row. */
	tmp.models = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof(*tmp.models));
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "modelSummaries[%zu]", i);
		if (json_elem_obj(e, &top, "modelSummaries", i++) == NULL ||
		    (k = aws_json_key(e, &at, "modelId", &id)) == -1)
			goto out;
		if (k == 0)
			continue;	/* not an exact key: said, skipped */
		if (model_from_json(e, &at, id, &tmp.models[tmp.modelsz++]) ==
		    -1)
			goto out;
	}
	if (aws_check_unique(&top, "modelId", s->models, s->modelsz,
	    tmp.models, tmp.modelsz, sizeof(struct model),
	    offsetof(struct model, model_id)) == -1)
		goto out;
	move_models(s, &tmp);
	rc = 0;
out:
	snapshot_free(&tmp);
	json_free(root);
	return rc;
}

/* Replace the string at *dst (maybe shared) with a (shared) copy of "src". */
static void
replace(char **dst, const char *src)
{
	snapshot_str_free(*dst);
	*dst = xstrdup(src);
	snapshot_str_share(dst);
}

int
aws_parse_model_availability(const char *body, size_t len, struct model *m,
    char **cause)
{
	struct json_at	 top = { OP_AVAIL, NULL, cause };
	struct json_at	 agat = { OP_AVAIL, "agreementAvailability",
	    cause };
	cJSON		*root;
	const cJSON	*ag;
	const char	*id, *agree, *auth, *ent, *reg;
	char		*msg = NULL;
	int		 rc = -1;

	assert(m->model_id != NULL);
	if ((root = json_parse(OP_AVAIL, body, len, cause)) == NULL)
		return -1;
	/* The model asked for, exactly: a key made inexact cannot match. */
	if ((id = json_req_str(root, &top, "modelId", AWS_MAX_ID_BYTES)) ==
	    NULL)
		goto out;
	if (strcmp(id, m->model_id) != 0) {
		/* Raw: json_warn() escapes stderr, the outputs the rest. */
		json_warn(&top, "modelId", "%s, but %s was asked for", id,
		    m->model_id);
		goto out;
	}
	if ((ag = json_req_obj(root, &top, "agreementAvailability")) == NULL ||
	    (agree = json_req_str(ag, &agat, "status",
	    AWS_MAX_FIELD_BYTES)) == NULL ||
	    (auth = json_req_str(root, &top, "authorizationStatus",
	    AWS_MAX_FIELD_BYTES)) == NULL ||
	    (ent = json_req_str(root, &top, "entitlementAvailability",
	    AWS_MAX_FIELD_BYTES)) == NULL ||
	    (reg = json_req_str(root, &top, "regionAvailability",
	    AWS_MAX_FIELD_BYTES)) == NULL ||
	    aws_json_opt_text(ag, &agat, "errorMessage", &msg) == -1)
		goto out;
	replace(&m->agreement, agree);
	replace(&m->authorization, auth);
	replace(&m->entitlement, ent);
	replace(&m->region_availability, reg);
	/* Stored as sent, NULL when absent; renderers escape it. */
	free(m->agreement_message);
	m->agreement_message = msg;
	msg = NULL;
	rc = 0;
out:
	free(msg);
	json_free(root);
	return rc;
}

/* Does "s" hold a byte below 0x20? */
static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			return 1;
	return 0;
}

/*
 * Split model ARN "arn" (arn:partition:service:region:account:resource)
 * into the model ID (the part after "foundation-model/", or the whole
 * resource for any other kind) and the region ("" if none); both are
 * new strings.  -1 when "arn" is not an ARN.
 */
static int
split_model_arn(const char *arn, char **id, char **region)
{
	const char	*f[6];
	const char	*res, *kind = "foundation-model/";
	size_t		 i;

	*id = *region = NULL;
	if (strncmp(arn, "arn:", 4) != 0)
		return -1;
	f[0] = arn;
	for (i = 1; i < 6; i++)
		if ((f[i] = strchr(f[i - 1], ':')) == NULL)
			return -1;
		else
			f[i]++;
	res = f[5];
	if (strncmp(res, kind, strlen(kind)) == 0)
		res += strlen(kind);
	if (*res == '\0' || strlen(res) > AWS_MAX_ID_BYTES ||
	    strpbrk(res, ",\x7f") != NULL || has_control(res))
		return -1;
	*region = xstrndup(f[3], (size_t)(f[4] - f[3] - 1));
	if (**region != '\0' && !aws_region_valid(*region)) {
		free(*region);
		*region = NULL;
		return -1;
	}
	*id = xstrdup(res);
	return 0;
}

/*
 * Collect the model IDs and regions of profile "o"'s "models" list into
 * sorted, joined strings.  0, or -1 after one warnx(3).
 */
static int
profile_models(const cJSON *o, const struct json_at *at, struct profile *p)
{
	char		*ids[AWS_MAX_LIST_ITEMS], *regs[AWS_MAX_LIST_ITEMS];
	const char	*vi[AWS_MAX_LIST_ITEMS], *vr[AWS_MAX_LIST_ITEMS];
	char		 path[128];
	struct json_at	 eat = { at->op, path, at->cause };
	const cJSON	*list, *e;
	const char	*arn;
	size_t		 idx = 0, n = 0, nr = 0, i;
	int		 rc = -1;

	if ((list = json_req_array(o, at, "models", AWS_MAX_LIST_ITEMS)) ==
	    NULL)
		return -1;
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "%s.models[%zu]", at->path,
		    idx);
		if (json_elem_obj(e, at, "models", idx++) == NULL ||
		    json_opt_str(e, &eat, "modelArn", AWS_MAX_FIELD_BYTES,
		    &arn) == -1)
			goto out;
		if (arn == NULL)	/* not required by the API model */
			continue;
		if (split_model_arn(arn, &ids[n], &regs[n]) == -1) {
			json_warn(&eat, "modelArn", "not a model ARN");
			goto out;
		}
		vi[n] = ids[n];
		if (*regs[n] != '\0')
			vr[nr++] = regs[n];
		n++;
	}
	p->model_ids = aws_join_sorted(vi, n);
	p->regions = aws_join_sorted(vr, nr);
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(ids[i]);
		free(regs[i]);
	}
	return rc;
}

/*
 * Fill profile row "p" from summary "o", whose inferenceProfileId is
 * "id" (checked by the caller); -1 after one warnx(3).
 */
static int
profile_from_json(const cJSON *o, const struct json_at *at, const char *id,
    struct profile *p)
{
	const char	*name, *type, *status;

	if ((name = json_req_str(o, at, "inferenceProfileName",
	    AWS_MAX_FIELD_BYTES)) == NULL ||
	    (type = json_req_str(o, at, "type", AWS_MAX_FIELD_BYTES)) ==
	    NULL ||
	    (status = json_req_str(o, at, "status", AWS_MAX_FIELD_BYTES)) ==
	    NULL)
		return -1;
	p->profile_id = xstrdup(id);
	p->profile_name = xstrdup(name);
	p->profile_type = xstrdup(type);
	p->status = xstrdup(status);
	return profile_models(o, at, p);
}

/* Append the rows of "src" to "dst"; "src" keeps no rows. */
static void
move_profiles(struct snapshot *dst, struct snapshot *src)
{
	size_t	i;

	for (i = 0; i < src->profilesz; i++)
		*snapshot_add_profile(dst) = src->profiles[i];
	free(src->profiles);
	src->profiles = NULL;
	src->profilesz = 0;
}

int
aws_parse_inference_profiles(const char *body, size_t len,
    struct snapshot *s, char **next_token, char **cause)
{
	struct snapshot	 tmp;
	struct json_at	 top = { OP_PROFILES, NULL, cause };
	char		 path[48];
	struct json_at	 at = { OP_PROFILES, path, cause };
	cJSON		*root;
	const cJSON	*list, *e;
	const char	*id;
	size_t		 i = 0;
	int		 k, rc = -1;

	memset(&tmp, 0, sizeof(tmp));
	*next_token = NULL;
	if ((root = json_parse(OP_PROFILES, body, len, cause)) == NULL)
		return -1;
	/* Optional in the API model: an empty last page may omit it. */
	if (json_opt_array(root, &top, "inferenceProfileSummaries",
	    AWS_MAX_REPLY_ITEMS, &list) == -1)
		goto out;
	if (s->profilesz + (size_t)cJSON_GetArraySize(list) >
	    AWS_MAX_PROFILES_PER_REGION) {
		json_warn(&top, NULL, "more than %d inference profiles in the "
		    "region", AWS_MAX_PROFILES_PER_REGION);
		goto out;
	}
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path),
		    "inferenceProfileSummaries[%zu]", i);
		if (json_elem_obj(e, &top, "inferenceProfileSummaries", i++) ==
		    NULL || (k = aws_json_key(e, &at, "inferenceProfileId",
		    &id)) == -1)
			goto out;
		if (k == 0)
			continue;	/* not an exact key: said, skipped */
		if (profile_from_json(e, &at, id,
		    snapshot_add_profile(&tmp)) == -1)
			goto out;
	}
	if (aws_check_unique(&top, "inferenceProfileId", s->profiles,
	    s->profilesz, tmp.profiles, tmp.profilesz, sizeof(struct profile),
	    offsetof(struct profile, profile_id)) == -1 ||
	    aws_next_token(root, &top, "nextToken", next_token) == -1)
		goto out;
	move_profiles(s, &tmp);
	rc = 0;
out:
	snapshot_free(&tmp);
	json_free(root);
	return rc;
}
