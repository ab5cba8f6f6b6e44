/*
 * schema.h: the SQL migrations compiled into the binary.
 *
 * src/schema_gen.c is generated from schema/NNNN-*.sql by
 * tools/embed-schema.sh; the store applies them in order (store.h).
 */
#ifndef BEDROCK_AUDIT_SCHEMA_H
#define BEDROCK_AUDIT_SCHEMA_H

#include <stddef.h>

struct schema_migration {
	int		 version;	/* PRAGMA user_version after applying */
	const char	*name;		/* file name, for messages */
	const char	*sql;		/* the whole file */
};

extern const struct schema_migration	schema_migrations[];	/* ascending */
extern const size_t			schema_migrationsz;

#endif /* BEDROCK_AUDIT_SCHEMA_H */
