// SPDX-License-Identifier: GPL-2.0
/*
 * MSI delivery and DMA of a QEMU edu device (1234:11e8) assigned through VFIO,
 * with the type1 container and with iommufd. The device is $EDU_BDF, or else
 * the first edu device in sysfs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/iommufd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "kselftest_harness.h"
#include "edu.h"

/*
 * The window the device's MSI address lies in: on arm64, arm-smmu-v3's
 * IOMMU_RESV_SW_MSI window (MSI_IOVA_BASE, MSI_IOVA_LENGTH), where the
 * doorbell is mapped; on x86_64, the untranslated IOMMU_RESV_MSI interrupt
 * window of VT-d and AMD-Vi (0xfee00000 + 1 MiB).
 */
#if defined(__aarch64__)
#define MSI_WINDOW_START	0x8000000ULL
#define MSI_WINDOW_END		0x80fffffULL
#elif defined(__x86_64__)
#define MSI_WINDOW_START	0xfee00000ULL
#define MSI_WINDOW_END		0xfeefffffULL
#else
#error "no MSI window known for this architecture"
#endif

FIXTURE(edu_msi) {
	char bdf[NAME_MAX + 1];
	int container_fd, group_fd;	/* type1 */
	int iommufd;			/* iommufd */
	__u32 ioas_id;			/* iommufd */
	int device_fd;
	int efd;
	void *bar;
	void *dma_raw;
	bool mapped;
};

FIXTURE_VARIANT(edu_msi) {
	bool iommufd;
};

FIXTURE_VARIANT_ADD(edu_msi, type1) {
	.iommufd = false,
};

FIXTURE_VARIANT_ADD(edu_msi, iommufd) {
	.iommufd = true,
};

static void open_type1(struct __test_metadata *_metadata,
		       FIXTURE_DATA(edu_msi) *self)
{
	char path[PATH_MAX], link[PATH_MAX];
	ssize_t n;

	self->container_fd = open("/dev/vfio/vfio", O_RDWR);
	ASSERT_LE(0, self->container_fd);
	ASSERT_EQ(1, ioctl(self->container_fd, VFIO_CHECK_EXTENSION,
			   VFIO_TYPE1v2_IOMMU));
	dev_path(path, self->bdf, "iommu_group");
	n = readlink(path, link, sizeof(link) - 1);
	ASSERT_LT(0, n);
	link[n] = '\0';
	snprintf(path, sizeof(path), "/dev/vfio/%s", strrchr(link, '/') + 1);
	self->group_fd = open(path, O_RDWR);
	ASSERT_LE(0, self->group_fd) TH_LOG("open %s: %m", path);
	ASSERT_EQ(0, ioctl(self->group_fd, VFIO_GROUP_SET_CONTAINER,
			   &self->container_fd));
	ASSERT_EQ(0, ioctl(self->container_fd, VFIO_SET_IOMMU,
			   VFIO_TYPE1v2_IOMMU));
	self->device_fd = ioctl(self->group_fd, VFIO_GROUP_GET_DEVICE_FD,
				self->bdf);
	ASSERT_LE(0, self->device_fd);
}

static void open_iommufd(struct __test_metadata *_metadata,
			 FIXTURE_DATA(edu_msi) *self)
{
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };

	edu_iommufd_bind(_metadata, self->bdf, &self->device_fd, &self->iommufd);
	ASSERT_EQ(0, ioctl(self->iommufd, IOMMU_IOAS_ALLOC, &alloc));
	self->ioas_id = alloc.out_ioas_id;
	attach.pt_id = self->ioas_id;
	ASSERT_EQ(0, ioctl(self->device_fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT,
			   &attach));
}

FIXTURE_SETUP(edu_msi)
{
	const char *node = variant->iommufd ? "/dev/iommu" : "/dev/vfio/vfio";

	self->efd = -1;
	if (!find_edu(self->bdf, sizeof(self->bdf)))
		SKIP(return, "no edu (1234:11e8) PCI device");
	if (access(node, F_OK))
		SKIP(return, "%s missing", node);

	bind_vfio_pci(_metadata, self->bdf);
	if (variant->iommufd)
		open_iommufd(_metadata, self);
	else
		open_type1(_metadata, self);

	self->bar = edu_map_bar(_metadata, self->device_fd);
}

FIXTURE_TEARDOWN(edu_msi)
{
	struct vfio_irq_set irq_off = {
		.argsz = sizeof(irq_off), .index = VFIO_PCI_MSI_IRQ_INDEX,
		.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
	};
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap), .iova = DMA_IOVA, .size = DMA_BUF_SIZE,
	};
	struct iommu_ioas_unmap ioas_unmap = {
		.size = sizeof(ioas_unmap), .ioas_id = self->ioas_id,
		.iova = DMA_IOVA, .length = DMA_BUF_SIZE,
	};

	if (self->efd >= 0) {
		EXPECT_EQ(0, ioctl(self->device_fd, VFIO_DEVICE_SET_IRQS,
				   &irq_off));
		close(self->efd);
	}
	if (self->mapped && variant->iommufd) {
		EXPECT_EQ(0, ioctl(self->iommufd, IOMMU_IOAS_UNMAP, &ioas_unmap));
	} else if (self->mapped) {
		EXPECT_EQ(0, ioctl(self->container_fd, VFIO_IOMMU_UNMAP_DMA,
				   &unmap));
	}
	if (self->dma_raw)
		munmap(self->dma_raw, 2 * DMA_BUF_SIZE);
	munmap(self->bar, EDU_BAR0_SIZE);
	close(self->device_fd);
	if (variant->iommufd) {
		close(self->iommufd);
	} else {
		close(self->group_fd);
		close(self->container_fd);
	}
}

static void enable_msi(struct __test_metadata *_metadata,
		       FIXTURE_DATA(edu_msi) *self)
{
	struct vfio_irq_info irq = { .argsz = sizeof(irq),
				     .index = VFIO_PCI_MSI_IRQ_INDEX };
	char buf[sizeof(struct vfio_irq_set) + sizeof(int)]
		__attribute__((aligned(8)));
	struct vfio_irq_set *set = (struct vfio_irq_set *)buf;

	ASSERT_EQ(0, ioctl(self->device_fd, VFIO_DEVICE_GET_IRQ_INFO, &irq));
	ASSERT_LE(1, irq.count);
	ASSERT_TRUE(irq.flags & VFIO_IRQ_INFO_EVENTFD);
	self->efd = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, self->efd);
	*set = (struct vfio_irq_set){
		.argsz = sizeof(buf),
		.flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		.index = VFIO_PCI_MSI_IRQ_INDEX,
		.count = 1,
	};
	memcpy(set->data, &self->efd, sizeof(int));
	ASSERT_EQ(0, ioctl(self->device_fd, VFIO_DEVICE_SET_IRQS, set));
}

TEST_F(edu_msi, msi_delivered)
{
	struct pollfd pfd;
	__u64 count;
	int i;

	enable_msi(_metadata, self);
	pfd = (struct pollfd){ .fd = self->efd, .events = POLLIN };
	for (i = 0; i < 3; i++) {
		EDU_REG32(self->bar, EDU_IRQ_RAISE) = EDU_IRQ_BIT;
		ASSERT_EQ(1, poll(&pfd, 1, 2000))
			TH_LOG("no MSI for trigger %d", i);
		ASSERT_EQ(sizeof(count), read(self->efd, &count, sizeof(count)));
		ASSERT_EQ(1, count);
		ASSERT_EQ(EDU_IRQ_BIT, EDU_REG32(self->bar, EDU_IRQ_STATUS));
		EDU_REG32(self->bar, EDU_IRQ_ACK) = EDU_IRQ_BIT;
		ASSERT_EQ(0, EDU_REG32(self->bar, EDU_IRQ_STATUS));
	}
}

TEST_F(edu_msi, msi_address_in_msi_window)
{
	__u8 cfg[PCI_CFG_SPACE_SIZE];
	__u32 lo, hi;
	__u16 flags;
	__u64 addr;
	int pos, n;

	enable_msi(_metadata, self);
	/* From sysfs: VFIO's config region virtualizes MSI address and data */
	ASSERT_EQ(sizeof(cfg), read_config(self->bdf, cfg, sizeof(cfg)));
	ASSERT_TRUE(cfg[PCI_STATUS] & PCI_STATUS_CAP_LIST);
	pos = cfg[PCI_CAPABILITY_LIST] & ~3;
	for (n = 0; pos && cfg[pos] != PCI_CAP_ID_MSI && n < 48; n++)
		pos = cfg[pos + PCI_CAP_LIST_NEXT] & ~3;
	ASSERT_NE(0, pos);
	ASSERT_EQ(PCI_CAP_ID_MSI, cfg[pos]);

	memcpy(&flags, &cfg[pos + PCI_MSI_FLAGS], sizeof(flags));
	ASSERT_TRUE(flags & PCI_MSI_FLAGS_ENABLE);
	ASSERT_TRUE(flags & PCI_MSI_FLAGS_64BIT);
	memcpy(&lo, &cfg[pos + PCI_MSI_ADDRESS_LO], sizeof(lo));
	memcpy(&hi, &cfg[pos + PCI_MSI_ADDRESS_HI], sizeof(hi));
	addr = (__u64)hi << 32 | lo;
	TH_LOG("%s: MSI address 0x%llx", self->bdf, (unsigned long long)addr);
	ASSERT_LE(MSI_WINDOW_START, addr);
	ASSERT_GE(MSI_WINDOW_END, addr);
}

TEST_F(edu_msi, dma_roundtrip)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map), .iova = DMA_IOVA, .size = DMA_BUF_SIZE,
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
	};
	struct iommu_ioas_map ioas_map = {
		.size = sizeof(ioas_map), .ioas_id = self->ioas_id,
		.iova = DMA_IOVA, .length = DMA_BUF_SIZE,
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
	};
	__u32 *buf;

	buf = edu_dma_buf(_metadata, &self->dma_raw);
	map.vaddr = (uintptr_t)buf;
	ioas_map.user_va = (uintptr_t)buf;
	if (variant->iommufd) {
		ASSERT_EQ(0, ioctl(self->iommufd, IOMMU_IOAS_MAP, &ioas_map));
	} else {
		ASSERT_EQ(0, ioctl(self->container_fd, VFIO_IOMMU_MAP_DMA, &map));
	}
	self->mapped = true;
	edu_dma_roundtrip(_metadata, self->bar, buf);
}

TEST_HARNESS_MAIN
