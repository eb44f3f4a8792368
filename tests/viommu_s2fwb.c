// SPDX-License-Identifier: GPL-2.0
/*
 * Does the guest see the SMMU's stage-2 forced write-back (SMMU_IDR3.FWB)?
 * arm-smmu-v3 lets iommufd allocate an ARM_SMMUV3 vIOMMU only when the SMMU
 * has S2FWB or the device is CANWBS (arm_smmu_get_viommu_size()), and QEMU's
 * IORT never sets CANWBS: IOMMU_VIOMMU_ALLOC succeeds iff QEMU advertises FWB
 * (arm-smmuv3's s2fwb property). Then a nested HWPT with a bypass vSTE is
 * attached to the edu device ($EDU_BDF, else the first edu in sysfs), whose
 * STE now has S2FWB set, and its DMA must still go through stage 2.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "kselftest_harness.h"
#include "edu.h"

/* vSTE word 0: V, Config = bypass (arm-smmu-v3.h STRTAB_STE_0_*) */
#define VSTE0_V			(1ULL << 0)
#define VSTE0_CFG_BYPASS	(4ULL << 1)

FIXTURE(s2fwb) {
	char bdf[NAME_MAX + 1];
	int iommufd, device_fd;
	__u32 dev_id, ioas_id, s2_hwpt_id;
	void *bar;
};

FIXTURE_SETUP(s2fwb)
{
	struct iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	struct iommu_hwpt_alloc s2 = { .size = sizeof(s2),
				       .flags = IOMMU_HWPT_ALLOC_NEST_PARENT };

	self->device_fd = self->iommufd = -1;
	if (!find_edu(self->bdf, sizeof(self->bdf)))
		SKIP(return, "no edu (1234:11e8) PCI device");
	bind_vfio_pci(_metadata, self->bdf);
	self->dev_id = edu_iommufd_bind(_metadata, self->bdf, &self->device_fd,
					&self->iommufd);
	ASSERT_EQ(0, ioctl(self->iommufd, IOMMU_IOAS_ALLOC, &ioas));
	self->ioas_id = ioas.out_ioas_id;
	s2.dev_id = self->dev_id;
	s2.pt_id = self->ioas_id;
	ASSERT_EQ(0, ioctl(self->iommufd, IOMMU_HWPT_ALLOC, &s2))
		TH_LOG("nest-parent HWPT: %m (no stage 2 / NESTING?)");
	self->s2_hwpt_id = s2.out_hwpt_id;
	self->bar = edu_map_bar(_metadata, self->device_fd);
}

FIXTURE_TEARDOWN(s2fwb)
{
	if (self->bar && self->bar != MAP_FAILED)
		munmap(self->bar, EDU_BAR0_SIZE);
	if (self->device_fd >= 0)
		close(self->device_fd);
	if (self->iommufd >= 0)
		close(self->iommufd);
}

static __u32 viommu_alloc(struct __test_metadata *_metadata,
			  FIXTURE_DATA(s2fwb) *self)
{
	struct iommu_viommu_alloc viommu = {
		.size = sizeof(viommu), .type = IOMMU_VIOMMU_TYPE_ARM_SMMUV3,
		.dev_id = self->dev_id, .hwpt_id = self->s2_hwpt_id,
	};
	int ret = ioctl(self->iommufd, IOMMU_VIOMMU_ALLOC, &viommu);

	ASSERT_EQ(0, ret) TH_LOG("IOMMU_VIOMMU_ALLOC(ARM_SMMUV3): %m%s",
		errno == EOPNOTSUPP ? ": the SMMU does not advertise S2FWB" : "");
	return viommu.out_viommu_id;
}

TEST_F(s2fwb, viommu_alloc)
{
	viommu_alloc(_metadata, self);
}

/* A bypass vSTE: the device's DMA is translated by stage 2 only. */
TEST_F(s2fwb, nested_bypass_dma)
{
	struct iommu_hwpt_arm_smmuv3 vste = {
		.ste = { VSTE0_V | VSTE0_CFG_BYPASS, 0 },
	};
	struct iommu_hwpt_alloc nested = {
		.size = sizeof(nested), .dev_id = self->dev_id,
		.data_type = IOMMU_HWPT_DATA_ARM_SMMUV3,
		.data_len = sizeof(vste), .data_uptr = (uintptr_t)&vste,
	};
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	struct iommu_ioas_map map = {
		.size = sizeof(map), .ioas_id = self->ioas_id,
		.iova = DMA_IOVA, .length = DMA_BUF_SIZE,
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
	};
	__u32 *buf;
	void *raw;

	nested.pt_id = viommu_alloc(_metadata, self);
	ASSERT_EQ(0, ioctl(self->iommufd, IOMMU_HWPT_ALLOC, &nested))
		TH_LOG("nested HWPT (bypass vSTE): %m");
	attach.pt_id = nested.out_hwpt_id;
	ASSERT_EQ(0, ioctl(self->device_fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT,
			   &attach)) TH_LOG("attach to the nested HWPT: %m");

	buf = edu_dma_buf(_metadata, &raw);
	map.user_va = (uintptr_t)buf;
	ASSERT_EQ(0, ioctl(self->iommufd, IOMMU_IOAS_MAP, &map));
	edu_dma_roundtrip(_metadata, self->bar, buf);
	munmap(raw, 2 * DMA_BUF_SIZE);
}

TEST_HARNESS_MAIN
