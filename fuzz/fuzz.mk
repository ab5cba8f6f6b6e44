# fuzz/fuzz.mk: libFuzzer harnesses, included by the top Makefile.
#
#   make fuzz          build every harness and run each FUZZ_SECONDS (60)
#   make fuzz-smoke    the same, FUZZ_SMOKE_SECONDS (10) each: for CI
#   make fuzz-build    only build them, as fuzz/build/fuzz_NAME
#   make fuzz-run-NAME run one harness for FUZZ_SECONDS
#   make fuzz-clean    remove fuzz/build/
#
# The harnesses and every src/*.c are built with clang and
# -fsanitize=fuzzer,address,undefined into fuzz/build/ (Debian packages:
# clang, libclang-rt-dev).  Each run reads the seeds in fuzz/corpus/NAME/
# and the saved crashes in fuzz/regress/NAME/, and adds what it finds to
# fuzz/build/corpus/NAME/ (kept between runs, not committed).  A crash
# or a broken invariant stops the run, prints the end of the log and
# leaves the input as fuzz/build/crash-NAME-*: fix the code, then copy
# the input into fuzz/regress/NAME/ so that `make test`
# (tests/check_fuzz_regress) replays it.  See fuzz/README.md.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_FLAGS ?=
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Iinclude -Itests \
	$(WARNS) -g -O1 $(FUZZ_SAN) $(shell $(PKG_CONFIG) --cflags $(PKGS))
FUZZ_NAMES = $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_BINS = $(addprefix fuzz/build/fuzz_,$(FUZZ_NAMES))
FUZZ_LIB_OBJS = $(patsubst src/%.c,fuzz/build/obj/%.o,$(SRCS))
FUZZ_HELPER = fuzz/build/obj/helper_fuzz.o
# libFuzzer's options for every run; FUZZ_FLAGS adds to them.
FUZZ_RUN_FLAGS = -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-clean

fuzz/build/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c -o $@ $<

$(FUZZ_HELPER): tests/helper_fuzz.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c -o $@ $<

fuzz/build/libbedrock.a: $(FUZZ_LIB_OBJS)
	$(AR) rcs $@ $^

fuzz/build/fuzz_%: fuzz/fuzz_%.c $(FUZZ_HELPER) fuzz/build/libbedrock.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_HELPER) \
		fuzz/build/libbedrock.a $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

# Run harness NAME for FUZZ_TIME seconds (set by fuzz and fuzz-smoke,
# else FUZZ_SECONDS) and print what it did; the full log stays in
# fuzz/build/log/NAME.log.
FUZZ_TIME ?= $(FUZZ_SECONDS)
fuzz-run-%: fuzz/build/fuzz_%
	@mkdir -p fuzz/build/corpus/$* fuzz/build/log fuzz/corpus/$* \
		fuzz/regress/$*
	@echo "fuzz $*: $(FUZZ_TIME) s"
	@UBSAN_OPTIONS=print_stacktrace=1 ./fuzz/build/fuzz_$* \
		-max_total_time=$(FUZZ_TIME) $(FUZZ_RUN_FLAGS) \
		-artifact_prefix=fuzz/build/crash-$*- $(FUZZ_SEED) \
		$(FUZZ_FLAGS) \
		fuzz/build/corpus/$* fuzz/corpus/$* fuzz/regress/$* \
		> fuzz/build/log/$*.log 2>&1 || { \
		tail -n 60 fuzz/build/log/$*.log; \
		echo "fuzz $*: FAILED: input saved as fuzz/build/crash-$*-*;" \
		    "once fixed, copy it into fuzz/regress/$*/"; exit 1; }
	@awk -v n=$* '/^Done [0-9]+ runs in/ { runs = $$2; secs = $$5 } \
		/^stat::average_exec_per_sec:/ { eps = $$2 } \
		$$2 == "DONE" { for (i = 3; i < NF; i++) \
			if ($$i == "cov:" || $$i == "corp:") \
				s = s ", " $$i " " $$(i + 1) } \
		END { printf "fuzz %s: %s inputs in %s s, %s execs/s%s\n", \
			n, runs, secs, eps, s }' fuzz/build/log/$*.log

fuzz: FUZZ_TIME = $(FUZZ_SECONDS)
fuzz: $(addprefix fuzz-run-,$(FUZZ_NAMES))

# CI runs the same inputs each time (as far as the machine's speed
# lets it get in the time given).
fuzz-smoke: FUZZ_TIME = $(FUZZ_SMOKE_SECONDS)
fuzz-smoke: FUZZ_SEED = -seed=1
fuzz-smoke: $(addprefix fuzz-run-,$(FUZZ_NAMES))

fuzz-clean:
	rm -rf fuzz/build

-include $(wildcard fuzz/build/obj/*.d)
