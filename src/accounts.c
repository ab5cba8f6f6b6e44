/*
 * accounts.c: account lists and member role ARNs (accounts.h).  Pure.
 */
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "util.h"

#define ACCOUNT_ID_LEN	12
#define PARTITION_MAX	32	/* "aws-iso-b" and kin are far shorter */

static int
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One token of "len" bytes: an account ID, or -1 with *cause. */
static int
take_token(const char *tok, size_t len, char **cause)
{
	char	 shown[24];
	size_t	 i, n;

	for (i = 0; i < len; i++)
		if (tok[i] < '0' || tok[i] > '9')
			break;
	if (i == len && len == ACCOUNT_ID_LEN)
		return 0;
	/* Quote at most 16 bytes, printable ASCII only. */
	n = len < 16 ? len : 16;
	for (i = 0; i < n; i++)
		shown[i] = (tok[i] > 0x20 && tok[i] < 0x7f) ? tok[i] : '?';
	shown[n] = '\0';
	*cause = xasprintf("\"%s%s\" is not an AWS account ID (12 digits)",
	    shown, len > n ? "..." : "");
	return -1;
}

int
accounts_parse(const char *text, size_t len, char ***out, size_t *outsz,
    char **cause)
{
	char	**v = NULL;
	size_t	 n = 0, cap = 0, i = 0, start, j;

	*out = NULL;
	*outsz = 0;
	*cause = NULL;
	while (i < len) {
		if (is_sep(text[i])) {
			i++;
			continue;
		}
		if (text[i] == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		start = i;
		while (i < len && !is_sep(text[i]) && text[i] != '#')
			i++;
		if (take_token(text + start, i - start, cause) == -1)
			goto fail;
		if (n == ACCOUNTS_MAX) {
			*cause = xasprintf("more than %d accounts",
			    ACCOUNTS_MAX);
			goto fail;
		}
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = xstrndup(text + start, i - start);
	}
	if (n == 0) {
		*cause = xstrdup("no account IDs");
		goto fail;
	}
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 1, j = 1; i < n; i++) {
		if (strcmp(v[i], v[j - 1]) == 0)
			free(v[i]);
		else
			v[j++] = v[i];
	}
	*out = v;
	*outsz = j;
	return 0;
fail:
	accounts_free(v, n);
	return -1;
}

void
accounts_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
accounts_role_name_valid(const char *name)
{
	size_t	i, n = strlen(name);

	if (n == 0 || n > ACCOUNTS_ROLE_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    strchr("+=,.@_-", name[i]) != NULL))
			return 0;
	return 1;
}

char *
accounts_partition(const char *arn)
{
	const char	*p, *e;
	size_t		 i;

	if (strncmp(arn, "arn:", 4) != 0)
		return NULL;
	p = arn + 4;
	if ((e = strchr(p, ':')) == NULL || e == p ||
	    (size_t)(e - p) > PARTITION_MAX)
		return NULL;
	for (i = 0; p + i < e; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || p[i] == '-'))
			return NULL;
	return xstrndup(p, (size_t)(e - p));
}

char *
accounts_role_arn(const char *partition, const char *account,
    const char *role_name)
{
	return xasprintf("arn:%s:iam::%s:role/%s", partition, account,
	    role_name);
}

/* A number of --shard, --shard-count or the job's environment. */
static int
shard_num(const char *what, const char *s, long long min, long long max,
    long long *out, char **cause)
{
	const char	*errstr;

	*out = parse_num(s, min, max, &errstr);
	if (errstr != NULL) {
		*cause = xasprintf("%s \"%.32s\": %s (%lld to %lld)", what, s,
		    errstr, min, max);
		return -1;
	}
	return 0;
}

int
accounts_shard_parse(const char *spec, const char *count,
    const char *batch_index, const char *batch_size, const char *k8s_index,
    struct accounts_shard *out, char **cause)
{
	const char	*slash, *what;
	char		 first[16];
	long long	 i, n, m;

	*cause = NULL;
	memset(out, 0, sizeof(*out));
	if (strcmp(spec, "auto") != 0) {
		if ((slash = strchr(spec, '/')) == NULL ||
		    (size_t)(slash - spec) >= sizeof(first)) {
			*cause = xasprintf("--shard \"%.32s\": not I/N or "
			    "auto", spec);
			return -1;
		}
		memcpy(first, spec, (size_t)(slash - spec));
		first[slash - spec] = '\0';
		if (shard_num("--shard count", slash + 1, 1,
		    ACCOUNTS_MAX_SHARDS, &n, cause) == -1 ||
		    shard_num("--shard index", first, 1, n, &i, cause) == -1)
			return -1;
		if (count != NULL && (shard_num("--shard-count", count, 1,
		    ACCOUNTS_MAX_SHARDS, &m, cause) == -1 || m != n)) {
			if (*cause == NULL)
				*cause = xasprintf("--shard %s and "
				    "--shard-count %lld disagree", spec, m);
			return -1;
		}
		out->index = (unsigned)i;
		out->count = (unsigned)n;
		return 0;
	}
	n = 0;
	if (count != NULL && shard_num("--shard-count", count, 1,
	    ACCOUNTS_MAX_SHARDS, &n, cause) == -1)
		return -1;
	if (batch_index != NULL) {
		what = "AWS_BATCH_JOB_ARRAY_INDEX";
		if (batch_size != NULL) {
			if (shard_num("AWS_BATCH_JOB_ARRAY_SIZE", batch_size,
			    1, ACCOUNTS_MAX_SHARDS, &m, cause) == -1)
				return -1;
			if (n != 0 && m != n) {
				*cause = xasprintf("--shard-count %lld and "
				    "AWS_BATCH_JOB_ARRAY_SIZE %lld disagree",
				    n, m);
				return -1;
			}
			n = m;
		}
	} else if (k8s_index != NULL)
		what = "JOB_COMPLETION_INDEX";
	else {
		*cause = xstrdup("--shard auto: neither "
		    "AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job) nor "
		    "JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set");
		return -1;
	}
	if (n == 0) {
		*cause = xasprintf("--shard auto: %s is set but not the "
		    "number of shards: give --shard-count N%s", what,
		    batch_index != NULL ? " or AWS_BATCH_JOB_ARRAY_SIZE" : "");
		return -1;
	}
	if (shard_num(what, batch_index != NULL ? batch_index : k8s_index, 0,
	    n - 1, &i, cause) == -1)
		return -1;
	out->index = (unsigned)i + 1;
	out->count = (unsigned)n;
	return 0;
}

int
accounts_in_shard(const char *id, const struct accounts_shard *sh)
{
	unsigned long long	 v = 0;
	const char		*p;

	/* 12 digits: below 10^12, no overflow. */
	for (p = id; *p >= '0' && *p <= '9' && p - id < 12; p++)
		v = v * 10 + (unsigned long long)(*p - '0');
	return sh->count > 0 && v % sh->count == sh->index - 1;
}

void
accounts_shard_filter(char **v, size_t *n, const struct accounts_shard *sh)
{
	size_t	 i, k = 0;

	for (i = 0; i < *n; i++) {
		if (accounts_in_shard(v[i], sh))
			v[k++] = v[i];
		else
			free(v[i]);
	}
	*n = k;
}
