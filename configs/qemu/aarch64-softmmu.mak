# The devices of the rig's own qemu-system-aarch64 (plans with "#@ qemu
# built"), which build-qemu.sh configures with --without-default-devices:
# the virt machine, which brings its GICv3 ITS, GICv2m and SMMUv3, and the
# PCI devices the plans add. Anything else a plan wants must be listed.
CONFIG_ARM_VIRT=y
CONFIG_EDU=y
CONFIG_PCIE_PORT=y
CONFIG_E1000E_PCI_EXPRESS=y
