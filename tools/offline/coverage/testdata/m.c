#include <stdio.h>

static int twice(int x) { return 2 * x; }

int pick(int v) {
  if (v > 0) {
    return twice(v);
  }
  return -v;
}

int unused(void) { return 7; }

int main(void) {
  int s = 0;
  for (int i = 0; i < 3; i++) s += pick(i);
  printf("%d\n", s);
  return 0;
}
