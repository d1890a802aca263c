/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's "edu" PCI device as a DMA engine for KUnit suites.
 *
 * The device has a 4 KiB buffer and copies between it and any DMA address
 * it is given, through the IOMMU like any bus master. That makes it a
 * reference device: what it reads back through an address is what a real
 * controller would see there.
 */
#ifndef _DMAVEC_KUNIT_EDU_H
#define _DMAVEC_KUNIT_EDU_H

#include <linux/types.h>
#include <dmavec/edu.h>

struct kunit;

/* The IOMMU setup the kernel was booted with, from dmavec_kunit.profile. */
enum edu_profile {
	EDU_PROFILE_UNKNOWN,
	EDU_PROFILE_STRICT,	/* DMA domain, IOTLB flushed on every unmap */
	EDU_PROFILE_LAZY,	/* DMA domain with a flush queue */
	EDU_PROFILE_PT,		/* identity domain: DMA address == physical */
	EDU_PROFILE_SWIOTLB,	/* no IOMMU, every streaming map bounces */
	EDU_PROFILE_OFF,	/* no IOMMU, direct mapping */
};

struct edu_dev *edu_get(struct kunit *test);
struct device *edu_device(struct edu_dev *edu);
enum edu_profile edu_profile(void);
const char *edu_profile_name(void);
int edu_check_profile(struct edu_dev *edu);

struct pci_dev *edu_p2p_provider(struct kunit *test);

int edu_debug_entries(struct device *dev, const char *type);
struct fault_attr;
void edu_fail_next(struct fault_attr *attr);
void edu_fail_disarm(void *attr);

void edu_expect_maps(struct kunit *test, struct device *dev, dma_addr_t addr,
		     phys_addr_t phys, size_t len);

#endif /* _DMAVEC_KUNIT_EDU_H */
