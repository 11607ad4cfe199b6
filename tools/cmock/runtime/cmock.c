/*
 * cmock.c: queues, call order and checks for generated mocks (cmock.h).
 */
#include "tools/cmock/runtime/cmock.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A strict expectation, remembered so that an out-of-order call can say
 * which call should have come first. */
typedef struct {
  const char *func;
  const char *file;
  int line;
} order_entry;

static struct {
  order_entry *entries;
  size_t len, cap;
  size_t matched; /* strict expectations already matched, in order */
} order;

static void *grow(void *p, size_t *cap, size_t size) {
  size_t n = *cap == 0 ? 8 : *cap * 2;
  void *q = realloc(p, n * size);
  if (q == NULL) {
    const char *file;
    int line;
    ctest_location(&file, &line);
    ctest_fail(file, line, "cmock: out of memory for expectations");
  }
  *cap = n;
  return q;
}

void *cmock_queue_push(cmock_queue *q, size_t size) {
  if (q->len == q->cap) q->items = grow(q->items, &q->cap, size);
  void *item = q->items + q->len++ * size;
  memset(item, 0, size);
  return item;
}

void *cmock_queue_pop(cmock_queue *q, size_t size) {
  return q->next < q->len ? q->items + q->next++ * size : NULL;
}

void *cmock_queue_last(cmock_queue *q, size_t size, const char *api, const char *file, int line) {
  if (q->len == 0) {
    ctest_fail(file, line, "%s: no expectation to modify; set one with Expect first", api);
  }
  return q->items + (q->len - 1) * size;
}

void cmock_queue_verify(const cmock_queue *q, size_t size, const char *func, int calls) {
  if (q->next >= q->len) return;
  const cmock_expectation *e = (const cmock_expectation *)(q->items + q->next * size);
  ctest_fail(e->file, e->line, "%s: call #%zu: expected but not called (called %d of %zu times)",
             func, q->next + 1, calls, q->len);
}

void cmock_queue_free(cmock_queue *q) {
  free(q->items);
  memset(q, 0, sizeof *q);
}

void cmock_expectation_init(cmock_expectation *e, const char *func, const char *file, int line,
                            int strict) {
  e->file = file;
  e->line = line;
  if (!strict) return;
  if (order.len == order.cap) order.entries = grow(order.entries, &order.cap, sizeof *order.entries);
  order.entries[order.len] = (order_entry){func, file, line};
  e->order = (int)++order.len;
}

void cmock_order_reset(void) {
  free(order.entries);
  memset(&order, 0, sizeof order);
}

void cmock_call_begin(cmock_call *c, const char *func, int call) {
  c->func = func;
  c->call = call;
  ctest_location(&c->file, &c->line);
}

void cmock_call_matched(cmock_call *c, const cmock_expectation *e) {
  c->file = e->file;
  c->line = e->line;
  if (e->order == 0) return;
  if ((size_t)e->order != order.matched + 1) {
    const order_entry *want = &order.entries[order.matched];
    ctest_fail(c->file, c->line,
               "%s: call #%d: called out of order: %s (expected at %s:%d) should have been called first",
               c->func, c->call, want->func, want->file, want->line);
  }
  order.matched++;
}

_Noreturn void cmock_fail_unexpected(const cmock_call *c, size_t expected) {
  ctest_fail(c->file, c->line, "%s: call #%d: called more times than expected (expected %zu)",
             c->func, c->call, expected);
}

/* compare compares count elements, normalized first if normalize is set,
 * and fails the call on a difference. */
static void compare(const cmock_call *c, const char *param, const void *expected,
                    const void *actual, size_t elem_size, size_t count, ctest_kind kind,
                    cmock_normalize normalize) {
  char w[256], msg[768];
  int differ;
  snprintf(w, sizeof w, "%s: call #%d: parameter '%s'", c->func, c->call, param);
  if (normalize == NULL) {
    differ = ctest_compare(msg, sizeof msg, w, expected, actual, elem_size, count, kind);
  } else {
    unsigned char *e = malloc(count * elem_size), *a = malloc(count * elem_size);
    if (e == NULL || a == NULL) {
      free(e);
      free(a);
      ctest_fail(c->file, c->line, "cmock: out of memory comparing %s", param);
    }
    for (size_t i = 0; i < count; i++) {
      normalize(e + i * elem_size, (const unsigned char *)expected + i * elem_size);
      normalize(a + i * elem_size, (const unsigned char *)actual + i * elem_size);
    }
    differ = ctest_compare(msg, sizeof msg, w, e, a, elem_size, count, kind);
    free(e);
    free(a);
  }
  if (differ) ctest_fail(c->file, c->line, "%s", msg);
}

void cmock_check_value(const cmock_call *c, const char *param, const void *expected,
                       const void *actual, size_t size, ctest_kind kind,
                       cmock_normalize normalize) {
  compare(c, param, expected, actual, size, 1, kind, normalize);
}

void cmock_check_float(const cmock_call *c, const char *param, long double expected,
                       long double actual, long double tolerance) {
  if (expected == actual || (isnan(expected) && isnan(actual))) return;
  if (tolerance > 0 && fabsl(expected - actual) <= tolerance * fabsl(expected)) return;
  ctest_fail(c->file, c->line, "%s: call #%d: parameter '%s': expected %.21Lg, actual %.21Lg%s", c->func,
             c->call, param, expected, actual, tolerance > 0 ? " (beyond the mock's float tolerance)" : "");
}

void cmock_check_string(const cmock_call *c, const char *param, const char *expected,
                        const char *actual) {
  char w[256];
  snprintf(w, sizeof w, "%s: call #%d: parameter '%s'", c->func, c->call, param);
  ctest_assert_string(c->file, c->line, w, expected, actual);
}

void cmock_check_data(const cmock_call *c, const char *param, const void *expected,
                      const void *actual, size_t elem_size, size_t depth, ctest_kind kind,
                      cmock_normalize normalize) {
  if (depth == 0 || expected == NULL || actual == NULL) {
    compare(c, param, &expected, &actual, sizeof expected, 1, CTEST_POINTER, NULL);
    return;
  }
  compare(c, param, expected, actual, elem_size, depth, kind, normalize);
}

void cmock_return_thru(const cmock_call *c, const char *param, void *dst, const void *src,
                       size_t size) {
  if (dst == NULL) {
    ctest_fail(c->file, c->line, "%s: call #%d: parameter '%s': cannot return through a NULL pointer",
               c->func, c->call, param);
  }
  memcpy(dst, src, size);
}
