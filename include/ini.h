/*
 * ini.h: the text format of the AWS shared config and credentials files.
 *
 * A pure parser: ini_parse() turns text into sections of "key = value"
 * entries and never does I/O, so it can be fed hostile input directly;
 * ini_load() is the thin file-reading wrapper.  What the sections mean
 * (which one is a profile) is config.c's business, not this module's.
 *
 * Syntax accepted, as the AWS SDKs read these files:
 *   [default]  [profile name]  [name]  [sso-session name]  [services name]
 *   key = value		value runs to the end of the line; no inline
 *				comments; both sides are trimmed
 *   # comment  ; comment	whole lines only (leading blanks allowed)
 *   key =			an empty value followed by lines indented
 *     sub = value		deeper than "key" opens a nested block: each
 *				such line is a sub-key of "key" (as in
 *				[services x] "bedrock =" blocks)
 * An indented line after a non-empty value continues that value (joined
 * with "\n").  A section header may be followed by a comment.  Section
 * names are case-sensitive; whitespace inside them is collapsed to one
 * space, so "[profile   x]" is "profile x".  Keys compare without regard
 * to case.  A repeated section is merged into the first one; a repeated
 * key keeps its last value.  A UTF-8 byte order mark and CR before LF are
 * ignored.  NUL bytes are an error.
 *
 * Every value the file holds (secret keys included) is wiped with
 * explicit_bzero() by ini_free().
 */
#ifndef BEDROCK_AUDIT_INI_H
#define BEDROCK_AUDIT_INI_H

#include <stddef.h>

#define INI_MAX_BYTES		(1024 * 1024)	/* whole file */
#define INI_MAX_LINE_BYTES	8192		/* one line, without LF */
#define INI_MAX_NAME_BYTES	256		/* section name or key */
#define INI_MAX_SECTIONS	1024		/* distinct sections */
#define INI_MAX_SECTION_KEYS	512		/* (sub-)keys, one section */
#define INI_MAX_ENTRIES		16384		/* (sub-)keys, in all */

struct ini;				/* opaque: one parsed file */

/*
 * Parse "len" bytes of "text" (need not be NUL-terminated).  "filename"
 * is used only in messages, which read "filename:line: problem"; NULL
 * means "(config)".  Returns a new ini, to be released with ini_free(),
 * or NULL after warnx(3) on the first syntax error or exceeded ceiling.
 */
struct ini	*ini_parse(const char *text, size_t len, const char *filename);

/*
 * Read and parse the file at "path" (at most INI_MAX_BYTES).  A missing
 * file (ENOENT) and "/dev/null" are not errors: the result is an empty
 * ini.  Anything else that is not a regular file (a FIFO, a device, a
 * directory) is refused without being opened.  Returns NULL after
 * warnx(3) when the file is refused, cannot be read or does not parse.
 */
struct ini	*ini_load(const char *path);

/* Release "ini" and wipe every string it holds.  NULL is allowed. */
void		 ini_free(struct ini *ini);

/* 1 if "section" (as normalised above) appeared in the file, else 0. */
int		 ini_has_section(const struct ini *ini, const char *section);

/*
 * The value of "key" in "section", or NULL if either is absent.  A key
 * that opens a nested block has the value "".  Borrowed: valid until
 * ini_free().
 */
const char	*ini_get(const struct ini *ini, const char *section,
		    const char *key);

/*
 * The value of "sub" inside the nested block of "key" in "section"
 * (e.g. "services dev", "bedrock", "endpoint_url"), or NULL.  Borrowed
 * as for ini_get().
 */
const char	*ini_get_sub(const struct ini *ini, const char *section,
		    const char *key, const char *sub);

/* Number of sections, for tests and diagnostics. */
size_t		 ini_nsections(const struct ini *ini);

/*
 * For files whose sections are not known in advance (the notification
 * targets, notify.h): the name of section "i" (0 .. ini_nsections() - 1,
 * in order of first appearance; NULL past the end, borrowed) and the
 * 1-based line of its first header (0 past the end).
 */
const char	*ini_section_name(const struct ini *ini, size_t i);
size_t		 ini_section_line(const struct ini *ini, size_t i);

/*
 * The "k"th key of section "i" (in order of first appearance), with the
 * line of its last value in *line when "line" is not NULL; "" for an
 * entry of a nested block; NULL past the end.  Borrowed.
 */
const char	*ini_section_key(const struct ini *ini, size_t i, size_t k,
		    size_t *line);

/* The 1-based line of the (last) value of "key" in "section"; 0: absent. */
size_t		 ini_key_line(const struct ini *ini, const char *section,
		    const char *key);

#endif /* BEDROCK_AUDIT_INI_H */
