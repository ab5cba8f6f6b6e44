# tests/tests.mk: what each unit test links, included by the Makefile.
#
# THE RULE (rpki-client's regress style): tests/check_NAME links exactly
# the objects listed in CHECK_NAME_OBJS below, never libbedrock.a, and
# only the external libraries that those objects declare in PKGS_<file>.
# A list names the module under test and what the module border table
# (style.md section 2) lets it depend on, nothing more.  So when a module
# starts to call a module or a library its border does not allow, its
# test stops linking ("undefined reference to `store_open'").  Do not
# silence that by adding the object or package to the list: fix the call,
# or change the border table first.
#
# Every test also links tests/helper_check.o (its main() body).
# Adding a test: one line CHECK_NAME_OBJS = ... (NAME is what follows
# "check_" in the file name, in upper case).  A tests/check_*.c without
# its line does not build: make says which line is missing.
# Adding a module that calls an external library itself: one PKGS_<file>
# line (pkg-config names; the object's file name without .o).
# The tests of the pure modules (PURE_TESTS) are also refused when their
# list names an object of the I/O side (IMPURE_OBJS), or when the module
# itself references the clock, the environment, files or sockets.

# Objects linked by each test, in dependency order.
CHECK_RETRY_OBJS    = src/retry.o src/util.o
CHECK_SIGV4_OBJS    = src/sigv4.o src/util.o tests/helper_stderr.o
CHECK_ESCAPE_OBJS   = src/escape.o src/util.o
CHECK_TZ_OBJS       = src/tz.o src/util.o tests/helper_stderr.o
CHECK_JSON_OBJS     = src/json.o src/util.o tests/helper_stderr.o
CHECK_INI_OBJS      = src/ini.o src/util.o tests/helper_stderr.o
CHECK_CONFIG_OBJS   = $(CONFIG_OBJS) src/util.o \
	tests/helper_stderr.o
CHECK_DIFF_OBJS     = src/diff.o src/change.o src/snapshot.o src/util.o
CHECK_PLAYBOOK_OBJS = src/playbook.o src/retry.o src/change.o src/snapshot.o \
	src/util.o
CHECK_REPORT_OBJS   = $(REPORT_OBJS) src/org.o src/usage.o src/playbook.o src/retry.o src/status.o src/change.o \
	src/escape.o src/i18n.o src/snapshot.o src/util.o
CHECK_AWS_OBJS      = $(AWS_OBJS) src/url.o src/sigv4.o src/json.o src/snapshot.o \
	src/util.o tests/helper_stderr.o
CHECK_HTTP_OBJS     = src/http.o src/url.o src/retry.o src/util.o \
	tests/helper_httpd.o tests/helper_stderr.o
CHECK_CREDS_OBJS    = $(CREDS_OBJS) $(AWS_OBJS) src/sigv4.o src/snapshot.o \
	src/http.o src/retry.o $(CONFIG_OBJS) src/json.o src/util.o \
	tests/helper_httpd.o tests/helper_stderr.o
CHECK_STORE_OBJS    = $(STORE_OBJS) src/change.o src/snapshot.o \
	src/util.o tests/helper_stderr.o
CHECK_MERGE_OBJS    = $(STORE_OBJS) src/store_merge.o src/change.o \
	src/snapshot.o src/util.o tests/helper_stderr.o
CHECK_COLLECT_OBJS  = src/collect.o src/usage.o src/client.o $(AWS_OBJS) \
	src/playbook.o src/status.o src/change.o src/sigv4.o src/http.o src/url.o src/retry.o $(CREDS_OBJS) \
	$(CONFIG_OBJS) src/json.o src/snapshot.o src/util.o \
	tests/helper_httpd.o tests/helper_stderr.o
# The policy itself, and the engine and the endpoints that must agree.
# The status view and the change report, both over an in-memory store.
CHECK_VIEW_OBJS     = src/view.o src/view_chart.o src/diff.o \
	src/ingest.o \
	src/playbook.o src/retry.o \
	$(STORE_OBJS) $(REPORT_OBJS) src/change.o src/escape.o src/i18n.o \
	src/snapshot.o src/util.o tests/helper_stderr.o
CHECK_CHANGE_OBJS   = src/change.o src/util.o
CHECK_USAGE_OBJS    = src/usage.o src/util.o tests/helper_stderr.o
CHECK_ACCOUNTS_OBJS = src/accounts.o src/util.o
# The cross-account fold (org.h), pure, over entries (entry.h).
CHECK_ORG_OBJS      = src/org.o src/entry.o src/playbook.o src/retry.o \
	src/change.o src/snapshot.o src/util.o
CHECK_URL_OBJS      = src/url.o src/http.o src/retry.o $(AWS_OBJS) \
	src/sigv4.o src/json.o src/snapshot.o src/util.o \
	tests/helper_stderr.o
CHECK_RUNREF_OBJS   = src/runref.o $(STORE_OBJS) src/change.o \
	src/snapshot.o src/util.o tests/helper_stderr.o
CHECK_INGEST_OBJS   = src/ingest.o src/diff.o src/playbook.o src/retry.o \
	$(STORE_OBJS) src/change.o src/snapshot.o src/util.o \
	tests/helper_stderr.o
# The --notify file, the decision and the payloads (notify.h), pure.
CHECK_NOTIFY_OBJS   = src/notify_config.o src/notify_msg.o src/ini.o \
	src/url.o src/regions.o src/escape.o src/i18n.o src/status.o \
	src/util.o tests/helper_stderr.o
# Replays the fuzz corpora through the harnesses' code (helper_fuzz.c).
CHECK_FUZZ_REGRESS_OBJS = tests/helper_fuzz.o src/status.o src/retry.o $(AWS_OBJS) $(REPORT_OBJS) src/usage.o \
	$(CREDS_OBJS) src/http.o src/retry.o $(CONFIG_OBJS) src/playbook.o \
	src/notify_config.o \
	src/regions.o src/change.o src/escape.o src/i18n.o src/json.o \
	src/sigv4.o src/snapshot.o src/util.o

# Modules split over several files, always linked together.
CONFIG_OBJS = src/config.o src/regions.o src/ini.o src/url.o
CREDS_OBJS  = src/creds.o src/creds_file.o src/creds_assume.o \
	src/creds_sts.o src/creds_sso.o src/creds_process.o \
	src/creds_imds.o src/creds_http.o src/url.o
AWS_OBJS    = src/regions.o src/aws.o src/aws_bedrock.o src/aws_quotas.o src/aws_sts.o \
	src/aws_notify.o src/aws_account.o src/aws_cloudwatch.o \
	src/aws_organizations.o
REPORT_OBJS = src/report.o src/report_advice.o src/report_body.o \
	src/report_json.o src/report_open.o src/report_rw.o \
	src/report_status.o src/report_html.o src/report_svg.o src/report_usage.o \
	src/report_org.o \
	src/entry.o
STORE_OBJS  = src/store.o src/store_account.o src/store_change.o src/store_run.o \
	src/store_history.o src/store_notify.o src/store_usage.o src/usage.o \
	src/store_state.o src/schema_gen.o src/status.o

# External libraries (pkg-config packages) each object calls directly.
PKGS_sigv4       = libcrypto
PKGS_json        = libcjson
PKGS_archive     = libcjson
PKGS_aws         = libcjson
PKGS_aws_bedrock = libcjson
PKGS_aws_quotas  = libcjson
PKGS_aws_account = libcjson
PKGS_aws_notify  = libcjson
PKGS_aws_cloudwatch = libcjson
PKGS_creds       = libcjson
PKGS_creds_process = libcjson
PKGS_creds_imds  = libcjson
PKGS_creds_http  = libcurl
PKGS_creds_sso   = libcjson libcrypto
PKGS_http        = libcurl
PKGS_url         = libcurl
PKGS_store       = sqlite3
PKGS_store_run   = sqlite3
PKGS_store_notify = sqlite3
PKGS_store_state = sqlite3 libcrypto
PKGS_store_usage = sqlite3
PKGS_check_escape = libcjson
PKGS_check_json   = libcjson
PKGS_check_notify = libcjson
PKGS_check_report = libcjson
PKGS_check_sigv4  = libcrypto
PKGS_check_store  = sqlite3
PKGS_helper_fuzz  = libcjson

# The pure modules (style.md section 2) and what their tests may not link
# or their object may not reference (nm -u).
PURE_TESTS  = sigv4 diff playbook usage accounts org
IMPURE_OBJS = src/http.o src/client.o src/collect.o src/creds%.o \
	src/store%.o src/schema_gen.o src/view.o src/cmd_%.o src/main.o
IMPURE_PKGS = libcurl sqlite3
IMPURE_SYMS = time clock_gettime gettimeofday util_now_ms getenv \
	secure_getenv fopen open openat read write socket connect fork

# ---- no list below this line needs editing -------------------------------

check_uc = $(strip $(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,\
	$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,\
	$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,\
	$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,\
	$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,\
	$(subst z,Z,$(1))))))))))))))))))))))))))))
# The packages of test $(1)'s object and of every object in list $(2).
check_pkgs = $(sort $(foreach o,tests/check_$(1).o $(2),\
	$(PKGS_$(basename $(notdir $(o))))))
# Why test $(1) (list $(2)) breaks a pure module's border, or nothing.
check_impure = $(if $(filter $(1),$(PURE_TESTS)),$(strip \
	$(filter $(IMPURE_OBJS),$(2)) \
	$(filter $(IMPURE_PKGS),$(call check_pkgs,$(1),$(2)))))

# check_rule(name, NAME): the link rule of tests/check_name.
define check_rule
ifeq ($$(strip $$(CHECK_$(2)_OBJS)),)
tests/check_$(1): tests/check_$(1).o
	@echo "tests/check_$(1): no CHECK_$(2)_OBJS line in tests/tests.mk;" \
		"list the objects it links there (see the top of the file)" >&2
	@exit 1
else ifneq ($$(call check_impure,$(1),$$(CHECK_$(2)_OBJS)),)
tests/check_$(1): tests/check_$(1).o
	@echo "tests/check_$(1): $(1) is a pure module, but CHECK_$(2)_OBJS" \
		"or its packages name:" \
		"$$(call check_impure,$(1),$$(CHECK_$(2)_OBJS))" >&2
	@exit 1
else
tests/check_$(1): tests/check_$(1).o tests/helper_check.o \
    $$(CHECK_$(2)_OBJS)
	$$(if $$(filter $(1),$$(PURE_TESTS)),@bad=$$$$(nm -u src/$(1).o | \
		awk '{ print $$$$2 }' | grep -xF $$(IMPURE_SYMS:%=-e %) | \
		tr '\n' ' '); if [ -n "$$$$bad" ]; then echo "src/$(1).o:" \
		"a pure module calls $$$$bad" >&2; exit 1; fi)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CHECK_LIBS) \
		$$(if $$(call check_pkgs,$(1),$$^),$$$$($$(PKG_CONFIG) --libs \
		$$(call check_pkgs,$(1),$$^)))
endif
endef

$(foreach t,$(TESTS:tests/check_%=%),\
	$(eval $(call check_rule,$(t),$(call check_uc,$(t)))))
