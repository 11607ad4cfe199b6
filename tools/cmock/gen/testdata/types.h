/*
 * types.h: corpus header for value types: enums, structs with padding,
 * bit-fields and nested members, unions, opaque handles, typedef chains and
 * standard integer types. Also include guards, extern "C" and #include.
 */
#ifndef TOOLS_CMOCK_GEN_TESTDATA_TYPES_H_
#define TOOLS_CMOCK_GEN_TESTDATA_TYPES_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tools/cmock/gen/testdata/other/point.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { COLOR_RED, COLOR_GREEN = 5, COLOR_BLUE } color;

enum mode { MODE_A = -1, MODE_B = 1 };

/* Padding after `tag` and after `flag` on common ABIs. */
struct sample {
  char tag;
  double value;
  bool flag;
};

typedef struct {
  unsigned ready : 1;
  unsigned count : 7;
  struct sample last;
  int history[3];
} device_state;

typedef union {
  uint32_t word;
  uint8_t bytes[4];
} packet;

typedef struct widget widget; /* opaque: never defined here */
typedef widget *widget_handle;
typedef color shade;          /* a typedef of a typedef */
typedef unsigned long long counter_t;

/* A CMSIS-style register block: read-only, read-write and reserved
 * registers as volatile and const members. */
typedef struct {
  volatile const uint32_t id;
  volatile uint32_t ctrl;
  const uint32_t reserved[2];
  volatile uint32_t mode : 4;
  const uint32_t locked : 1;
} reg_block;

void types_set_color(color c, enum mode m, shade s);
void types_configure(reg_block *regs, const reg_block *defaults);
reg_block types_snapshot(reg_block current);
/* No prototype (K&R style): mocked as (void), with a warning. */
int types_legacy();
/* A struct complete only in another header, by value. */
struct other_point types_move(struct other_point p);
int8_t types_scale(uint8_t u8, int16_t i16, uint64_t u64, size_t n, bool b);
float types_mix(float f, double d, long double ld);
struct sample types_sample(const struct sample s);
device_state types_state(device_state st, const device_state *prev);
packet types_packet(packet p);
void types_widget(widget *w, widget_handle h, const widget *cw);
counter_t types_count(counter_t c, unsigned char uc, signed char sc, long long ll);

#ifdef __cplusplus
}
#endif

#endif /* TOOLS_CMOCK_GEN_TESTDATA_TYPES_H_ */
