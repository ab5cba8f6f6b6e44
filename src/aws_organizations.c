/*
 * aws_organizations.c: AWS Organizations ListAccounts and
 * ListAccountsForParent (awsJson1_1): the accounts of an organization,
 * for collect --org.  See aws.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_impl.h"
#include "json.h"
#include "util.h"

#define OP_ACCOUNTS		"ListAccounts"
#define OP_FOR_PARENT		"ListAccountsForParent"
#define ORG_CONTENT_TYPE	"application/x-amz-json-1.1"
#define ORG_TARGET_PREFIX	"AWSOrganizationsV20161128."
#define ORG_ACCOUNT_ID_LEN	12
#define ORG_STATUS_BYTES	32	/* ACTIVE, PENDING_CLOSURE, ... */
#define ORG_PARENT_MAX		100	/* ou-xxxx-yyyyyyyy, r-xxxx */

int
aws_org_parent_valid(const char *id)
{
	size_t		 i, n = strlen(id), dash = 0;
	const char	*p;

	if (n > ORG_PARENT_MAX)
		return 0;
	if (strncmp(id, "r-", 2) == 0 && n >= 6 && n <= 34) {
		p = id + 2;
		dash = 1;	/* no second dash in a root ID */
	} else if (strncmp(id, "ou-", 3) == 0 && n >= 3 + 4 + 1 + 8)
		p = id + 3;
	else
		return 0;
	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] == '-' && i > 0 && p[i + 1] != '\0' && !dash) {
			dash = 2;
			continue;
		}
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= '0' && p[i] <= '9')))
			return 0;
	}
	/* A root has none; an OU exactly one, between its two parts. */
	return id[0] == 'r' || dash == 2;
}

int
aws_req_list_org_accounts(struct aws_request *r, const char *parent_id,
    const char *next_token, char **cause)
{
	const char	*op = parent_id != NULL ? OP_FOR_PARENT : OP_ACCOUNTS;
	struct json_at	 at = { op, NULL, cause };
	struct buf	 b = BUF_INIT;
	int		 t;

	aws_req_init(r, AWS_SVC_ORGANIZATIONS, op, "POST");
	if (parent_id != NULL && !aws_org_parent_valid(parent_id)) {
		json_warn(&at, "ParentId", "not an OU or root ID");
		return -1;
	}
	if ((t = aws_token_check(&at, next_token)) == -1)
		return -1;
	r->content_type = xstrdup(ORG_CONTENT_TYPE);
	r->target = xasprintf("%s%s", ORG_TARGET_PREFIX, op);
	buf_printf(&b, "{\"MaxResults\": %d", AWS_ORG_PAGE_ITEMS);
	if (parent_id != NULL) {
		buf_addstr(&b, ", \"ParentId\": ");
		json_buf_addstr(&b, parent_id);
	}
	if (t == 1) {
		buf_addstr(&b, ", \"NextToken\": ");
		json_buf_addstr(&b, next_token);
	}
	buf_addch(&b, '}');
	free(r->body);
	r->bodysz = b.len;
	r->body = buf_detach(&b);
	return 0;
}

void
aws_org_accounts_free(struct aws_org_accounts *a)
{
	size_t	i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++)
		free(a->v[i].status);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* Whether "id" is 12 ASCII digits. */
static int
account_id_valid(const char *id)
{
	size_t	i;

	for (i = 0; i < ORG_ACCOUNT_ID_LEN; i++)
		if (id[i] < '0' || id[i] > '9')
			return 0;
	return id[i] == '\0';
}

/* Whether "status" is an upper-case enumeration value. */
static int
status_valid(const char *status)
{
	size_t	i;

	if (*status == '\0')
		return 0;
	for (i = 0; status[i] != '\0'; i++)
		if (!((status[i] >= 'A' && status[i] <= 'Z') ||
		    status[i] == '_'))
			return 0;
	return 1;
}

/* One element of Accounts[] appended to "out"; -1 after json_warn(). */
static int
parse_account(const cJSON *e, const struct json_at *at,
    struct aws_org_accounts *out)
{
	const char	*id, *state = NULL, *status = NULL;
	int		 k, ks;

	if ((id = json_req_str(e, at, "Id", ORG_ACCOUNT_ID_LEN + 1)) == NULL)
		return -1;
	if (!account_id_valid(id)) {
		json_warn(at, "Id", "not an account ID (12 digits)");
		return -1;
	}
	/* State (newer, with CLOSED) wins over the deprecated Status. */
	if ((k = json_opt_str(e, at, "State", ORG_STATUS_BYTES, &state)) ==
	    -1 || (ks = json_opt_str(e, at, "Status", ORG_STATUS_BYTES,
	    &status)) == -1)
		return -1;
	if (k == 0 && ks == 0) {
		json_warn(at, "Status", "neither State nor Status");
		return -1;
	}
	if (k == 0)
		state = status;
	if (!status_valid(state)) {
		json_warn(at, k ? "State" : "Status", "not a status");
		return -1;
	}
	if (out->n >= AWS_MAX_ORG_ACCOUNTS) {
		json_warn(at, NULL, "more than %d accounts",
		    AWS_MAX_ORG_ACCOUNTS);
		return -1;
	}
	out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
	memcpy(out->v[out->n].id, id, ORG_ACCOUNT_ID_LEN + 1);
	out->v[out->n].status = xstrdup(state);
	out->v[out->n].active = strcmp(state, "ACTIVE") == 0;
	out->n++;
	return 0;
}

int
aws_parse_org_accounts(const char *body, size_t len,
    struct aws_org_accounts *out, char **next_token, char **cause)
{
	struct json_at	 top = { OP_ACCOUNTS, NULL, cause };
	char		 path[32];
	struct json_at	 at = { OP_ACCOUNTS, path, cause };
	cJSON		*root;
	const cJSON	*list, *e;
	size_t		 i = 0, n0 = out->n;
	int		 rc = -1;

	*next_token = NULL;
	if ((root = json_parse(OP_ACCOUNTS, body, len, cause)) == NULL)
		return -1;
	/* An absent list would read as "no accounts". */
	if ((list = json_req_array(root, &top, "Accounts",
	    AWS_MAX_REPLY_ITEMS)) == NULL)
		goto out;
	cJSON_ArrayForEach(e, list) {
		(void)snprintf(path, sizeof(path), "Accounts[%zu]", i);
		if (json_elem_obj(e, &top, "Accounts", i++) == NULL ||
		    parse_account(e, &at, out) == -1)
			goto out;
	}
	if (aws_next_token(root, &top, "NextToken", next_token) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		/* Nothing of a bad page is kept. */
		while (out->n > n0)
			free(out->v[--out->n].status);
	}
	json_free(root);
	return rc;
}
