/*
 * pointers_test.c: the mock of pointers.h (strict order) compiles and
 * handles strings, arrays and their depths, pointers to pointers, void and
 * volatile pointers, function pointers, unnamed parameters and callbacks.
 */
#include <stddef.h>

#include "Mockpointers.h"
#include "tools/ctest/ctest.h"

void test_strings_compare_by_content_and_return_thru_pointer(void) {
  char prefix[] = "pre", out[8] = "";
  pointers_name_ExpectAndReturn("pre", NULL, sizeof out, "name");
  pointers_name_IgnoreArg_out();
  pointers_name_ReturnArrayThruPtr_out("abc", 4);
  TEST_ASSERT_EQUAL_STRING("name", pointers_name(prefix, out, sizeof out));
  TEST_ASSERT_EQUAL_STRING("abc", out);
}

void test_arrays_compare_to_their_depth(void) {
  const int values[] = {1, 2, 3}, same[] = {1, 2, 3, 99};
  unsigned char block[POINTERS_BLOCK] = {1, 2, 3, 4}, copy[POINTERS_BLOCK] = {1, 2, 3, 4};
  const int m[2][3] = {{1, 2, 3}, {4, 5, 6}}, m2[2][3] = {{1, 2, 3}, {4, 5, 6}};
  const vec3 v = {7, 8, 9};
  vec3 out = {0, 0, 0};
  pointers_sum_ExpectWithArrayAndReturn(values, 3, 3, 6);
  pointers_block_Expect(block); /* default depth: the declared [POINTERS_BLOCK] */
  pointers_matrix_ExpectWithArray(m, 2, 2);
  pointers_vec_Expect(v, NULL);
  pointers_vec_IgnoreArg_out();
  pointers_vec_ReturnArrayThruPtr_out(v, 3);
  TEST_ASSERT_EQUAL_INT(6, pointers_sum(same, 3));
  pointers_block(copy);
  pointers_matrix(m2, 2);
  pointers_vec((const int[3]){7, 8, 9}, out);
  TEST_ASSERT_EQUAL_INT_ARRAY(v, out, 3);
}

void test_pointers_to_pointers_void_and_volatile(void) {
  int x = 1, y = 2, *px = &x, *py = &y;
  char src[4] = "abc", dst[4] = "", other[4] = "abc";
  volatile int reg = 0;
  pointers_swap_Expect(&px, &py);
  pointers_copy_ExpectAndReturn(dst, src, 4, dst);     /* void *: the addresses */
  pointers_copy_ExpectWithArrayAndReturn(dst, 0, src, 4, 4, dst); /* or bytes */
  pointers_watch_Expect(&reg);
  int *px2 = &x, *py2 = &y;
  pointers_swap(&px2, &py2); /* equal pointees: the pointers inside match */
  TEST_ASSERT_EQUAL_PTR(dst, pointers_copy(dst, src, 4));
  TEST_ASSERT_EQUAL_PTR(dst, pointers_copy(dst, other, 4));
  pointers_watch(&reg);
}

/* A register at a fixed address this machine does not map: the mock must
 * compare the address, never read through it. */
#define REGISTER ((volatile int *)0x40020014u)

void test_pointers_to_volatile_compare_addresses(void) {
  volatile int a = 7, b = 7;
  pointers_watch_Expect(REGISTER);
  pointers_watch_ExpectWithArray(&a, 1); /* contents only when asked */
  pointers_watch(REGISTER);
  pointers_watch(&b);
}

static void on_event(int event, void *context) { (void)event, (void)context; }
static void fallback(void) {}
static int ascending(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

void test_function_pointers(void) {
  int data[2] = {2, 1};
  pointers_on_Expect(on_event, fallback, NULL);
  pointers_sort_Expect(data, 2, sizeof data[0], ascending);
  pointers_handler_ExpectAndReturn(3, on_event);
  pointers_comparator_ExpectAndReturn(0, ascending);
  pointers_on(on_event, fallback, NULL);
  pointers_sort(data, 2, sizeof data[0], ascending);
  TEST_ASSERT_TRUE(pointers_handler(3) == on_event);
  TEST_ASSERT_TRUE(pointers_comparator(0) == ascending);
}

static int fills;

static void fill_callback(int *out, size_t n, int num_calls) {
  for (size_t i = 0; i < n; i++) out[i] = num_calls;
  fills++;
}

void test_unnamed_parameters_and_callbacks(void) {
  double d = 0.5;
  int buf[3] = {0, 0, 0};
  pointers_unnamed_Expect(1, "one", &d);
  pointers_unnamed_IgnoreArg_cmock_arg3();
  pointers_fill_AddCallback(fill_callback);
  pointers_fill_ExpectWithArray(buf, 0, 3); /* depth 0: compare the address */
  pointers_none_Expect();
  pointers_unnamed(1, "one", NULL);
  pointers_fill(buf, 3); /* checked against the expectation, then the callback */
  pointers_fill(buf, 3); /* no expectation left: the callback alone */
  pointers_none();
  TEST_ASSERT_EQUAL_INT(2, fills);
  TEST_ASSERT_EQUAL_INT(1, buf[0]);
  TEST_ASSERT_EQUAL_INT(1, pointers_none_CallCount());
}

void test_variadic_functions_check_their_fixed_arguments(void) {
  pointers_log_ExpectAndReturn(2, "x=%d", 5);
  TEST_ASSERT_EQUAL_INT(5, pointers_log(2, "x=%d", 42)); /* 42 is not checked */
}

static int stub_level;

static int log_stub(int level, const char *fmt, int num_calls) {
  (void)fmt, (void)num_calls;
  stub_level = level;
  return 0;
}

void test_stub_with_callback_is_stub(void) {
  pointers_log_StubWithCallback(log_stub); /* CMock's older name */
  pointers_log(4, "any");
  TEST_ASSERT_EQUAL_INT(4, stub_level);
}
