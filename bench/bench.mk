# bench/bench.mk: `make bench`, included by the top Makefile.  Builds the
# helpers, installs the locked AWS SDK for JavaScript under bench/ (never
# globally), then runs bench/bench.py, which prints the table.  What each
# figure means: bench/README.md.  BENCH_ARGS passes options to bench.py
# (e.g. BENCH_ARGS="--worlds large --reps 5").

BENCH_OUT = bench/out
BENCH_TOOLS = $(BENCH_OUT)/gendb $(BENCH_OUT)/rusage $(BENCH_OUT)/fastsim \
	$(BENCH_OUT)/curlfloor
BENCH_SDK = bench/node_modules/.package-lock.json

bench: bedrock-audit $(BENCH_TOOLS) $(BENCH_SDK)
	$(PYTHON) bench/bench.py --out $(BENCH_OUT) $(BENCH_ARGS)

# The one-year database generator links the real store, differ and
# playbook.
$(BENCH_OUT)/gendb: bench/gendb.c libbedrock.a
	@mkdir -p $(BENCH_OUT)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/gendb.c libbedrock.a \
		$(LDLIBS)

# The simulator's replies served from C, so that the benchmark does not
# measure Python (bench/fastsim.c says why).
$(BENCH_OUT)/fastsim: bench/fastsim.c
	@mkdir -p $(BENCH_OUT)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/fastsim.c \
		$$($(PKG_CONFIG) --libs libcrypto) -lm

# libcurl and the kernel alone per request: the floor under the client's
# CPU per request.
$(BENCH_OUT)/curlfloor: bench/curlfloor.c
	@mkdir -p $(BENCH_OUT)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/curlfloor.c \
		$$($(PKG_CONFIG) --libs libcurl)

$(BENCH_OUT)/rusage: bench/rusage.c
	@mkdir -p $(BENCH_OUT)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/rusage.c

# Exactly the versions in bench/package-lock.json, in bench/node_modules.
$(BENCH_SDK): bench/package.json bench/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
		{ echo "make bench needs Node.js (20 or later) and npm" >&2; \
		exit 1; }
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
