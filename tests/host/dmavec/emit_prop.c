// SPDX-License-Identifier: GPL-2.0
/*
 * Property test of include/dmavec/emit.h on the host: many seeded random
 * cases through the checks of emit_check.h; prints the seed and one
 * PASS:/FAIL: line. Usage: emit_prop [cases] [seed]
 */
#include <stdlib.h>
#include <time.h>

#include "emit_gen.h"

int main(int argc, char **argv)
{
	unsigned long cases = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 0) :
			     (unsigned long)time(NULL);
	static struct gen_case c;
	unsigned long i, failed = 0;
	u8 buf[4 * (3 + 3 * GEN_MAX_RANGES)];
	struct gen_src s;
	size_t k;

	srandom(seed);
	printf("emit_prop: seed %lu, %lu cases\n", seed, cases);
	for (i = 0; i < cases; i++) {
		for (k = 0; k < sizeof(buf); k++)
			buf[k] = random();
		s = (struct gen_src){ buf, sizeof(buf) };
		gen_decode(&c, &s);
		if (!check_all(c.in, c.n, &c.lim, &c.geo, c.vec_cap,
			       c.page_size)) {
			if (!failed++)
				printf("    case %lu: %s\n", i, check_failed);
		}
	}
	printf("%s: host:dmavec/emitters-%lu-random-cases\n",
	       failed ? "FAIL" : "PASS", cases);
	if (failed)
		printf("    %lu cases failed (seed %lu)\n", failed, seed);
	return failed ? 1 : 0;
}
