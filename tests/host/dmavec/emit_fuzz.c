// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: any input decodes to a case the emitters must pass. */
#include "emit_gen.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct gen_case c;
	struct gen_src s = { data, size };

	gen_decode(&c, &s);
	if (!check_all(c.in, c.n, &c.lim, &c.geo, c.vec_cap, c.page_size)) {
		fprintf(stderr, "emit_fuzz: %s\n", check_failed);
		abort();
	}
	return 0;
}
