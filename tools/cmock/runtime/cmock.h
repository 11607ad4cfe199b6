/*
 * cmock.h: support code shared by the mocks that tools/cmock generates.
 *
 * Generated mocks keep their per-function state themselves and call these
 * helpers for what is the same in every mock: queues of expectations,
 * strict call order across mocks, argument checks and failure messages.
 * Failures go through ctest_fail, so they fail the current ctest case.
 * Nothing here is meant to be called from a test directly.
 */
#ifndef TOOLS_CMOCK_RUNTIME_CMOCK_H_
#define TOOLS_CMOCK_RUNTIME_CMOCK_H_

#include <stddef.h>

#include "tools/ctest/ctest.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The part every generated expectation struct starts with. */
typedef struct {
  const char *file; /* where the test set the expectation */
  int line;
  int order;    /* position in the strict call order; 0 if not strict */
  int any_args; /* ExpectAnyArgs: check no argument */
} cmock_expectation;

/* A growable FIFO of expectation structs of one size. */
typedef struct {
  unsigned char *items;
  size_t len, cap;
  size_t next; /* the first expectation not yet matched by a call */
} cmock_queue;

/* A call being matched: who is called, the how-manieth time, and where a
 * failure is reported (the test, then the matched expectation). */
typedef struct {
  const char *func;
  int call;
  const char *file;
  int line;
} cmock_call;

/* cmock_queue_push appends a zeroed item of size bytes and returns it. */
void *cmock_queue_push(cmock_queue *q, size_t size);
/* cmock_queue_pop returns the next unmatched item, or NULL. */
void *cmock_queue_pop(cmock_queue *q, size_t size);
/* cmock_queue_last returns the newest item; with none, it fails the test,
 * blaming api (say "f_IgnoreArg_x") at file:line. */
void *cmock_queue_last(cmock_queue *q, size_t size, const char *api, const char *file, int line);
/* cmock_queue_verify fails if an item of func was never matched. */
void cmock_queue_verify(const cmock_queue *q, size_t size, const char *func, int calls);
void cmock_queue_free(cmock_queue *q);

/* cmock_expectation_init records where e was set and, if strict, takes the
 * next position in the global call order. */
void cmock_expectation_init(cmock_expectation *e, const char *func, const char *file, int line,
                            int strict);
/* cmock_order_reset forgets the call order (every mock's _Init and _Destroy). */
void cmock_order_reset(void);

/* cmock_call_begin starts matching call number `call` of func. */
void cmock_call_begin(cmock_call *c, const char *func, int call);
/* cmock_call_matched moves failure reports to e and checks strict order. */
void cmock_call_matched(cmock_call *c, const cmock_expectation *e);
/* cmock_fail_unexpected reports a call beyond the `expected` ones. */
_Noreturn void cmock_fail_unexpected(const cmock_call *c, size_t expected);

/* cmock_normalize copies one value over zeroes member by member, so that
 * padding bytes compare equal; generated per struct type. */
typedef void (*cmock_normalize)(void *dst, const void *src);

/* Argument checks. The value check compares size bytes; the data check
 * compares depth elements behind two pointers (depth 0: the addresses).
 * normalize, if not NULL, is applied to each value or element first. */
void cmock_check_value(const cmock_call *c, const char *param, const void *expected,
                       const void *actual, size_t size, ctest_kind kind,
                       cmock_normalize normalize);
/* cmock_check_float compares floating-point values by value (bytes would
 * include long double's padding); NaN matches NaN. With tolerance > 0 the
 * values match when |expected - actual| <= tolerance * |expected| (a
 * relative tolerance, as Unity's UNITY_FLOAT_PRECISION); 0 is exact. */
void cmock_check_float(const cmock_call *c, const char *param, long double expected,
                       long double actual, long double tolerance);
void cmock_check_string(const cmock_call *c, const char *param, const char *expected,
                        const char *actual);
void cmock_check_data(const cmock_call *c, const char *param, const void *expected,
                      const void *actual, size_t elem_size, size_t depth, ctest_kind kind,
                      cmock_normalize normalize);
/* cmock_return_thru copies size bytes from src to the pointer argument dst. */
void cmock_return_thru(const cmock_call *c, const char *param, void *dst, const void *src,
                       size_t size);

#ifdef __cplusplus
}
#endif

#endif /* TOOLS_CMOCK_RUNTIME_CMOCK_H_ */
