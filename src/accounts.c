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
