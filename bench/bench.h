/* SPDX-License-Identifier: GPL-2.0-only */
/* dmavec_bench: the benchmarks run at boot by iova_link_bench.c. */
#ifndef _DMAVEC_BENCH_H
#define _DMAVEC_BENCH_H

struct device;

void dmavec_bench_sgl(struct device *dev);

#endif /* _DMAVEC_BENCH_H */
