# CorsicaLab Studio — one build for the three programs, their tests and data.
# `make` builds bin/studio-{capture,encode,publish}; O=DIR builds elsewhere
# (check-asan uses O=build-asan); V=1 shows the commands.  Every library
# comes from pkg-config.  DEV=1 adds -Werror: development, the check targets
# and CI use it; a user's plain `make` warns but does not fail when a newer
# FFmpeg or expat deprecates something (lib/avcompat.h, lib/xmlcompat.h).

PREFIX  ?= /usr/local
DESTDIR ?=
O       ?= .
BIN      = $(O)/bin
OBJ      = $(O)/build
PKG      = corsicalab-studio
VERSION  = 0.1.0
PKGS     = libavformat libavcodec libavfilter libavutil libswscale libswresample \
           libavdevice portaudio-2.0 vorbis vorbisenc ogg libcurl jansson inih libcrypto expat

CC      ?= cc
V       ?= 0
DEV     ?= 0
Q        = $(if $(filter 1,$(V)),,@)
CFLAGS  ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN        = -Wall -Wextra $(if $(filter 1,$(DEV)),-Werror)
ALL_CFLAGS  = -std=c11 -D_GNU_SOURCE $(WARN) -Ilib $(PKG_CFLAGS) -DST_VERSION='"$(VERSION)"' \
              -DLOCALEDIR='"$(PREFIX)/share/locale"' -DDATADIR='"$(PREFIX)/share/$(PKG)"' \
              $(CPPFLAGS) $(CFLAGS)
LIBS        = $(PKG_LIBS) -lpthread -lm

PROGS    = capture encode publish
LIB_OBJ  = $(patsubst %.c,$(OBJ)/%.o,$(wildcard lib/*.c))
UNIT     = $(patsubst tests/unit/%.c,$(OBJ)/tests/%,$(wildcard tests/unit/test_*.c))
LINGUAS  = fr
MO       = $(foreach l,$(LINGUAS),$(O)/share/locale/$(l)/LC_MESSAGES/$(PKG).mo)
DATALINK = $(O)/share/$(PKG)/presets

all: $(addprefix $(BIN)/studio-,$(PROGS)) $(MO) $(DATALINK)

# Objects depend on the compiler and flags they were built with: `make
# DEV=1` after a plain `make` rebuilds them.  Not on PREFIX: the programs
# find their data beside them first (st_share_dir), and i18n-install.t
# installs the tree under test elsewhere without rebuilding it.
$(OBJ)/flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(subst ','\'',$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS))' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(OBJ)/%.o: %.c $(OBJ)/flags $(wildcard lib/*.h) $(wildcard */*.h */*/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OBJ)/libstudio.a: $(LIB_OBJ)
	$(Q)$(AR) rcs $@ $^

# A program's modules: PROG/*.c and PROG/*/*.c (publish/webdav/, ...).
objs_of = $(if $(1),$(patsubst %.c,$(OBJ)/%.o,$(wildcard $(1)/*.c $(1)/*/*.c)))
.SECONDEXPANSION:
.SECONDARY:
$(BIN)/studio-%: $$(call objs_of,$$*) $(OBJ)/libstudio.a
	@mkdir -p $(BIN)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# A unit test of a program's module includes its .c file (tests/unit/
# test_capture_ring.c): rebuild when any program source changes.
$(OBJ)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(OBJ)/libstudio.a \
                $(wildcard $(addsuffix /*.[ch],$(PROGS)) $(addsuffix /*/*.[ch],$(PROGS)))
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ)/libstudio.a $(LIBS) $(shell pkg-config --libs cmocka)

$(O)/share/locale/%/LC_MESSAGES/$(PKG).mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(DATALINK):
	@mkdir -p $(dir $@)
	ln -sfn $(abspath presets) $@

# Translation template from every message in the sources.
po/$(PKG).pot: $(wildcard lib/*.c */*.c */*/*.c)
	xgettext --from-code=UTF-8 -k_ -kN_ -c/ --package-name=$(PKG) \
	  --package-version=$(VERSION) -o $@ $(sort $(wildcard lib/*.c capture/*.c encode/*.c publish/*.c publish/*/*.c))
update-po: po/$(PKG).pot
	for l in $(LINGUAS); do msgmerge -q --update --backup=none po/$$l.po $<; done

deps:
	@tools/deps.sh

# Tests: cmocka unit tests and shell end-to-end tests, all TAP, one prove run.
TESTENV = CMOCKA_MESSAGE_OUTPUT=TAP STUDIO_BIN=$(abspath $(BIN)) STUDIO_SRC=$(CURDIR) \
          STUDIO_BUILD=$(abspath $(OBJ)) \
          LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
          ASAN_OPTIONS=fast_unwind_on_malloc=0
# The check targets build with -Werror, and so does every make the tests run.
check check-faults: export DEV = 1
check:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all tests
	$(TESTENV) prove $(PROVEFLAGS) $(UNIT) tests/e2e/*.t $(wildcard tests/faults/*.t)

# The unit tests alone, without installing anything (debian/rules runs them).
check-unit: all tests
	$(TESTENV) prove $(PROVEFLAGS) $(UNIT)

# The unit tests and the TESTS given (make check-some TESTS=tests/e2e/pipeline.t).
check-some: all tests
	$(TESTENV) prove $(PROVEFLAGS) $(UNIT) $(TESTS)

# The build, the unit tests, the end-to-end tests that need no server and
# the Debian package, in a cached Debian 13 chroot (needs root).
check-debian13:
	tools/check-debian.sh trixie

# The Debian package, built from a copy of the committed and working-tree
# files in $(O)/deb/ (git-ignored), then checked by lintian when present.
deb:
	tools/deb.sh $(abspath $(O)/deb)

# Fault injection (tests/faults/): `make check` runs each scenario a few
# times; check-faults runs the full counts (FAULTS_FULL=1) that
# docs/RELIABILITY.md reports.
check-faults:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all tests
	FAULTS_FULL=1 $(TESTENV) prove $(PROVEFLAGS) tests/faults/*.t

FUZZERS  = $(notdir $(basename $(wildcard tests/fuzz/fuzz_*.c)))
REPLAY   = $(addprefix $(OBJ)/fuzz-replay/,$(FUZZERS))
tests: $(UNIT) $(REPLAY)

# A target named fuzz_PROG_WHAT (PROG one of $(PROGS)) also links that
# program's modules, all but its main.o.
fuzz_objs = $(filter-out %/main.o,$(call objs_of,$(filter $(PROGS),$(word 2,$(subst _, ,$(1))))))

# Each fuzz target also links with a plain main (tests/fuzz/replay.c) so its
# corpus, crashes found included, replays in every `make check`.
$(OBJ)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $$(call fuzz_objs,$$*) $(OBJ)/libstudio.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.a,$^) $(OBJ)/libstudio.a $(LIBS)

# libFuzzer (clang): `make fuzz` runs each target for FUZZ_TIME seconds from
# its committed seed corpus; new inputs go to build-fuzz/corpus/, crashes to
# build-fuzz/crash-*.  A crash found is added to tests/fuzz/corpus/TARGET/.
FUZZ_TIME ?= 60
FUZZ_SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz:
	@$(MAKE) --no-print-directory O=build-fuzz CC=clang DEV=1 \
	  CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN)" fuzzers
	@for f in $(FUZZERS); do c=$${f#fuzz_}; mkdir -p build-fuzz/corpus/$$c; \
	  echo "fuzz: $$f for $(FUZZ_TIME) s"; \
	  build-fuzz/build/fuzz/$$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/crash-$$c- build-fuzz/corpus/$$c tests/fuzz/corpus/$$c \
	    2>build-fuzz/$$f.log || { tail -40 build-fuzz/$$f.log; exit 1; }; \
	  grep -h '^stat::number_of_executed_units' build-fuzz/$$f.log; done
fuzzers: $(addprefix $(OBJ)/fuzz/,$(FUZZERS))
$(OBJ)/fuzz/%: tests/fuzz/%.c $$(call fuzz_objs,$$*) $(OBJ)/libstudio.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $(filter-out %.a,$^) $(OBJ)/libstudio.a $(LIBS)

ASAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	@$(MAKE) --no-print-directory O=build-asan CFLAGS="$(ASAN)" LDFLAGS="$(ASAN)" DEV=1 \
	  PROVEFLAGS="$(PROVEFLAGS)" check

check-valgrind:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	tools/valgrind-pipeline.sh $(BIN)

demo:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@tools/demo.sh $(abspath $(BIN)) demo

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/$(PKG)/presets \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(addprefix $(BIN)/studio-,$(PROGS)) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 presets/*.ini $(DESTDIR)$(PREFIX)/share/$(PKG)/presets/
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	for l in $(LINGUAS); do install -D -m 644 $(O)/share/locale/$$l/LC_MESSAGES/$(PKG).mo \
	  $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/$(PKG).mo; done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/studio-,$(PROGS))
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man1/studio-,$(addsuffix .1,$(PROGS)))
	rm -rf $(DESTDIR)$(PREFIX)/share/$(PKG)
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/$(PKG).mo; done

clean:
	rm -rf bin build share build-asan build-fuzz build-clang demo deb

.PHONY: FORCE all deps check check-unit check-some check-debian13 deb check-faults check-asan check-valgrind tests demo install uninstall clean update-po fuzz fuzzers
