/*
 * pointers.h: corpus header for pointers, arrays, strings and functions as
 * parameters, with definitions and declarations a mock must skip.
 */
#ifndef TOOLS_CMOCK_GEN_TESTDATA_POINTERS_H_
#define TOOLS_CMOCK_GEN_TESTDATA_POINTERS_H_

#include <stddef.h>

#ifndef POINTERS_BLOCK
#define POINTERS_BLOCK 4
#endif

typedef int vec3[3];
typedef void (*event_fn)(int event, void *context);
typedef int compare_fn(const void *, const void *);

extern int pointers_global; /* a variable: nothing to mock */

static inline int pointers_twice(int x) { return 2 * x; }

const char *pointers_name(const char *prefix, char *out, size_t out_len);
void pointers_fill(int *out, size_t n);
int pointers_sum(const int values[], size_t n);
void pointers_block(unsigned char block[POINTERS_BLOCK]);
void pointers_matrix(const int m[][3], int rows);
void pointers_vec(const vec3 v, vec3 out);
void pointers_swap(int **a, int *const *b);
void *pointers_copy(void *restrict dst, const void *restrict src, size_t n);
void pointers_watch(volatile int *reg);
void pointers_on(event_fn handler, void (*fallback)(void), void *context);
void pointers_sort(void *base, size_t n, size_t size, compare_fn cmp);
event_fn pointers_handler(int event);
int (*pointers_comparator(int descending))(const void *, const void *);
void pointers_unnamed(int, const char *, double *);
void pointers_none(void);
/* Variadic: the mock checks the fixed arguments only. */
int pointers_log(int level, const char *fmt, ...);

#endif /* TOOLS_CMOCK_GEN_TESTDATA_POINTERS_H_ */
