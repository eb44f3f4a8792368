# Entry points of the nested-MSI rig. Every target installs or builds what
# it needs first; the work is done by the short scripts in scripts/.
#
#   make run            build the patched kernel, boot it, show the demo
#   make test           build, boot, run the test plan, print the summary
#   make test BASE=1    the same tests on the unpatched base kernel
#   make series         (re)make build/linux from base + patches/
#   make export         write build/linux's commits back to patches/
#   make bench          build/boot timings and vmlinux size, series vs base
#   make clean          remove build outputs (keeps downloads and trees)

ARCH ?= arm64
BASE ?= 0
export ARCH

ifeq ($(BASE),1)
SRC := build/linux-base
OUT := build/out-$(ARCH)-base
else
SRC := build/linux
OUT := build/out-$(ARCH)
endif

.PHONY: all deps series export tree kernel selftests initramfs build run test bench clean
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

initramfs: selftests
	@scripts/mkinitramfs.sh $(OUT)

build: initramfs

run: selftests
	@PLAN=demo scripts/mkinitramfs.sh $(OUT)
	@V=1 scripts/boot.sh $(OUT) && scripts/summarize.py $(OUT)/console.log

test: build
	@scripts/boot.sh $(OUT) && scripts/summarize.py $(OUT)/console.log

bench: deps
	@scripts/bench.sh

clean:
	rm -rf build/out-*
