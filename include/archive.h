/*
 * archive.h: the dated report archive on disk (report --archive DIR).
 *
 * DIR holds one report per day, "YYYY-MM-DD.html", ".md" and ".json"
 * (the newest run of that UTC day), and "index.html", which lists them.
 * The day's JSON report is the archive's own record of the day: the
 * index is rebuilt from the JSON files found in DIR, so days written by
 * earlier runs (or from another database) are kept.  The command writes
 * each file through cmdline_output_open() (a temporary file in DIR,
 * fsync(2), rename(2)).
 */
#ifndef BEDROCK_AUDIT_ARCHIVE_H
#define BEDROCK_AUDIT_ARCHIVE_H

#include <stddef.h>

#include "report.h"

/* Most days the index lists (the newest). */
#define ARCHIVE_MAX_DAYS		10000
/* Largest day JSON file read for the index. */
#define ARCHIVE_MAX_JSON_BYTES		(64 * 1024 * 1024)

/*
 * Whether "dir" can be the archive: 0 when it is a directory or does
 * not exist (then it is created, mode 0755), -1 after one warnx(3)
 * when it exists and is not a directory, and -2 after one warn(3) when
 * it cannot be examined or created.
 */
int	archive_dir(const char *dir);

/*
 * The days of the archive "dir": each "YYYY-MM-DD.json" that parses as
 * a daily report (docs/report-json.md; one that does not is skipped
 * with a warning), newest first, at most ARCHIVE_MAX_DAYS: *out (free
 * with free(3)) and *outsz.  Returns 0, or -1 after warn(3) when "dir"
 * cannot be read.
 */
int	archive_days(const char *dir, struct report_archive_day **out,
	    size_t *outsz);

/*
 * Whether "s" is a day name "YYYY-MM-DD" (digits and dashes in place):
 * 1 or 0.
 */
int	archive_is_day(const char *s);

#endif /* BEDROCK_AUDIT_ARCHIVE_H */
