/*
 * regions.h: which regions a collection covers.
 */
#ifndef BEDROCK_AUDIT_REGIONS_H
#define BEDROCK_AUDIT_REGIONS_H

#include <stddef.h>

#define REGIONS_MAX		64	/* regions in one run */
#define REGIONS_NAME_MAX	32	/* bytes in a region name */

/*
 * Parse "list": "all" (the commercial regions with a Bedrock endpoint,
 * or the comma-separated list in $BEDROCK_AUDIT_ALL_REGIONS), or region
 * names separated by commas.  Names must pass regions_name_valid();
 * duplicates are dropped.
 * On success *out holds *outsz owned names (free with regions_free()).
 * Returns 0, or -1 after warnx(3).
 */
/*
 * Whether the "len" bytes at "s" look like a region name: [a-z0-9-], at
 * most REGIONS_NAME_MAX bytes, not starting or ending with '-'.  The one
 * rule for --region, AWS_REGION, --regions and regions in AWS replies.
 */
int	regions_name_valid(const char *s, size_t len);

int	regions_parse(const char *list, char ***out, size_t *outsz);
void	regions_free(char **v, size_t n);

#endif /* BEDROCK_AUDIT_REGIONS_H */
