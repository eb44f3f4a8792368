// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark, not a test: the cost of enabling N MSI vectors of a device
 * attached to a nested domain, with and without guest MSI IOVAs set.
 *
 * Each vector is prepared the way an irqchip does when it allocates it
 * (iommu_dma_prepare_msi() -> iommufd_sw_msi(), through the iommufd mock's
 * IOMMU_TEST_OP_SW_MSI), for NVEC vectors, REPS times. "host" leaves the
 * per-vector table empty (today's path); "guest" gives every vector a guest
 * IOVA first. Run under QEMU with -icount shift=0, the guest's clock counts
 * instructions, so the figures repeat from run to run.
 *
 * Prints one line per mode and the ratio guest/host; exits 0 whatever the
 * figures (the bench command reports them, nothing judges them here).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The iommufd selftests' helpers: this uses a few of them */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "iommu/iommufd_utils.h"

#define NVEC 32
#define REPS 200
#define DOORBELL MOCK_MSI_DOORBELL_0
/* Where the IOAS maps the doorbell's page (IOMMU_IOAS_MAP_MSI) */
#define DOORBELL_IPA 0x20000000ULL
/* Its low 12 bits are the doorbell's */
#define GUEST_IOVA 0x4abc0040ULL

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double enable_vectors(int fd, __u32 stdev_id)
{
	double t0, t1;
	__u64 addr;
	int r, i;

	t0 = now_ns();
	for (r = 0; r < REPS; r++)
		for (i = 0; i < NVEC; i++)
			if (_test_cmd_sw_msi(fd, stdev_id, DOORBELL, i, &addr)) {
				perror("IOMMU_TEST_OP_SW_MSI");
				exit(1);
			}
	t1 = now_ns();
	return (t1 - t0) / (REPS * NVEC);
}

int main(void)
{
	struct iommu_hwpt_selftest data = { .iotlb = IOMMU_TEST_IOTLB_DEFAULT };
	__u32 ioas_id, stdev_id, idev_id, parent_id, nested_id;
	double host, guest;
	__u64 addr = 0;
	int fd, i;

	fd = open("/dev/iommu", O_RDWR);
	if (fd < 0 ||
	    _test_ioctl_ioas_alloc(fd, &ioas_id) ||
	    _test_cmd_mock_domain_flags(fd, ioas_id, MOCK_FLAGS_DEVICE_SW_MSI,
					&stdev_id, NULL, &idev_id) ||
	    _test_cmd_hwpt_alloc(fd, idev_id, ioas_id, 0,
				 IOMMU_HWPT_ALLOC_NEST_PARENT, &parent_id,
				 IOMMU_HWPT_DATA_NONE, NULL, 0) ||
	    _test_cmd_hwpt_alloc(fd, idev_id, parent_id, 0, 0, &nested_id,
				 IOMMU_HWPT_DATA_SELFTEST, &data, sizeof(data)) ||
	    _test_cmd_mock_domain_replace(fd, stdev_id, nested_id, NULL) ||
	    /* A guest IOVA needs the doorbell mapped in the stage 2's IOAS */
	    _test_cmd_ioas_map_msi(fd, ioas_id, idev_id, MOCK_MSI_DOORBELL_ID_0,
				   DOORBELL_IPA)) {
		perror("msi_vector_bench: iommufd mock setup");
		return 1;
	}

	/* Warm up: the doorbell page gets mapped once */
	enable_vectors(fd, stdev_id);
	host = enable_vectors(fd, stdev_id);

	for (i = 0; i < NVEC; i++)
		if (_test_cmd_set_msi_iova(fd, stdev_id, i, GUEST_IOVA)) {
			perror("IOMMU_TEST_OP_SET_MSI_IOVA");
			return 1;
		}
	if (_test_cmd_sw_msi(fd, stdev_id, DOORBELL, 0, &addr) ||
	    addr != GUEST_IOVA) {
		fprintf(stderr, "guest IOVA not applied: 0x%llx\n",
			(unsigned long long)addr);
		return 1;
	}
	guest = enable_vectors(fd, stdev_id);

	printf("msi_vector_bench: %d vectors x %d: host %.0f ns/vector\n",
	       NVEC, REPS, host);
	printf("msi_vector_bench: %d vectors x %d: guest %.0f ns/vector\n",
	       NVEC, REPS, guest);
	printf("msi_vector_bench: guest/host %.3f\n", guest / host);
	return 0;
}
