# Entry points of the nested-MSI rig. Every target installs or builds what
# it needs first; the work is done by the short scripts in scripts/.
#
#   make run            build the patched kernel, boot it, show the demo
#   make test           build, boot, run the test plan, print the summary
#   make test BASE=1    the same tests on the unpatched base kernel
#   make test DEBUG=1   the same tests on a lockdep/KASAN/kmemleak kernel
#   make series         (re)make build/linux from base + patches/
#   make export         write build/linux's commits back to patches/
#   make bench          build/boot timings and vmlinux size, series vs base
#   make qemu           build QEMU from Debian's source + patches/qemu (cached)
#   make check-deps     install what "make check" needs (also run by check)
#   make check          maintainer gates on patches/: checkpatch, every patch
#                       builds, no new warnings, docs, coccinelle, mails cleanly
#   make clean          remove build outputs (keeps downloads and trees)

# The platforms "make test" builds and boots, each its own kernel in
# build/out-ARCH; ARCH=X on the command line selects one. "make run" and
# "make bench" show one platform: ARCH (default: the first).
ARCHES ?= arm64 x86_64
ifeq ($(origin ARCH),command line)
ARCHES := $(ARCH)
endif
ARCH ?= $(firstword $(ARCHES))
BASE ?= 0
export ARCH

DEBUG ?= 0
ifeq ($(BASE),1)
SRC := build/linux-base
OUT := build/out-%-base
else
SRC := build/linux
OUT := build/out-%
endif
ifeq ($(DEBUG),1)
OUT := $(OUT)-debug
export EXTRA_CONFIG := debug.config
export BOOT_TIMEOUT ?= 3600
endif

# The test plans booted by "make test": those of each platform of ARCHES.
# A plan runs on the platform its name starts with, on the machine it names.
PLANS_arm64 := arm64 arm64-gicv2 arm64-nested
PLANS_x86_64 := x86_64
PLANS ?= $(foreach a,$(ARCHES),$(PLANS_$(a)))

# $(call each-arch,CMD): run CMD once per platform of ARCHES, ARCH=$$a set;
# "%" in OUT stands for the platform.
each-arch = for a in $(ARCHES); do ARCH=$$a $(1) || exit 1; done

.PHONY: all deps series export tree kernel selftests build run test bench clean
all: test

deps:
	@$(call each-arch,scripts/deps.sh)

series: deps
	@scripts/series-import.sh

export:
	@scripts/series-export.sh

tree: series
ifeq ($(BASE),1)
	@scripts/base-tree.sh
endif

kernel: tree
	@$(call each-arch,scripts/build-kernel.sh $(SRC) $(subst %,$$a,$(OUT)))

selftests: kernel
	@$(call each-arch,scripts/build-selftests.sh)

build: selftests

run: ARCHES := $(ARCH)
run: build
	@V=1 scripts/run-plans.sh $(OUT) demo

test: build
	@scripts/run-plans.sh $(OUT) $(PLANS)

# The QEMU of the plans with "#@ qemu built" (boot.sh builds it too, on
# demand): build/qemu-VERSION/qemu-system-aarch64, rebuilt only when the
# package version or patches/qemu change.
.PHONY: qemu
qemu: deps
	@scripts/build-qemu.sh >/dev/null

bench: ARCHES := $(ARCH)
bench: deps
	@scripts/bench.sh

.PHONY: check check-deps
check-deps: deps
	@scripts/check-deps.sh

check: check-deps
	@scripts/fetch-base.sh
	@scripts/check.sh

clean:
	rm -rf build/out-* build/wt/out-* build/wtb/out-*
