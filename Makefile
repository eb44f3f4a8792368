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
#   make clean          remove build outputs (keeps downloads and trees)

ARCH ?= arm64
BASE ?= 0
export ARCH

DEBUG ?= 0
ifeq ($(BASE),1)
SRC := build/linux-base
OUT := build/out-$(ARCH)-base
else
SRC := build/linux
OUT := build/out-$(ARCH)
endif
ifeq ($(DEBUG),1)
OUT := $(OUT)-debug
export EXTRA_CONFIG := debug.config
export BOOT_TIMEOUT ?= 3600
endif

# The test plans booted by "make test", each on the machine it names.
PLANS ?= $(ARCH) $(ARCH)-gicv2

.PHONY: all deps series export tree kernel selftests build run test bench clean
all: test

deps:
	@scripts/deps.sh

series: deps
	@scripts/series-import.sh

export:
	@scripts/series-export.sh

tree: series
ifeq ($(BASE),1)
	@scripts/base-tree.sh
endif

kernel: tree
	@scripts/build-kernel.sh $(SRC) $(OUT)

selftests: kernel
	@scripts/build-selftests.sh

build: selftests

run: build
	@V=1 scripts/run-plans.sh $(OUT) demo

test: build
	@scripts/run-plans.sh $(OUT) $(PLANS)

bench: deps
	@scripts/bench.sh

clean:
	rm -rf build/out-*
