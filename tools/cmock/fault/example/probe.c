/* The real implementation of probe.h. */
#include "tools/cmock/fault/example/probe.h"

static unsigned char buffer[16];

probe_status probe_read(uint32_t *out) {
  *out = 42;
  return PROBE_OK;
}

void *probe_buffer(size_t n) { return n <= sizeof buffer ? buffer : NULL; }

double probe_ratio(void) { return 0.5; }

int8_t probe_byte(void) { return 7; }

void probe_reset(void) {}

int probe_log(int n, ...) { return n; }
