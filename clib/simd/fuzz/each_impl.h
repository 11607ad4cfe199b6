/*
 * each_impl.h: what the clib/simd libFuzzer targets share. Each target
 * runs its kernel under every implementation this CPU supports and checks
 * the result against a byte-at-a-time reference, so a finding is either a
 * sanitizer report (an out-of-bounds read, say) or a wrong answer.
 */
#ifndef CLIB_SIMD_FUZZ_EACH_IMPL_H_
#define CLIB_SIMD_FUZZ_EACH_IMPL_H_

#include <string.h>

#include "clib/internal/fuzzing/fuzzing.h"
#include "clib/simd/simd.h"

/* FOR_EACH_IMPL runs the statement after it once under each implementation
 * simd_force_impl accepts, with impl naming it; call simd_reset_impl()
 * after the loop. Forcing is process-wide, which a fuzz target (one thread)
 * may do. */
#define FOR_EACH_IMPL(impl)                                       \
  for (simd_impl impl = SIMD_IMPL_SCALAR; impl < SIMD_IMPL_COUNT; \
       impl = (simd_impl)(impl + 1))                              \
    if (simd_force_impl(impl) == SIMD_OK)

/* checks_current_impl checks the dispatch queries for impl, which has just
 * been forced. */
static inline void checks_current_impl(simd_impl impl) {
  require(simd_current_impl() == impl);
  require(simd_impl_supported(impl) == 1);
  require(strcmp(simd_impl_name(impl), "unknown") != 0);
}

#endif /* CLIB_SIMD_FUZZ_EACH_IMPL_H_ */
