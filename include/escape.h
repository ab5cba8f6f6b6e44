/*
 * escape.h: make text from AWS safe for a terminal, Markdown, HTML and
 * JSON.
 *
 * Every string the reporter did not write itself (model and quota names,
 * error messages, IDs) passes through one of these before it reaches an
 * output.  The functions append to a struct buf (util.h) and never fail:
 * any byte sequence, including invalid UTF-8, has a defined rendering.
 *
 * "Unsafe" code points, escaped by escape_text() and escape_md(): C0
 * controls, DEL, C1 controls (U+0080..U+009F), the line and paragraph
 * separators U+2028/U+2029, the byte order mark U+FEFF and the Unicode
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), which could reorder what a reader sees.  ASCII ones
 * become "\xNN", others "\uNNNN"; each byte of invalid UTF-8 becomes
 * "\xNN"; a backslash becomes "\\", so the escaping is unambiguous.
 */
#ifndef BEDROCK_AUDIT_ESCAPE_H
#define BEDROCK_AUDIT_ESCAPE_H

#include <stddef.h>

struct buf;

/* What a shortened string ends with. */
#define ESCAPE_ELLIPSIS		"..."

/*
 * Decode one strictly valid UTF-8 sequence at "s" (no overlong forms, no
 * surrogates, nothing above U+10FFFF).  Returns its length in bytes (1-4)
 * and sets *cp, or returns 0 when "s" starts with an invalid byte or with
 * NUL.  "s" must be NUL-terminated.
 */
size_t	 escape_utf8_decode(const char *s, unsigned int *cp);

/*
 * Terminal columns code point "cp" takes: 0 for combining marks and
 * zero-width characters, 2 for East Asian wide and fullwidth characters,
 * 1 otherwise.  Control characters count 1 (they are escaped before any
 * width is measured).
 */
int	 escape_cp_width(unsigned int cp);

/*
 * Columns "s" takes on a terminal; each invalid byte counts 1.  Meant for
 * text that has already been through escape_text().
 */
size_t	 escape_width(const char *s);

/*
 * Append "s" to "b" for a terminal or a plain-text mail: unsafe code
 * points and invalid bytes are escaped (see above), the rest is copied.
 * With "maxcols" > 0 the result takes at most "maxcols" columns (or the
 * ellipsis' 3, when "maxcols" is smaller): a longer string is cut between
 * escape units and ends in ESCAPE_ELLIPSIS.
 * "s" NULL appends nothing.
 */
void	 escape_text(struct buf *b, const char *s, size_t maxcols);

/*
 * Append "s" to "b" as inline Markdown text that renders literally:
 * unsafe code points as in escape_text(); '<', '>' and '&' as HTML
 * entities, so no raw HTML can pass; the Markdown punctuation
 * ` * _ [ ] ( ) # | ~ ! $ { } with a backslash (which also makes the
 * result safe inside a table cell); a backslash as four, so that it
 * renders as the "\\" escape_text() shows; '-', '+' or '=' at the start,
 * or '.' or ')' after leading digits, so the text cannot start a list, a
 * heading underline or a block.  With "maxchars" > 0 at most "maxchars"
 * characters of "s" are kept and a cut string ends in ESCAPE_ELLIPSIS.
 * "s" NULL appends nothing.
 */
void	 escape_md(struct buf *b, const char *s, size_t maxchars);

/*
 * Like escape_md(), for text this program wrote itself (the message
 * catalogue), which must still render literally but is easier to read
 * with fewer escapes: only \ ` * _ [ ] | ~ $ get a backslash and '<'
 * and '&' become entities; '#', '>', '-', '+' and '=' are escaped at the
 * start only.  Never used on strings from AWS.  Nothing is shortened.
 */
void	 escape_md_prose(struct buf *b, const char *s);

/*
 * Append "s" to "b" as HTML text that renders literally, safe both
 * between tags and inside a quoted attribute value (either quote):
 * unsafe code points and invalid bytes as in escape_text() (made visible,
 * so a bidi control cannot reorder what the reader sees and a terminal
 * control never reaches a page saved as text), a backslash doubled, and
 * & < > " ' as entities.  With "maxchars" > 0 at most "maxchars"
 * characters of "s" are kept and a cut string ends in ESCAPE_ELLIPSIS.
 * "s" NULL appends nothing.
 */
void	 escape_html(struct buf *b, const char *s, size_t maxchars);

/*
 * Append "s" to "b" as a JSON string, quotes included: '"' and '\'
 * escaped, every unsafe code point (see above: C0 and C1 controls, DEL,
 * U+2028/U+2029, the BOM, the bidi controls) as \uNNNN (or \n, \t,
 * ...), each invalid UTF-8 byte replaced by U+FFFD so the output is
 * always valid UTF-8.  A JSON parser gets the text back exactly; only
 * its printed form is safe.  Nothing is shortened.  "s" NULL appends
 * null.
 */
void	 escape_json(struct buf *b, const char *s);

#endif /* BEDROCK_AUDIT_ESCAPE_H */
