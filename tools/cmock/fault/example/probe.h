/*
 * probe.h: a seam with one function of each kind a fault seam handles, for
 * tools/cmock/fault's tests. probe.c is the real implementation.
 */
#ifndef TOOLS_CMOCK_FAULT_EXAMPLE_PROBE_H_
#define TOOLS_CMOCK_FAULT_EXAMPLE_PROBE_H_

#include <stddef.h>
#include <stdint.h>

typedef enum { PROBE_OK = 0, PROBE_EIO = 5 } probe_status;

/* Returns PROBE_OK and writes 42 to *out. */
probe_status probe_read(uint32_t *out);
/* Returns a pointer to a static buffer of n <= 16 bytes. */
void *probe_buffer(size_t n);
/* Returns 0.5. */
double probe_ratio(void);
/* Returns 7 as a single byte. */
int8_t probe_byte(void);
/* Not wrapped: returns nothing. */
void probe_reset(void);
/* Not wrapped: variadic. Returns the count of extra arguments, n. */
int probe_log(int n, ...);

#endif /* TOOLS_CMOCK_FAULT_EXAMPLE_PROBE_H_ */
