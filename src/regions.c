/*
 * regions.c: the region list of a collection.  See regions.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "regions.h"
#include "util.h"

/*
 * Commercial regions with a Bedrock control-plane endpoint (botocore
 * 1.43.11 endpoints.json).  An endpoint does not promise any model:
 * ListFoundationModels tells, region by region.
 */
static const char regions_all[] =
    "af-south-1,ap-east-2,ap-northeast-1,ap-northeast-2,ap-northeast-3,"
    "ap-south-1,ap-south-2,ap-southeast-1,ap-southeast-2,ap-southeast-3,"
    "ap-southeast-4,ap-southeast-5,ap-southeast-6,ap-southeast-7,"
    "ca-central-1,ca-west-1,eu-central-1,eu-central-2,eu-north-1,"
    "eu-south-1,eu-south-2,eu-west-1,eu-west-2,eu-west-3,il-central-1,"
    "me-central-1,me-south-1,mx-central-1,sa-east-1,us-east-1,us-east-2,"
    "us-west-1,us-west-2";

int
regions_name_valid(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > REGIONS_NAME_MAX || s[0] == '-' ||
	    s[len - 1] == '-')
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int
regions_parse(const char *list, char ***out, size_t *outsz)
{
	const char	*p, *end, *env;
	char		**v = NULL, *name, safe[REGIONS_NAME_MAX * 2];
	size_t		 n = 0, i, len;

	if (strcmp(list, "all") == 0)
		list = (env = getenv("BEDROCK_AUDIT_ALL_REGIONS")) != NULL &&
		    *env != '\0' ? env : regions_all;
	for (p = list; ; p = end + 1) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (!regions_name_valid(p, len)) {
			name = xstrndup(p, len);
			warnx("%s: not a region name",
			    log_safe(name, safe, sizeof(safe)));
			free(name);
			goto fail;
		}
		name = xstrndup(p, len);
		for (i = 0; i < n && strcmp(v[i], name) != 0; i++)
			;
		if (i < n)
			free(name);
		else if (n == REGIONS_MAX) {
			free(name);
			warnx("more than %d regions", REGIONS_MAX);
			goto fail;
		} else {
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = name;
		}
		if (end == NULL)
			break;
	}
	*out = v;
	*outsz = n;
	return 0;
fail:
	regions_free(v, n);
	return -1;
}

void
regions_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
