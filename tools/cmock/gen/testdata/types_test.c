/*
 * types_test.c: the mock of types.h compiles and compares values by type:
 * structs member by member (padding ignored), bit-fields, nested structs,
 * unions, enums, opaque handles by address.
 */
#include <string.h>

#include "Mocktypes.h"
#include "tools/ctest/ctest.h"

/* sample_with_padding fills padding bytes with junk before setting members. */
static struct sample sample_with_padding(unsigned char junk) {
  struct sample s;
  memset(&s, junk, sizeof s);
  s.tag = 't';
  s.value = 2.5;
  s.flag = true;
  return s;
}

void test_struct_padding_is_ignored(void) {
  struct sample expected = sample_with_padding(0xAA), ret = sample_with_padding(0);
  types_sample_ExpectAndReturn(expected, ret);
  struct sample got = types_sample(sample_with_padding(0x55));
  TEST_ASSERT_EQUAL_INT('t', got.tag);
  TEST_ASSERT_TRUE(got.flag);
}

void test_bitfields_nested_structs_and_arrays(void) {
  device_state a, b;
  memset(&a, 0x11, sizeof a);
  memset(&b, 0x22, sizeof b);
  a.ready = b.ready = 1;
  a.count = b.count = 99;
  a.last = b.last = sample_with_padding(0);
  a.last = sample_with_padding(0x33);
  for (int i = 0; i < 3; i++) a.history[i] = b.history[i] = i * i;
  types_state_ExpectAndReturn(a, &a, b);
  device_state got = types_state(b, &b);
  TEST_ASSERT_EQUAL_UINT(99, got.count);
}

void test_unions_enums_and_typedef_chains(void) {
  packet p = {.word = 0x01020304u};
  types_packet_ExpectAndReturn(p, p);
  types_set_color_Expect(COLOR_BLUE, MODE_A, COLOR_GREEN);
  TEST_ASSERT_EQUAL_UINT(0x01020304u, types_packet(p).word);
  types_set_color(COLOR_BLUE, MODE_A, COLOR_GREEN);
}

void test_integers_and_floats(void) {
  types_scale_ExpectAndReturn(200, -300, UINT64_MAX, 7, true, -5);
  types_mix_ExpectAndReturn(1.5f, -0.25, 3.0L, 4.5f);
  types_count_ExpectAndReturn(1ull << 40, 255, -128, -1, 9);
  TEST_ASSERT_EQUAL_INT(-5, types_scale(200, -300, UINT64_MAX, 7, true));
  TEST_ASSERT_TRUE(types_mix(1.5f, -0.25, 3.0L) == 4.5f);
  TEST_ASSERT_EQUAL_UINT(9, types_count(1ull << 40, 255, -128, -1));
}

void test_opaque_handles_compare_by_address(void) {
  static char a, b; /* stand-ins: widget is never defined */
  widget *w = (widget *)&a;
  types_widget_Expect(w, (widget_handle)&b, w);
  types_widget(w, (widget_handle)&b, w);
}

void test_ignore_and_return_gives_its_values_in_turn(void) {
  types_scale_IgnoreAndReturn(1);
  types_scale_IgnoreAndReturn(2);
  TEST_ASSERT_EQUAL_INT(1, types_scale(0, 0, 0, 0, false));
  TEST_ASSERT_EQUAL_INT(2, types_scale(0, 0, 0, 0, false));
  TEST_ASSERT_EQUAL_INT(2, types_scale(0, 0, 0, 0, false)); /* the last one repeats */

  /* StopIgnore forgets the values: a new IgnoreAndReturn starts afresh. */
  types_scale_StopIgnore();
  types_scale_IgnoreAndReturn(3);
  TEST_ASSERT_EQUAL_INT(3, types_scale(0, 0, 0, 0, false));
}

void test_register_blocks_with_const_and_volatile_members(void) {
  reg_block live = {.id = 0x41, .ctrl = 1, .reserved = {0, 0}, .mode = 2};
  reg_block defaults = {.id = 0x41, .ctrl = 0, .reserved = {0, 0}, .mode = 0};
  reg_block same = {.id = 0x41, .ctrl = 1, .reserved = {0, 0}, .mode = 2};
  types_configure_Expect(&live, &defaults);
  types_snapshot_ExpectAndReturn(live, defaults);
  types_configure(&same, &defaults); /* equal contents: the blocks match */
  reg_block got = types_snapshot(same);
  TEST_ASSERT_EQUAL_UINT(0x41, got.id);
  TEST_ASSERT_EQUAL_UINT(0, got.ctrl);
}

void test_struct_from_another_header_by_value(void) {
  struct other_point from = {1, 2}, to = {3, 4};
  types_move_ExpectAndReturn(from, to);
  struct other_point got = types_move(from);
  TEST_ASSERT_EQUAL_INT(3, got.x);
}

void test_empty_parameter_list_is_mocked_as_void(void) {
  types_legacy_ExpectAndReturn(3);
  TEST_ASSERT_EQUAL_INT(3, types_legacy());
}
