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
 * names separated by commas.  Names must look like regions
 * ([a-z0-9-], at most REGIONS_NAME_MAX bytes); duplicates are dropped.
 * On success *out holds *outsz owned names (free with regions_free()).
 * Returns 0, or -1 after warnx(3).
 */
int	regions_parse(const char *list, char ***out, size_t *outsz);
void	regions_free(char **v, size_t n);

#endif /* BEDROCK_AUDIT_REGIONS_H */
