/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QEMU's edu device (1234:11e8) for the rig's guest tests: finding it
 * ($EDU_BDF, else the first edu in sysfs), binding it to vfio-pci and to an
 * iommufd, its BAR0 registers, and a DMA round trip through whatever IOMMU
 * domain it is attached to. Include after kselftest_harness.h.
 */
#ifndef RIG_EDU_H
#define RIG_EDU_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <linux/pci_regs.h>
#include <linux/vfio.h>

#define PCI_DEVS		"/sys/bus/pci/devices"
#define EDU_VENDOR_DEVICE	0x11e81234

/* edu BAR0 */
#define EDU_BAR0_SIZE		(1UL << 20)
#define EDU_ID			0x00
#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_RAISE		0x60
#define EDU_IRQ_ACK		0x64
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_CNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_DMA_START		0x1
#define EDU_DMA_TO_RAM		0x2
#define EDU_DMA_BUF		0x40000
#define EDU_DMA_SIZE		4096
#define EDU_IRQ_BIT		0x1

#define EDU_REG32(bar, reg)	(*(volatile __u32 *)((bar) + (reg)))
#define EDU_REG64(bar, reg)	(*(volatile __u64 *)((bar) + (reg)))

/* The DMA buffer: DMA_BUF_SIZE at DMA_IOVA, the copy lands at DMA_DST_OFF */
#define DMA_IOVA		0x100000000ULL
#define DMA_BUF_SIZE		(2UL << 20)
#define DMA_DST_OFF		0x1000

static inline void dev_path(char *path, const char *bdf, const char *leaf)
{
	snprintf(path, PATH_MAX, PCI_DEVS "/%s/%s", bdf, leaf);
}

static inline int write_file(const char *path, const char *val)
{
	ssize_t len = strlen(val), ret;
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -errno;
	ret = write(fd, val, len);
	close(fd);
	return ret == len ? 0 : -errno;
}

static inline ssize_t read_config(const char *bdf, void *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t ret;
	int fd;

	dev_path(path, bdf, "config");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	ret = pread(fd, buf, len, 0);
	close(fd);
	return ret;
}

static inline bool find_edu(char *bdf, size_t len)
{
	const char *env = getenv("EDU_BDF");
	bool found = false;
	struct dirent *de;
	__u32 id;
	DIR *dir;

	if (env) {
		snprintf(bdf, len, "%s", env);
		return true;
	}
	dir = opendir(PCI_DEVS);
	while (dir && !found && (de = readdir(dir))) {
		found = read_config(de->d_name, &id, sizeof(id)) == sizeof(id) &&
			id == EDU_VENDOR_DEVICE;
		if (found)
			snprintf(bdf, len, "%s", de->d_name);
	}
	if (dir)
		closedir(dir);
	return found;
}

/* Name of the driver bound to @bdf, or NULL */
static inline const char *driver_of(const char *bdf, char *buf)
{
	char path[PATH_MAX];
	ssize_t n;

	dev_path(path, bdf, "driver");
	n = readlink(path, buf, PATH_MAX - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return strrchr(buf, '/') + 1;
}

static inline void bind_vfio_pci(struct __test_metadata *_metadata,
				 const char *bdf)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *drv = driver_of(bdf, link);

	if (drv && !strcmp(drv, "vfio-pci"))
		return;
	dev_path(path, bdf, "driver_override");
	ASSERT_EQ(0, write_file(path, "vfio-pci")) TH_LOG("%s", path);
	if (drv) {
		dev_path(path, bdf, "driver/unbind");
		ASSERT_EQ(0, write_file(path, bdf));
	}
	ASSERT_EQ(0, write_file("/sys/bus/pci/drivers_probe", bdf));
	drv = driver_of(bdf, link);
	ASSERT_NE(NULL, drv);
	ASSERT_STREQ("vfio-pci", drv);
}

/* Open @bdf's VFIO cdev and bind it to a new iommufd; returns the dev_id. */
static inline __u32 edu_iommufd_bind(struct __test_metadata *_metadata,
				     const char *bdf, int *device_fd,
				     int *iommufd)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	dev_path(path, bdf, "vfio-dev");
	dir = opendir(path);
	ASSERT_NE(NULL, dir) TH_LOG("%s: not bound to vfio-pci", bdf);
	while ((de = readdir(dir)) && strncmp(de->d_name, "vfio", 4))
		;
	ASSERT_NE(NULL, de);
	snprintf(path, sizeof(path), "/dev/vfio/devices/%s", de->d_name);
	closedir(dir);
	*device_fd = open(path, O_RDWR);
	ASSERT_LE(0, *device_fd) TH_LOG("open %s: %m", path);

	*iommufd = open("/dev/iommu", O_RDWR);
	ASSERT_LE(0, *iommufd);
	bind.iommufd = *iommufd;
	ASSERT_EQ(0, ioctl(*device_fd, VFIO_DEVICE_BIND_IOMMUFD, &bind));
	return bind.out_devid;
}

/* Memory space for the BAR mmap, bus master for DMA and MSI writes: BAR0 */
static inline void *edu_map_bar(struct __test_metadata *_metadata,
				int device_fd)
{
	struct vfio_region_info cfg = { .argsz = sizeof(cfg),
					.index = VFIO_PCI_CONFIG_REGION_INDEX };
	struct vfio_region_info bar = { .argsz = sizeof(bar),
					.index = VFIO_PCI_BAR0_REGION_INDEX };
	__u16 cmd;
	void *p;

	ASSERT_EQ(0, ioctl(device_fd, VFIO_DEVICE_GET_REGION_INFO, &cfg));
	ASSERT_EQ(sizeof(cmd), pread(device_fd, &cmd, sizeof(cmd),
				     cfg.offset + PCI_COMMAND));
	cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	ASSERT_EQ(sizeof(cmd), pwrite(device_fd, &cmd, sizeof(cmd),
				      cfg.offset + PCI_COMMAND));

	ASSERT_EQ(0, ioctl(device_fd, VFIO_DEVICE_GET_REGION_INFO, &bar));
	ASSERT_TRUE(bar.flags & VFIO_REGION_INFO_FLAG_MMAP);
	ASSERT_LE(EDU_BAR0_SIZE, bar.size);
	p = mmap(NULL, EDU_BAR0_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		 device_fd, bar.offset);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0xed, EDU_REG32(p, EDU_ID) & 0xff);
	return p;
}

static inline void edu_dma(struct __test_metadata *_metadata, void *bar,
			   __u64 src, __u64 dst, __u64 dir)
{
	int i;

	EDU_REG64(bar, EDU_DMA_SRC) = src;
	EDU_REG64(bar, EDU_DMA_DST) = dst;
	EDU_REG64(bar, EDU_DMA_CNT) = EDU_DMA_SIZE;
	EDU_REG64(bar, EDU_DMA_CMD) = EDU_DMA_START | dir;
	for (i = 0; i < 2000 && (EDU_REG64(bar, EDU_DMA_CMD) & EDU_DMA_START); i++)
		usleep(1000);
	ASSERT_FALSE(EDU_REG64(bar, EDU_DMA_CMD) & EDU_DMA_START)
		TH_LOG("DMA 0x%llx -> 0x%llx timed out",
		       (unsigned long long)src, (unsigned long long)dst);
}

/*
 * A DMA_BUF_SIZE-aligned buffer of DMA_BUF_SIZE to map at DMA_IOVA; *raw is
 * the mapping to munmap (2 * DMA_BUF_SIZE).
 */
static inline __u32 *edu_dma_buf(struct __test_metadata *_metadata,
				 void **raw)
{
	void *p = mmap(NULL, 2 * DMA_BUF_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, p);
	*raw = p;
	return (void *)(((uintptr_t)p + DMA_BUF_SIZE - 1) & ~(DMA_BUF_SIZE - 1));
}

/* RAM -> device -> RAM through DMA_IOVA, where @buf is mapped */
static inline void edu_dma_roundtrip(struct __test_metadata *_metadata,
				     void *bar, __u32 *buf)
{
	int i;

	for (i = 0; i < EDU_DMA_SIZE / 4; i++)
		buf[i] = i * 0x9e3779b9u ^ 0xedu;
	edu_dma(_metadata, bar, DMA_IOVA, EDU_DMA_BUF, 0);
	edu_dma(_metadata, bar, EDU_DMA_BUF, DMA_IOVA + DMA_DST_OFF,
		EDU_DMA_TO_RAM);
	ASSERT_EQ(0, memcmp(buf, (void *)buf + DMA_DST_OFF, EDU_DMA_SIZE));
}

#endif
