/*
 * tz.h: the reader's time zone, for the times a report shows next to
 * UTC (report --tz, status --tz, case --tz).
 *
 * Zones have TZ(3) semantics: a name from the time zone database
 * ("Asia/Tokyo", optionally after ':'), looked up under $TZDIR or
 * /usr/share/zoneinfo, or a POSIX TZ string ("JST-9").  Only command
 * code calls this module: it reads the zone files and sets TZ.
 */
#ifndef BEDROCK_AUDIT_TZ_H
#define BEDROCK_AUDIT_TZ_H

/* Longest zone name or TZ string accepted. */
#define TZ_MAX_NAME_BYTES	128

/*
 * Whether "zone" names a time zone: 0, or -1 with *cause set to a static
 * reason (no warning).  glibc quietly takes an unknown name for UTC;
 * this is the check that it does not.
 */
int	 tz_valid(const char *zone, const char **cause);

/*
 * Make "zone" the process's local time zone (NULL: keep the local zone
 * of the environment).  Returns 0, or -1 after warnx(3).
 */
int	 tz_use(const char *zone);

/*
 * The UTC ISO-8601 time "utc" in the local zone as "YYYY-MM-DD HH:MM
 * ZONE", or NULL when "utc" does not parse or the local zone is UTC at
 * that time (nothing to add).  Caller frees.
 */
char	*tz_local_text(const char *utc);

#endif /* BEDROCK_AUDIT_TZ_H */
