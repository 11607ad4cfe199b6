/*
 * cmock_fault.h: the run-time half of cmock's fault seams.
 *
 * `cmock -fault` wraps each function of a seam header (crypto_evp.h, say)
 * that returns a value: the wrapper calls the real function unless a fault
 * is armed for it, in which case it returns the armed value instead, and
 * optionally sets errno. Faults are armed once, before main, from the
 * environment:
 *
 *   CMOCK_FAULTS="rule;rule;..."
 *   rule  = function "=" value [ ":" errno ] [ "@" when ]
 *   value = a C integer literal: 4, -1, 0x10 (0 is NULL for a pointer)
 *   errno = an errno name (ENOMEM, EIO, EINTR, ...) or number
 *   when  = N        the Nth call only (calls count from 1)
 *         | N "+"    the Nth call and every later one
 *         | P "%"    each call with probability P (1 to 100), drawn from
 *                    CMOCK_FAULTS_SEED (default 1), so a run repeats
 *           (absent) every call
 *
 * For example CMOCK_FAULTS="crypto_evp_final=4@2" makes the second call of
 * crypto_evp_final return 4 (CRYPTO_EBACKEND). A rule that does not parse,
 * names no wrapped function, or names one whose return type is not a 1, 2,
 * 4 or 8 byte scalar, ends the process before main with exit status 2 and
 * a message on stderr. Every fault fired is logged to stderr.
 *
 * Only fault builds link this (see fault_binary in tools/cmock/defs.bzl);
 * without it CMOCK_FAULTS means nothing. State is set up by constructors
 * before main and is then read-only, apart from each site's atomic call
 * counter: wrappers may be called from any thread.
 */
#ifndef TOOLS_CMOCK_FAULT_CMOCK_FAULT_H_
#define TOOLS_CMOCK_FAULT_CMOCK_FAULT_H_

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One wrapped function. The generated code defines them statically with
 * name and ret_size; the runtime owns the rest. */
typedef struct cmock_fault_site {
  const char *name;
  size_t ret_size; /* sizeof the return type; a fault writes that many bytes */
  const struct cmock_fault_rule *rule; /* armed before main; NULL: unarmed */
  atomic_ulong calls;
  struct cmock_fault_site *next; /* registered sites, a list */
} cmock_fault_site;

/* Registers n sites; generated code calls it from a constructor that runs
 * before the one that arms faults. Not thread-safe: before main only. */
void cmock_fault_register(cmock_fault_site *sites, size_t n);

/* Counts a call of site and reports whether a fault fires on it. If so, it
 * writes the armed value to ret as an integer of site->ret_size bytes, sets
 * errno if the rule names one, logs the fault, and the wrapper returns ret
 * without calling the real function. Thread-safe. */
bool cmock_fault_fire(cmock_fault_site *site, void *ret);

#ifdef __cplusplus
}
#endif

#endif /* TOOLS_CMOCK_FAULT_CMOCK_FAULT_H_ */
