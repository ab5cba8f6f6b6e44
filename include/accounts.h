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

#define ACCOUNTS_MAX_SHARDS	1000		/* N of --shard I/N */

/*
 * The slice of the account list one copy of a sharded collect takes
 * (collect --shard I/N): shard "index" (1..count) of "count".  An account
 * belongs to shard (ID mod count) + 1, its 12 digits read as a number:
 * every account is in exactly one shard, and which one depends only on
 * its ID and N, never on the other accounts of the list, so an account
 * that joins or leaves the organization moves no other account to
 * another shard (a shard's accounts are its own in every run: what
 * merge requires of their histories).  Account IDs are spread evenly
 * enough for the shards to be even.
 */
struct accounts_shard {
	unsigned	 index;		/* 1..count */
	unsigned	 count;		/* 1..ACCOUNTS_MAX_SHARDS */
};

/*
 * Parse --shard "spec" ("I/N", or "auto") with --shard-count "count"
 * (NULL if not given) into *out.  For "auto" the index is the 0-based
 * "batch_index" (AWS_BATCH_JOB_ARRAY_INDEX) or else "k8s_index"
 * (JOB_COMPLETION_INDEX), and the size "count", or else "batch_size"
 * (AWS_BATCH_JOB_ARRAY_SIZE); the environment's values are parameters
 * (NULL when unset): the caller reads the environment.  A count given
 * twice must agree; "I/N" takes no --shard-count other than N.
 * Returns 0, or -1 with *cause set (caller frees).
 */
int	accounts_shard_parse(const char *spec, const char *count,
	    const char *batch_index, const char *batch_size,
	    const char *k8s_index, struct accounts_shard *out, char **cause);

/* Whether account "id" (12 digits) is in shard "sh"; 1 or 0. */
int	accounts_in_shard(const char *id, const struct accounts_shard *sh);

/*
 * Keep in v (of *n strings from accounts_parse()) the accounts of shard
 * "sh", in their order; the others are freed.
 */
void	accounts_shard_filter(char **v, size_t *n,
	    const struct accounts_shard *sh);

#endif /* BEDROCK_AUDIT_ACCOUNTS_H */
