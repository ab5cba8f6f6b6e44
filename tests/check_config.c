/*
 * check_config.c: profile, files, region, endpoint and environment
 * resolution.  Every test runs with a scratch HOME and no AWS_* variables
 * (config_testlib.h).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_testlib.h"
#include "ini.h"
#include "util.h"
#include "helper_check.h"

/* config_load() that must fail; returns the warning (caller frees). */
static char *
load_fails(const char *profile, const char *region)
{
	struct aws_config	*cfg;
	char			*err;

	stderr_capture_start();
	cfg = config_load(profile, region);
	err = stderr_capture_end();
	ck_assert_ptr_null(cfg);
	ck_assert_uint_eq(stderr_lines(err), 1);
	return err;
}

START_TEST(test_profile_default)
{
	struct aws_config	*cfg;
	char			*path;

	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->profile, "default");
	ck_assert_str_eq(cfg->profile_origin, "default");
	path = ct_path(".aws/config");
	ck_assert_str_eq(cfg->config_file, path);
	free(path);
	path = ct_path(".aws/credentials");
	ck_assert_str_eq(cfg->credentials_file, path);
	free(path);
	/* missing files are empty, not errors */
	ck_assert_uint_eq(ini_nsections(cfg->config), 0);
	ck_assert_ptr_null(cfg->config_section);
	ck_assert_ptr_null(cfg->region);
	ck_assert_ptr_null(cfg->region_origin);
	config_free(cfg);
	config_free(NULL);
}
END_TEST

START_TEST(test_profile_precedence)
{
	struct aws_config	*cfg;

	ct_put(".aws/config", "[profile env]\nregion = us-east-2\n"
	    "[profile arg]\nregion = us-west-1\n");
	setenv("AWS_PROFILE", "env", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->profile, "env");
	ck_assert_str_eq(cfg->profile_origin, "AWS_PROFILE");
	ck_assert_str_eq(cfg->region, "us-east-2");
	config_free(cfg);

	cfg = config_load("arg", NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->profile, "arg");
	ck_assert_str_eq(cfg->profile_origin, "--profile");
	ck_assert_str_eq(cfg->config_section, "profile arg");
	ck_assert_str_eq(cfg->region, "us-west-1");
	config_free(cfg);

	/* an empty AWS_PROFILE is unset */
	setenv("AWS_PROFILE", "", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->profile, "default");
	config_free(cfg);
}
END_TEST

START_TEST(test_profile_sections)
{
	struct aws_config	*cfg;

	/*
	 * In the config file only "[profile x]" is profile x; in the
	 * credentials file only "[x]" is.
	 */
	ct_put(".aws/config", "[x]\nregion = eu-north-1\n"
	    "[profile x]\nregion = eu-west-3\n");
	ct_put(".aws/credentials", "[profile x]\naws_access_key_id = WRONG\n"
	    "[x]\naws_access_key_id = RIGHT\n");
	cfg = config_load("x", NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->config_section, "profile x");
	ck_assert_str_eq(cfg->region, "eu-west-3");
	ck_assert_str_eq(config_profile_get(cfg, "region"), "eu-west-3");
	ck_assert_str_eq(config_credentials_get(cfg, "aws_access_key_id"),
	    "RIGHT");
	config_free(cfg);

	/* "[x]" alone in the config file does not make profile x exist */
	ct_put(".aws/config", "[x]\nregion = eu-north-1\n");
	ct_put(".aws/credentials", "");
	free(load_fails("x", NULL));
}
END_TEST

START_TEST(test_profile_default_sections)
{
	struct aws_config	*cfg;

	ct_put(".aws/config", "[profile default]\nregion = ap-south-1\n");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->config_section, "profile default");
	ck_assert_str_eq(cfg->region, "ap-south-1");
	config_free(cfg);

	/* "[default]" wins over "[profile default]" */
	ct_put(".aws/config", "[profile default]\nregion = ap-south-1\n"
	    "[default]\nregion = ap-south-2\n");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->config_section, "default");
	ck_assert_str_eq(cfg->region, "ap-south-2");
	config_free(cfg);
}
END_TEST

START_TEST(test_profile_missing)
{
	struct aws_config	*cfg;
	char			*err;

	err = load_fails("nosuch", NULL);
	ck_assert_ptr_nonnull(strstr(err, "profile nosuch (from --profile): "
	    "not found in "));
	ck_assert_ptr_nonnull(strstr(err, "/.aws/config or "));
	free(err);
	setenv("AWS_PROFILE", "envmissing", 1);
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err,
	    "profile envmissing (from AWS_PROFILE)"));
	free(err);
	/* only in the credentials file is enough */
	ct_put(".aws/credentials", "[envmissing]\n");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_null(cfg->config_section);
	config_free(cfg);
	/* "default" need not exist, however it was named */
	cfg = config_load("default", NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->profile_origin, "--profile");
	config_free(cfg);
	err = load_fails("bad]name", NULL);
	ck_assert_ptr_nonnull(strstr(err, "--profile: invalid profile name"));
	free(err);
}
END_TEST

START_TEST(test_files_from_env)
{
	struct aws_config	*cfg;
	char			*cpath, *kpath;

	cpath = ct_write("elsewhere.ini", "[profile p]\nregion = sa-east-1\n");
	kpath = ct_write("keys.ini", "[p]\naws_access_key_id = K\n");
	ct_put(".aws/config", "[profile p]\nregion = us-east-1\n");
	setenv("AWS_CONFIG_FILE", cpath, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", kpath, 1);
	cfg = config_load("p", NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->config_file, cpath);
	ck_assert_str_eq(cfg->credentials_file, kpath);
	ck_assert_str_eq(cfg->region, "sa-east-1");
	ck_assert_str_eq(config_credentials_get(cfg, "aws_access_key_id"),
	    "K");
	config_free(cfg);

	/* "~/" is the home directory */
	setenv("AWS_CONFIG_FILE", "~/elsewhere.ini", 1);
	cfg = config_load("p", NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->config_file, cpath);
	config_free(cfg);
	free(cpath);
	free(kpath);
}
END_TEST

START_TEST(test_bad_file)
{
	char	*err;

	ct_put(".aws/config", "[default]\nregion = us-east-1\noops\n");
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "/.aws/config:3: expected"));
	free(err);
}
END_TEST

/* Region sources, from strongest to weakest. */
static const struct region_row {
	const char	*arg;
	const char	*aws_region;
	const char	*default_region;
	const char	*want;
	const char	*origin;
} region_rows[] = {
	{ "us-west-2", "eu-west-1", "eu-west-2", "us-west-2", "--region" },
	{ NULL, "eu-west-1", "eu-west-2", "eu-west-1", "AWS_REGION" },
	{ NULL, "", "eu-west-2", "eu-west-2", "AWS_DEFAULT_REGION" },
	{ NULL, NULL, "eu-west-2", "eu-west-2", "AWS_DEFAULT_REGION" },
	{ NULL, NULL, NULL, "ca-central-1", "profile" },
	{ "", NULL, NULL, "ca-central-1", "profile" },
};

START_TEST(test_region_order)
{
	const struct region_row	*r = &region_rows[_i];
	struct aws_config	*cfg;

	ct_put(".aws/config", "[default]\nregion = ca-central-1\n");
	if (r->aws_region != NULL)
		setenv("AWS_REGION", r->aws_region, 1);
	if (r->default_region != NULL)
		setenv("AWS_DEFAULT_REGION", r->default_region, 1);
	cfg = config_load(NULL, r->arg);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->region, r->want);
	ck_assert_str_eq(cfg->region_origin, r->origin);
	config_free(cfg);
}
END_TEST

START_TEST(test_region_invalid)
{
	char	*err;

	err = load_fails(NULL, "evil.example.com/");
	ck_assert_ptr_nonnull(strstr(err, "--region: invalid region "
	    "\"evil.example.com/\""));
	free(err);
	setenv("AWS_REGION", "US-EAST-1", 1);
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "AWS_REGION: invalid region"));
	free(err);
	unsetenv("AWS_REGION");
	ct_put(".aws/config", "[default]\nregion = us-east-1-\n");
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "profile: invalid region"));
	free(err);
	err = load_fails(NULL, "abcdefghijklmnopqrstuvwxyz-0123456");
	ck_assert_ptr_nonnull(strstr(err, "invalid region"));
	free(err);
}
END_TEST

static const char endpoint_config[] =
    "[default]\n"
    "endpoint_url = http://127.0.0.1:1/global-config\n"
    "services = local\n"
    "[services local]\n"
    "bedrock =\n"
    "  endpoint_url = http://127.0.0.1:2/bedrock-config\n"
    "sts =\n"
    "  endpoint_url = http://127.0.0.1:3/sts-config\n";

START_TEST(test_endpoint_precedence)
{
	struct aws_config	*cfg;

	ct_put(".aws/config", endpoint_config);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	/* service config > global config */
	ck_assert_str_eq(config_endpoint_url(cfg, "bedrock"),
	    "http://127.0.0.1:2/bedrock-config");
	ck_assert_str_eq(config_endpoint_url(cfg, "sts"),
	    "http://127.0.0.1:3/sts-config");
	ck_assert_str_eq(config_endpoint_url(cfg, "service_quotas"),
	    "http://127.0.0.1:1/global-config");
	config_free(cfg);

	/* global env > service config */
	setenv("AWS_ENDPOINT_URL", "https://127.0.0.1:4/global-env", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(config_endpoint_url(cfg, "bedrock"),
	    "https://127.0.0.1:4/global-env");
	ck_assert_str_eq(config_endpoint_url(cfg, "service_quotas"),
	    "https://127.0.0.1:4/global-env");
	config_free(cfg);

	/* service env > global env */
	setenv("AWS_ENDPOINT_URL_SERVICE_QUOTAS", "http://127.0.0.1:5/sq", 1);
	setenv("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:6/br", 1);
	setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:7/sts", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(config_endpoint_url(cfg, "service_quotas"),
	    "http://127.0.0.1:5/sq");
	ck_assert_str_eq(config_endpoint_url(cfg, "bedrock"),
	    "http://127.0.0.1:6/br");
	ck_assert_str_eq(config_endpoint_url(cfg, "sts"),
	    "http://127.0.0.1:7/sts");
	ck_assert_str_eq(config_endpoint_url(cfg, "cloudwatch"),
	    "https://127.0.0.1:4/global-env");
	config_free(cfg);
}
END_TEST

START_TEST(test_endpoint_none)
{
	struct aws_config	*cfg;

	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_null(config_endpoint_url(cfg, "bedrock"));
	ck_assert_ptr_null(config_endpoint_url(cfg, "service_quotas"));
	ck_assert_ptr_null(config_endpoint_url(cfg, "sts"));
	ck_assert_ptr_null(config_endpoint_url(cfg, "bedrock_runtime"));
	config_free(cfg);
}
END_TEST

START_TEST(test_endpoint_ignored)
{
	struct aws_config	*cfg;

	ct_put(".aws/config", endpoint_config);
	setenv("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:6/br", 1);
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(cfg->ignore_endpoint_urls, 1);
	ck_assert_ptr_null(config_endpoint_url(cfg, "bedrock"));
	ck_assert_ptr_null(config_endpoint_url(cfg, "sts"));
	config_free(cfg);

	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(cfg->ignore_endpoint_urls, 0);
	ck_assert_str_eq(config_endpoint_url(cfg, "bedrock"),
	    "http://127.0.0.1:6/br");
	config_free(cfg);

	/* the profile setting applies when the variable is unset or empty */
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "", 1);
	ct_put(".aws/config", "[default]\nendpoint_url = http://127.0.0.1:1\n"
	    "ignore_configured_endpoint_urls = true\n");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_null(config_endpoint_url(cfg, "bedrock"));
	config_free(cfg);
}
END_TEST

START_TEST(test_endpoint_errors)
{
	char	*err;

	setenv("AWS_ENDPOINT_URL_BEDROCK", "ftp://127.0.0.1/", 1);
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "AWS_ENDPOINT_URL_BEDROCK: not an "
	    "http(s) URL: \"ftp://127.0.0.1/\""));
	free(err);
	setenv("AWS_ENDPOINT_URL_BEDROCK", "http://", 1);
	free(load_fails(NULL, NULL));
	setenv("AWS_ENDPOINT_URL_BEDROCK", "http://a b", 1);
	free(load_fails(NULL, NULL));
	unsetenv("AWS_ENDPOINT_URL_BEDROCK");

	ct_put(".aws/config", "[default]\nservices = gone\n");
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "section [services gone] not found"));
	free(err);
	ct_put(".aws/config", "[default]\nservices = s\n[services s]\n"
	    "sts =\n  endpoint_url = localhost:80\n");
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "[services s] sts: not an http(s) "
	    "URL"));
	free(err);
}
END_TEST

START_TEST(test_ca_and_retries)
{
	struct aws_config	*cfg;
	char			*pem, *pem2, *err;

	pem = ct_write("ca.pem", "not really a PEM\n");
	pem2 = ct_write("ca2.pem", "neither\n");
	ct_put(".aws/config", "[default]\nca_bundle = ~/ca2.pem\n"
	    "max_attempts = 7\nretry_mode = adaptive\n");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->ca_bundle, pem2);
	ck_assert_str_eq(cfg->max_attempts, "7");
	ck_assert_str_eq(cfg->retry_mode, "adaptive");
	config_free(cfg);

	/* the environment wins; values are passed on unchecked */
	setenv("AWS_CA_BUNDLE", pem, 1);
	setenv("AWS_MAX_ATTEMPTS", "not-a-number", 1);
	setenv("AWS_RETRY_MODE", "standard", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->ca_bundle, pem);
	ck_assert_str_eq(cfg->max_attempts, "not-a-number");
	ck_assert_str_eq(cfg->retry_mode, "standard");
	config_free(cfg);

	setenv("AWS_CA_BUNDLE", "/nonexistent/ca.pem", 1);
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "CA bundle /nonexistent/ca.pem"));
	free(err);
	free(pem);
	free(pem2);
}
END_TEST

START_TEST(test_env_capture)
{
	struct aws_config	*cfg;

	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
	setenv("AWS_SESSION_TOKEN", "", 1);
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/c", 1);
	setenv("AWS_EC2_METADATA_DISABLED", "TrUe", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->env.access_key_id, "AKIDENV");
	ck_assert_str_eq(cfg->env.secret_access_key, "secret");
	ck_assert_ptr_null(cfg->env.session_token);	/* empty is unset */
	ck_assert_str_eq(cfg->env.container_full_uri, "http://127.0.0.1:9/c");
	ck_assert_ptr_null(cfg->env.container_relative_uri);
	ck_assert_int_eq(cfg->env.imds_disabled, 1);
	ck_assert_int_eq(cfg->env.imds_v1_disabled, 0);
	ck_assert_str_eq(cfg->env.imds_endpoint, CONFIG_IMDS_ENDPOINT);
	config_free(cfg);

	setenv("AWS_EC2_METADATA_DISABLED", "yes", 1);	/* only "true" */
	setenv("AWS_EC2_METADATA_V1_DISABLED", "true", 1);
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:8//", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(cfg->env.imds_disabled, 0);
	ck_assert_int_eq(cfg->env.imds_v1_disabled, 1);
	ck_assert_str_eq(cfg->env.imds_endpoint, "http://127.0.0.1:8");
	config_free(cfg);
}
END_TEST

START_TEST(test_imds_profile_settings)
{
	struct aws_config	*cfg;
	char			*err;

	ct_put(".aws/config", "[default]\nec2_metadata_service_endpoint = "
	    "http://127.0.0.1:7/\nec2_metadata_v1_disabled = true\n");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->env.imds_endpoint, "http://127.0.0.1:7");
	ck_assert_int_eq(cfg->env.imds_v1_disabled, 1);
	config_free(cfg);

	setenv("AWS_EC2_METADATA_V1_DISABLED", "false", 1);
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:6", 1);
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->env.imds_endpoint, "http://127.0.0.1:6");
	ck_assert_int_eq(cfg->env.imds_v1_disabled, 0);
	config_free(cfg);

	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "127.0.0.1:6", 1);
	err = load_fails(NULL, NULL);
	ck_assert_ptr_nonnull(strstr(err, "AWS_EC2_METADATA_SERVICE_ENDPOINT: "
	    "not an http(s) URL"));
	free(err);
}
END_TEST

START_TEST(test_no_home)
{
	struct aws_config	*cfg;
	char			*cpath, *kpath;

	/* with both files named, HOME is not needed */
	cpath = ct_write("cfg", "[default]\nregion = us-east-1\n");
	kpath = ct_write("keys", "[default]\naws_access_key_id = K\n");
	setenv("AWS_CONFIG_FILE", cpath, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", kpath, 1);
	unsetenv("HOME");
	cfg = config_load(NULL, NULL);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->config_file, cpath);
	ck_assert_str_eq(cfg->credentials_file, kpath);
	ck_assert_str_eq(cfg->region, "us-east-1");
	ck_assert_str_eq(config_credentials_get(cfg, "aws_access_key_id"),
	    "K");
	config_free(cfg);
	free(cpath);
	free(kpath);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite	*s = suite_create("config");
	TCase	*tc;

	tc = tcase_create("profile");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_profile_default);
	tcase_add_test(tc, test_profile_precedence);
	tcase_add_test(tc, test_profile_sections);
	tcase_add_test(tc, test_profile_default_sections);
	tcase_add_test(tc, test_profile_missing);
	tcase_add_test(tc, test_files_from_env);
	tcase_add_test(tc, test_bad_file);
	tcase_add_test(tc, test_no_home);
	suite_add_tcase(s, tc);
	tc = tcase_create("region");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_loop_test(tc, test_region_order, 0,
	    sizeof(region_rows) / sizeof(region_rows[0]));
	tcase_add_test(tc, test_region_invalid);
	suite_add_tcase(s, tc);
	tc = tcase_create("endpoint");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_endpoint_precedence);
	tcase_add_test(tc, test_endpoint_none);
	tcase_add_test(tc, test_endpoint_ignored);
	tcase_add_test(tc, test_endpoint_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("settings");
	tcase_add_checked_fixture(tc, ct_setup, ct_teardown);
	tcase_add_test(tc, test_ca_and_retries);
	tcase_add_test(tc, test_env_capture);
	tcase_add_test(tc, test_imds_profile_settings);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(config_suite());
}
