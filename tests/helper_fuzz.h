/*
 * helper_fuzz.h: what each fuzz target does with one input.
 *
 * The libFuzzer harnesses (fuzz/fuzz_<name>.c, built with clang by
 * fuzz/fuzz.mk) and the regression test (tests/check_fuzz_regress.c,
 * built with the other tests) call the same entry functions, so an input
 * that once broke a harness is replayed by `make test` through exactly
 * the same code.
 *
 * An entry takes any bytes, feeds them to one parser or renderer, checks
 * invariants of the result (contracts of the module's header), and frees
 * everything; it keeps no state between calls.  It returns 0, or -1 after
 * writing "fuzz: <target>: <what broke>" to file descriptor 2.  Memory
 * errors are the sanitizers' (or valgrind's) to catch.
 *
 * Several targets take two parts: the input is split at the first
 * FUZZ_SEP, e.g. "model ID" FUZZ_SEP "reply body".  The report and
 * escape targets read a record: single bytes for numbers and choices,
 * NUL-terminated fields for strings (fuzz/README.md has the layouts).
 */
#ifndef BEDROCK_AUDIT_HELPER_FUZZ_H
#define BEDROCK_AUDIT_HELPER_FUZZ_H

#include <stddef.h>
#include <stdlib.h>		/* FUZZ_HARNESS: getenv(), abort() */

#define FUZZ_SEP		"\n#--#\n"	/* splits an input in two */
#define FUZZ_MAX_INPUT_BYTES	(1024 * 1024)	/* a corpus or regress file */

/* One fuzz target. */
struct fuzz_target {
	const char	*name;	/* "aws_models": fuzz/fuzz_aws_models.c,
				   fuzz/corpus/aws_models/ */
	int		(*run)(const unsigned char *data, size_t size);
				/* the entry: 0, or -1 (reported) */
};

/* Every target, in a fixed order; fuzz_ntargets entries. */
extern const struct fuzz_target	fuzz_targets[];
extern const size_t		fuzz_ntargets;

/* The target called "name", or NULL. */
const struct fuzz_target	*fuzz_target_find(const char *name);

/*
 * Send the modules' warnx(3) chatter (every rejected input warns once)
 * to /dev/null when "on", back to stderr when not, by swapping glibc's
 * stderr stream.  Failed invariants and sanitizer reports go to file
 * descriptor 2 and are never hidden.
 */
void	fuzz_quiet(int on);

/* The entries, one per target; see fuzz_targets[] for what each feeds. */
int	fuzz_aws_models(const unsigned char *data, size_t size);
int	fuzz_aws_availability(const unsigned char *data, size_t size);
int	fuzz_aws_profiles(const unsigned char *data, size_t size);
int	fuzz_aws_quotas(const unsigned char *data, size_t size);
int	fuzz_aws_history(const unsigned char *data, size_t size);
int	fuzz_aws_identity(const unsigned char *data, size_t size);
int	fuzz_aws_regions(const unsigned char *data, size_t size);
int	fuzz_aws_cw_metrics(const unsigned char *data, size_t size);
int	fuzz_aws_cw_data(const unsigned char *data, size_t size);
int	fuzz_aws_org_accounts(const unsigned char *data, size_t size);
int	fuzz_aws_error(const unsigned char *data, size_t size);
int	fuzz_ini(const unsigned char *data, size_t size);
int	fuzz_creds_process(const unsigned char *data, size_t size);
int	fuzz_creds_container(const unsigned char *data, size_t size);
int	fuzz_creds_imds(const unsigned char *data, size_t size);
int	fuzz_creds_sso(const unsigned char *data, size_t size);
int	fuzz_aws_assume_role(const unsigned char *data, size_t size);
int	fuzz_num(const unsigned char *data, size_t size);
int	fuzz_duration(const unsigned char *data, size_t size);
int	fuzz_iso8601(const unsigned char *data, size_t size);
int	fuzz_regions(const unsigned char *data, size_t size);
int	fuzz_report(const unsigned char *data, size_t size);
int	fuzz_report_status(const unsigned char *data, size_t size);
int	fuzz_escape(const unsigned char *data, size_t size);
int	fuzz_notify_config(const unsigned char *data, size_t size);
int	fuzz_aws_notify(const unsigned char *data, size_t size);

/*
 * The body of every harness: LLVMFuzzerInitialize() silences warnings
 * (fuzz_quiet()) unless FUZZ_VERBOSE is set in the environment, and
 * LLVMFuzzerTestOneInput() aborts on a failed invariant, which libFuzzer
 * reports as a crash and saves the input.
 */
#define FUZZ_HARNESS(entry)						\
int	LLVMFuzzerInitialize(int *argc, char ***argv);			\
int	LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);	\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	if (getenv("FUZZ_VERBOSE") == NULL)				\
		fuzz_quiet(1);						\
	return 0;							\
}									\
int									\
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)		\
{									\
	if (entry(data, size) != 0)					\
		abort();						\
	return 0;							\
}

#endif /* BEDROCK_AUDIT_HELPER_FUZZ_H */
