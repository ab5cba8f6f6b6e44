/*
 * check_fuzz_regress.c: replay every saved fuzz input.
 *
 * For each fuzz target (tests/helper_fuzz.h), every file in
 * fuzz/regress/<name>/ (inputs that once crashed a harness or broke an
 * invariant) and in fuzz/corpus/<name>/ (the seeds) goes through the
 * entry the libFuzzer harness calls, built here with the other tests:
 * with gcc, and under `make sanitize` with ASan and UBSan.  A broken
 * invariant fails the test; a memory error kills it.  Runs from the
 * repository root, like every test.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "creds.h"
#include "util.h"

#include "helper_fuzz.h"
#include "helper_check.h"

#define CORPUS_DIR	"fuzz/corpus"
#define REGRESS_DIR	"fuzz/regress"

/* The bytes of "path" (at most FUZZ_MAX_INPUT_BYTES) into *len. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char	*data;
	FILE		*fp;

	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "%s: cannot open", path);
	data = xmalloc(FUZZ_MAX_INPUT_BYTES + 1);
	*len = fread(data, 1, FUZZ_MAX_INPUT_BYTES + 1, fp);
	ck_assert_msg(!ferror(fp), "%s: read error", path);
	ck_assert_msg(*len <= FUZZ_MAX_INPUT_BYTES, "%s: over %d bytes",
	    path, FUZZ_MAX_INPUT_BYTES);
	(void)fclose(fp);
	return data;
}

/*
 * Run target "t" on every file of "top"/<name>/ but dot files; a
 * missing directory holds nothing.  Returns the number of files.
 */
static size_t
replay_dir(const struct fuzz_target *t, const char *top)
{
	char		*dir, *path;
	unsigned char	*data;
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0, len;

	dir = xasprintf("%s/%s", top, t->name);
	if ((d = opendir(dir)) == NULL) {
		ck_assert_msg(errno == ENOENT, "%s: cannot read", dir);
		free(dir);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		data = slurp(path, &len);
		ck_assert_msg(t->run(data, len) == 0, "%s: broke an invariant",
		    path);
		free(data);
		free(path);
		n++;
	}
	(void)closedir(d);
	free(dir);
	return n;
}

/* Every seed and every saved crash of target _i, warnings muted. */
START_TEST(replay)
{
	const struct fuzz_target	*t = &fuzz_targets[_i];
	size_t				 seeds;

	fuzz_quiet(1);
	seeds = replay_dir(t, CORPUS_DIR);
	(void)replay_dir(t, REGRESS_DIR);
	fuzz_quiet(0);
	ck_assert_msg(seeds > 0, "%s/%s: no seeds (python3 "
	    "fuzz/make-corpus.py)", CORPUS_DIR, t->name);
}
END_TEST

/* The table and the harness files name the same targets. */
START_TEST(harness_files)
{
	const struct fuzz_target	*t;
	struct dirent			*de;
	DIR				*d;
	char				*path, name[256];
	size_t				 i, n = 0, len;

	for (i = 0; i < fuzz_ntargets; i++) {
		t = &fuzz_targets[i];
		ck_assert_ptr_eq(fuzz_target_find(t->name), t);
		path = xasprintf("fuzz/fuzz_%s.c", t->name);
		ck_assert_msg(access(path, R_OK) == 0, "%s: missing", path);
		free(path);
	}
	ck_assert_ptr_null(fuzz_target_find("no_such_target"));
	ck_assert_ptr_nonnull(d = opendir("fuzz"));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (strncmp(de->d_name, "fuzz_", 5) != 0 || len < 8 ||
		    len - 7 >= sizeof(name) ||
		    strcmp(de->d_name + len - 2, ".c") != 0)
			continue;
		memcpy(name, de->d_name + 5, len - 7);
		name[len - 7] = '\0';
		ck_assert_msg(fuzz_target_find(name) != NULL,
		    "fuzz/%s: not in fuzz_targets[]", de->d_name);
		n++;
	}
	(void)closedir(d);
	ck_assert_uint_eq(n, fuzz_ntargets);
}
END_TEST

/* The splitting and record readers cope with empty and tiny inputs. */
START_TEST(tiny_inputs)
{
	static const unsigned char	 sep[] = FUZZ_SEP;
	static const unsigned char	 one[] = { 0xff };
	size_t				 i;

	fuzz_quiet(1);
	for (i = 0; i < fuzz_ntargets; i++) {
		ck_assert_int_eq(fuzz_targets[i].run(one, 0), 0);
		ck_assert_int_eq(fuzz_targets[i].run(one, sizeof(one)), 0);
		ck_assert_int_eq(fuzz_targets[i].run(sep, sizeof(sep) - 1),
		    0);
	}
	fuzz_quiet(0);
}
END_TEST

/*
 * creds_parse_document(), exposed for the creds_* targets, reads a
 * document as each source does, with that source's wording.
 */
START_TEST(creds_document)
{
	static const char	 doc[] = "{\"Version\": 1, \"AccessKeyId\": "
	    "\"AKIDX\", \"SecretAccessKey\": \"sec\", \"Expiration\": "
	    "\"2030-03-17T18:00:00Z\"}";
	static const char	 v2[] = "{\"Version\": 2}";
	struct creds		 c;
	char			*why;

	ck_assert_int_eq(creds_parse_document(CREDS_SOURCE_PROCESS, doc,
	    strlen(doc), &c, &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_str_eq(c.access_key_id, "AKIDX");
	ck_assert_str_eq(c.secret_access_key, "sec");
	ck_assert_ptr_null(c.session_token);
	ck_assert_int_eq(c.expiration, 1900000800);
	ck_assert_int_eq(c.source, CREDS_SOURCE_PROCESS);
	creds_clear(&c);
	ck_assert_ptr_null(c.access_key_id);
	ck_assert_int_eq(creds_parse_document(CREDS_SOURCE_CONTAINER, doc,
	    strlen(doc), &c, &why), 0);
	ck_assert_int_eq(c.source, CREDS_SOURCE_CONTAINER);
	creds_clear(&c);
	ck_assert_int_eq(creds_parse_document(CREDS_SOURCE_IMDS, doc,
	    strlen(doc), &c, &why), -1);
	ck_assert_str_eq(why, "IMDS: no Token string in the reply");
	ck_assert_ptr_null(c.access_key_id);
	free(why);
	ck_assert_int_eq(creds_parse_document(CREDS_SOURCE_PROCESS, v2,
	    strlen(v2), &c, &why), -1);
	ck_assert_str_eq(why, "credential_process: Version is not 1");
	free(why);
	ck_assert_int_eq(creds_parse_document(CREDS_SOURCE_ENV, doc,
	    strlen(doc), &c, &why), -1);
	ck_assert_str_eq(why, "environment: no document to parse");
	free(why);
}
END_TEST

static Suite *
fuzz_regress_suite(void)
{
	Suite	*s = suite_create("fuzz_regress");
	TCase	*tc;

	tc = tcase_create("replay");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, replay, 0, (int)fuzz_ntargets);
	suite_add_tcase(s, tc);
	tc = tcase_create("table");
	tcase_add_test(tc, harness_files);
	tcase_add_test(tc, tiny_inputs);
	tcase_add_test(tc, creds_document);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(fuzz_regress_suite());
}
