/*
 * accounts.h: the accounts of a multi-account collect (collect
 * --accounts LIST|@FILE --role-name NAME): the list's syntax, the role
 * ARN assumed in each account, and the partition it is built in.  Pure:
 * the command reads the file; this module only parses text.
 */
#ifndef BEDROCK_AUDIT_ACCOUNTS_H
#define BEDROCK_AUDIT_ACCOUNTS_H

#include <stddef.h>

#define ACCOUNTS_MAX		10000		/* accounts in one list */
#define ACCOUNTS_MAX_FILE_BYTES	(1024 * 1024)	/* an @FILE list */
#define ACCOUNTS_ROLE_NAME_MAX	64		/* IAM: a role's name */

/*
 * Parse "text" (len bytes): account IDs (12 digits each) separated by
 * commas, blanks or newlines; in a file, "#" starts a comment that runs
 * to the end of the line.  The IDs are sorted and duplicates dropped,
 * into a new array *out of *outsz strings (free with accounts_free()).
 * An empty list is an error.  Returns 0, or -1 with *cause set (caller
 * frees; it quotes no more than the offending token, made safe).
 */
int	accounts_parse(const char *text, size_t len, char ***out,
	    size_t *outsz, char **cause);
void	accounts_free(char **v, size_t n);

/*
 * Whether "name" is an IAM role name (1..ACCOUNTS_ROLE_NAME_MAX of
 * [A-Za-z0-9+=,.@_-]); 1 or 0.
 */
int	accounts_role_name_valid(const char *name);

/*
 * The partition ("aws", "aws-cn", "aws-us-gov", ...) of the caller's
 * ARN "arn" ("arn:PARTITION:..."): a new string, or NULL when "arn" is
 * not an ARN.
 */
char	*accounts_partition(const char *arn);

/* "arn:PARTITION:iam::ACCOUNT:role/NAME", a new string. */
char	*accounts_role_arn(const char *partition, const char *account,
	    const char *role_name);

#endif /* BEDROCK_AUDIT_ACCOUNTS_H */
