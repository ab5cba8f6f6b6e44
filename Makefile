# bedrock-audit: one GNU make file, no configure step.
#
#   make            build ./bedrock-audit
#   make test       build and run every tests/check_*.c binary and the
#                   integration tests (tests/*.sh) against the simulator
#   make sanitize   the whole test suite under ASan + UBSan
#   make demo       the main job on the bundled AWS simulator
#   make screenshots  docs/report-en.png and -ja.png, the demo's HTML
#                   report in headless Chromium, for the README
#   make deps       install the Debian packages that are missing

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
PYTHON ?= python3
PKGS = libcurl libcrypto sqlite3 libcjson
WERROR ?= -Werror
WARNS = -Wall -Wextra $(WERROR) -Wshadow -Wpointer-arith -Wvla \
	-Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Iinclude $(WARNS) \
	$(shell $(PKG_CONFIG) --cflags $(PKGS)) $(CFLAGS)
LDLIBS += $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# Debian packages the build, the tests and the demo need.
DEB_PKGS = build-essential pkg-config libsqlite3-dev libcurl4-openssl-dev \
	libssl-dev libcjson-dev check python3 sqlite3 mandoc clang \
	libclang-rt-dev valgrind chromium fonts-ipafont-gothic

SRCS = $(filter-out src/main.c src/schema_gen.c, $(wildcard src/*.c)) \
	src/schema_gen.c
OBJS = $(SRCS:.c=.o)
TESTS = $(patsubst %.c,%,$(wildcard tests/check_*.c))

.DELETE_ON_ERROR:
.PHONY: all test unit integration sanitize install clean deps demo lint \
	bench stress fuzz valgrind screenshots

all: bedrock-audit

%.o: %.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The migrations in schema/ are compiled into the binary.
src/schema_gen.c: $(sort $(wildcard schema/*.sql)) tools/embed-schema.sh
	sh tools/embed-schema.sh $(sort $(wildcard schema/*.sql)) > $@

libbedrock.a: $(OBJS)
	$(AR) rcs $@ $^

bedrock-audit: src/main.o libbedrock.a
	$(CC) $(LDFLAGS) -o $@ src/main.o libbedrock.a $(LDLIBS)

# Each test binary links only the objects tests/tests.mk lists for it,
# so that a module crossing its border fails to link its test.

test: unit integration

unit: $(TESTS)
	@fail=0; for t in $(TESTS); do \
		echo "== $$t"; ./$$t || fail=1; \
	done; exit $$fail

integration: bedrock-audit bench/out/gendb
	@fail=0; for t in $(sort $(wildcard tests/it_*.sh)); do \
		echo "== $$t"; PYTHON=$(PYTHON) sh $$t || fail=1; \
	done; exit $$fail

# The collect and report integration tests with every command under
# valgrind (slow; not part of make test).
valgrind: bedrock-audit
	@fail=0; for t in tests/it_collect.sh tests/it_report.sh; do \
		echo "== $$t (valgrind)"; \
		VALGRIND=1 PYTHON=$(PYTHON) sh $$t || fail=1; \
	done; exit $$fail

sanitize: clean
	$(MAKE) test CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)"

demo: bedrock-audit
	PYTHON=$(PYTHON) sh tools/demo.sh

screenshots: bedrock-audit
	PYTHON=$(PYTHON) sh tools/screenshots.sh

lint:
	mandoc -Tlint -W warning man/bedrock-audit.1

install: bedrock-audit
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 bedrock-audit $(DESTDIR)$(BINDIR)/
	install -m 0644 man/bedrock-audit.1 $(DESTDIR)$(MANDIR)/man1/

deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update && apt-get install -y $$missing; \
	fi

clean:
	rm -f bedrock-audit libbedrock.a src/*.o src/*.d src/schema_gen.c \
		tests/*.o tests/*.d $(TESTS)

# Targets kept beside what they run: the unit tests' link lists, make
# fuzz, make bench, make stress.
include tests/tests.mk fuzz/fuzz.mk bench/bench.mk tests/stress.mk

-include $(wildcard src/*.d tests/*.d)
