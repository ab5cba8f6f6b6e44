/*
 * aws_account.c: AWS Account Management ListRegions (restJson1): which
 * regions the account has enabled.  See aws.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_impl.h"
#include "json.h"
#include "util.h"

#define OP_REGIONS		"ListRegions"
#define ACCOUNT_CONTENT_TYPE	"application/x-amz-json-1.1"
#define REGION_NAME_BYTES	50	/* RegionName: 1..50 (the model) */

int
aws_req_list_regions(struct aws_request *r, const char *next_token)
{
	const struct json_at	 at = { OP_REGIONS, NULL, NULL };
	struct buf		 b = BUF_INIT;
	int			 t;

	aws_req_init(r, AWS_SVC_ACCOUNT, OP_REGIONS, "POST");
	free(r->path);
	r->path = xstrdup("/listRegions");
	if ((t = aws_token_check(&at, next_token)) == -1)
		return -1;
	r->content_type = xstrdup(ACCOUNT_CONTENT_TYPE);
	buf_addstr(&b, "{\"RegionOptStatusContains\": [\"ENABLED\", "
	    "\"ENABLED_BY_DEFAULT\"]");
	aws_req_json_page(r, &b, AWS_REGIONS_PAGE_ITEMS,
	    t == 1 ? next_token : NULL);
	return 0;
}

int
aws_regions_has(const struct aws_regions *r, const char *region)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->names[i], region) == 0)
			return 1;
	return 0;
}

void
aws_regions_free(struct aws_regions *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		free(r->names[i]);
	free(r->names);
	memset(r, 0, sizeof(*r));
}

/* Whether "status" says the region may be used. */
static int
status_enabled(const char *status)
{
	return strcmp(status, "ENABLED") == 0 ||
	    strcmp(status, "ENABLED_BY_DEFAULT") == 0;
}

int
aws_parse_regions(const char *body, size_t len, struct aws_regions *out,
    char **next_token, char **cause)
{
	struct aws_regions	 tmp = { NULL, 0 };
	struct json_at		 top = { OP_REGIONS, NULL, cause };
	char			 path[32];
	struct json_at		 at = { OP_REGIONS, path, cause };
	cJSON			*root;
	const cJSON		*list, *e;
	const char		*name, *status;
	size_t			 i = 0, j;
	int			 k, rc = -1;

	*next_token = NULL;
	if ((root = json_parse(OP_REGIONS, body, len, cause)) == NULL)
		return -1;
	/* An absent list would read as "no region is enabled". */
	if ((list = json_req_array(root, &top, "Regions",
	    AWS_MAX_REPLY_ITEMS)) == NULL)
		goto out;
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "Regions[%zu]", i);
		if (json_elem_obj(e, &top, "Regions", i++) == NULL ||
		    (name = json_req_str(e, &at, "RegionName",
		    REGION_NAME_BYTES)) == NULL ||
		    (k = json_opt_str(e, &at, "RegionOptStatus",
		    AWS_MAX_FIELD_BYTES, &status)) == -1)
			goto out;
		if (!aws_region_valid(name)) {
			json_warn(&at, "RegionName", "not a region name");
			goto out;
		}
		/* No status is not "enabled": the filter always sends it. */
		if (k == 0 || !status_enabled(status))
			continue;
		if (aws_regions_has(out, name) ||
		    aws_regions_has(&tmp, name)) {
			json_warn(&at, "RegionName", "duplicate region %s",
			    name);
			goto out;
		}
		if (out->n + tmp.n >= AWS_MAX_ACCOUNT_REGIONS) {
			json_warn(&top, NULL, "more than %d enabled regions",
			    AWS_MAX_ACCOUNT_REGIONS);
			goto out;
		}
		tmp.names = xreallocarray(tmp.names, tmp.n + 1,
		    sizeof(*tmp.names));
		tmp.names[tmp.n++] = xstrdup(name);
	}
	if (aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	if (tmp.n > 0) {
		out->names = xreallocarray(out->names, out->n + tmp.n,
		    sizeof(*out->names));
		for (j = 0; j < tmp.n; j++)
			out->names[out->n++] = tmp.names[j];
		free(tmp.names);
		tmp.names = NULL;
		tmp.n = 0;
	}
	rc = 0;
out:
	aws_regions_free(&tmp);
	json_free(root);
	return rc;
}
