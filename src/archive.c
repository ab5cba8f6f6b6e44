/*
 * archive.c: the dated report archive on disk.  See archive.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "archive.h"
#include "json.h"
#include "status.h"
#include "util.h"

int
archive_is_day(const char *s)
{
	static const char	shape[] = "dddd-dd-dd";
	size_t			i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (s[i] == '\0')
			return 0;
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return 0;
	}
	return s[i] == '\0';
}

int
archive_dir(const char *dir)
{
	struct stat	sb;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		warnx("%s: not a directory", dir);
		return -1;
	}
	if (errno != ENOENT) {
		warn("%s", dir);
		return -2;
	}
	if (mkdir(dir, 0755) == -1) {
		warn("mkdir %s", dir);
		return -2;
	}
	return 0;
}

/* Read "path" whole (at most ARCHIVE_MAX_JSON_BYTES): owned, or NULL. */
static char *
read_file(const char *path, size_t *len)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[65536];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		warn("%s", path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > ARCHIVE_MAX_JSON_BYTES) {
			warnx("%s: larger than %d bytes", path,
			    ARCHIVE_MAX_JSON_BYTES);
			break;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(fp) || n > 0) {
		if (ferror(fp))
			warn("%s", path);
		(void)fclose(fp);
		buf_free(&b);
		return NULL;
	}
	(void)fclose(fp);
	*len = b.len;
	return buf_detach(&b);
}

/*
 * The facts of day "date" from its JSON report at "path": 0, or -1
 * after a warning (the day is left out of the index).
 */
static int
day_read(const char *path, const char *date, struct report_archive_day *d)
{
	const cJSON	*coll, *sum;
	const char	*st;
	cJSON		*root;
	char		*body;
	size_t		 len = 0;
	double		 run, act, warn_n;
	int		 rc = -1;

	if ((body = read_file(path, &len)) == NULL)
		return -1;
	if ((root = json_parse(path, body, len, NULL)) == NULL)
		goto out;
	coll = cJSON_GetObjectItemCaseSensitive(root, "collection");
	sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
	if (json_num(root, "to_run", &run) == -1 ||
	    (st = json_str(coll, "status")) == NULL ||
	    json_num(sum, "action", &act) == -1 ||
	    json_num(sum, "warning", &warn_n) == -1 ||
	    status_run_parse(st, &d->status) == -1 || run < 0 || act < 0 ||
	    warn_n < 0 || run > 1e15 || act > 1e15 || warn_n > 1e15) {
		warnx("%s: not a daily report; left out of the index", path);
		goto out;
	}
	(void)snprintf(d->date, sizeof(d->date), "%s", date);
	d->run = (long long)run;
	d->actions = (long long)act;
	d->warnings = (long long)warn_n;
	rc = 0;
out:
	json_free(root);
	free(body);
	return rc;
}

/* Newest day first. */
static int
cmp_day(const void *a, const void *b)
{
	return -strcmp(((const struct report_archive_day *)a)->date,
	    ((const struct report_archive_day *)b)->date);
}

/* "name" as "YYYY-MM-DD.json": the day into "date", 1; else 0. */
static int
day_file(const char *name, char date[11])
{
	if (strlen(name) != 15 || strcmp(name + 10, ".json") != 0)
		return 0;
	memcpy(date, name, 10);
	date[10] = '\0';
	return archive_is_day(date);
}

int
archive_days(const char *dir, struct report_archive_day **out,
    size_t *outsz)
{
	struct report_archive_day	*v = NULL;
	struct dirent			*de;
	DIR				*dp;
	char				*path, date[11];
	size_t				 n = 0;

	*out = NULL;
	*outsz = 0;
	if ((dp = opendir(dir)) == NULL) {
		warn("%s", dir);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!day_file(de->d_name, date))
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		path = xasprintf("%s/%s", dir, de->d_name);
		if (day_read(path, date, &v[n]) == 0)
			n++;
		free(path);
	}
	(void)closedir(dp);
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_day);
	*out = v;
	*outsz = n > ARCHIVE_MAX_DAYS ? ARCHIVE_MAX_DAYS : n;
	return 0;
}
