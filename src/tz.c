/*
 * tz.c: the reader's time zone.  See tz.h.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tz.h"
#include "util.h"

#define TZ_DEFAULT_DIR	"/usr/share/zoneinfo"

/* A database name: no empty, "." or ".." component, no leading '/'. */
static int
name_safe(const char *name)
{
	const char	*p = name, *e;
	size_t		 n;

	if (*name == '\0' || *name == '/')
		return 0;
	for (;; p = e + 1) {
		if ((e = strchr(p, '/')) == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (*e == '\0')
			return 1;
	}
}

/* Whether the database has a zone file "name". */
static int
name_exists(const char *name)
{
	const char	*dir = getenv("TZDIR");
	char		 path[1024];
	struct stat	 sb;
	int		 n;

	if (dir == NULL || *dir == '\0')
		dir = TZ_DEFAULT_DIR;
	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return 0;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/*
 * A POSIX TZ string's start: a zone abbreviation (three or more letters,
 * or "<...>") and an offset that starts with a sign or a digit.  The
 * rest (DST name and rules) is left to tzset(3).
 */
static int
posix_tz(const char *s)
{
	size_t	n;

	if (*s == '<') {
		if ((s = strchr(s, '>')) == NULL)
			return 0;
		s++;
	} else {
		for (n = 0; (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= 'a' && s[n] <= 'z'); n++)
			;
		if (n < 3)
			return 0;
		s += n;
	}
	if (*s == '+' || *s == '-')
		s++;
	return *s >= '0' && *s <= '9';
}

int
tz_valid(const char *zone, const char **cause)
{
	const char	*name = zone;

	if (zone == NULL || *zone == '\0') {
		*cause = "empty time zone";
		return -1;
	}
	if (strlen(zone) > TZ_MAX_NAME_BYTES) {
		*cause = "time zone too long";
		return -1;
	}
	if (*name == ':')
		name++;
	if (name_safe(name) && name_exists(name))
		return 0;
	if (*zone != ':' && posix_tz(zone))
		return 0;
	*cause = "no such time zone (a name like Asia/Tokyo, or a TZ string "
	    "like JST-9)";
	return -1;
}

int
tz_use(const char *zone)
{
	const char	*cause;

	if (zone == NULL)
		return 0;
	if (tz_valid(zone, &cause) == -1) {
		warnx("%s: %s", zone, cause);
		return -1;
	}
	if (setenv("TZ", zone, 1) == -1) {
		warn("setenv TZ");
		return -1;
	}
	tzset();
	return 0;
}

char *
tz_local_text(const char *utc)
{
	struct tm	 tm;
	time_t		 t;
	char		 out[64];

	if (utc == NULL || util_parse_iso8601(utc, &t) == -1)
		return NULL;
	if (localtime_r(&t, &tm) == NULL)
		return NULL;
	if (tm.tm_gmtoff == 0 && (strcmp(tm.tm_zone, "UTC") == 0 ||
	    strcmp(tm.tm_zone, "GMT") == 0))
		return NULL;
	if (strftime(out, sizeof(out), "%Y-%m-%d %H:%M %Z", &tm) == 0)
		return NULL;
	return xstrdup(out);
}
