/* Calls every probe.h function a number of times (argv[1], default 4) and
 * prints one line per call, so that a test can see which calls a fault
 * changed: "call N: read=S/V buffer=P ratio=R byte=B errno=E". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools/cmock/fault/example/probe.h"

int main(int argc, char **argv) {
  int calls = argc > 1 ? atoi(argv[1]) : 4;
  for (int i = 1; i <= calls; i++) {
    uint32_t v = 0;
    errno = 0;
    probe_status st = probe_read(&v);
    int err = errno;
    printf("call %d: read=%d/%u buffer=%s ratio=%g byte=%d log=%d errno=%d\n", i, (int)st, (unsigned)v,
           probe_buffer(8) != NULL ? "ok" : "null", probe_ratio(), (int)probe_byte(), probe_log(1, 0), err);
    probe_reset();
  }
  return 0;
}
