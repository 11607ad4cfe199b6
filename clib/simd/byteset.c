#include <string.h>

#include "kernels.h"

void simd_byteset_init(simd_byteset *s, const uint8_t *set, size_t len) {
  memset(s, 0, sizeof *s);
  for (size_t i = 0; i < len; i++) {
    uint8_t b = set[i];
    uint8_t *rows = (b & 0x80) ? s->rows_hi : s->rows_lo;
    rows[b & 15] |= (uint8_t)(1u << ((b >> 4) & 7));
    s->bitmap[b >> 3] |= (uint8_t)(1u << (b & 7));
    s->bytes[i] = b;
  }
  s->len = (int)len;
}
