/*
 * ctest.c: the runner, failure reporting and JUnit XML of ctest.h.
 */
/* fork, pipe, waitpid and strsignal are POSIX, outside C11. */
#define _POSIX_C_SOURCE 200809L

#include "tools/ctest/ctest.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Holds the first failure of the current test: later ones (say, in tearDown
 * after the body failed) would only repeat its consequences. A skip holds its
 * reason until a failure, which matters more, replaces it. */
typedef struct {
  int failed;
  int skipped;
  char message[1024];
} result;

static const ctest_case *current;
static result current_result;
static jmp_buf current_jump;

void ctest_location(const char **file, int *line) {
  *file = current != NULL ? current->file : "<no test>";
  *line = current != NULL ? current->line : 0;
}

/* leave_test jumps back to the runner; what stops the test is already in
 * current_result. */
static _Noreturn void leave_test(const char *what) {
  if (current == NULL) {
    /* Called outside a test (say, by a mock from a static initializer):
     * there is nowhere to jump back to. */
    fprintf(stderr, "ctest: %s outside a test: %s\n", what, current_result.message);
    abort();
  }
  longjmp(current_jump, 1);
}

_Noreturn void ctest_fail(const char *file, int line, const char *fmt, ...) {
  if (!current_result.failed) {
    int n = snprintf(current_result.message, sizeof current_result.message, "%s:%d: ", file, line);
    va_list args;
    va_start(args, fmt);
    vsnprintf(current_result.message + n, sizeof current_result.message - (size_t)n, fmt, args);
    va_end(args);
    current_result.failed = 1;
  }
  leave_test("failure");
}

_Noreturn void ctest_skip(const char *file, int line, const char *reason) {
  if (!current_result.failed && !current_result.skipped) {
    snprintf(current_result.message, sizeof current_result.message, "%s",
             reason != NULL ? reason : "(no reason)");
    current_result.skipped = 1;
  }
  if (current == NULL) fprintf(stderr, "ctest: TEST_SKIP at %s:%d\n", file, line);
  leave_test("skip");
}

/* format_int prints an integer of size bytes at p; 0 if size is unusual. */
static int format_int(char *buf, size_t cap, const unsigned char *p, size_t size, int is_signed) {
  long long s;
  unsigned long long u;
#define CTEST_READ_(bits)        \
  case bits / 8: {               \
    int##bits##_t sv;            \
    uint##bits##_t uv;           \
    memcpy(&sv, p, sizeof sv);   \
    memcpy(&uv, p, sizeof uv);   \
    s = sv;                      \
    u = uv;                      \
    break;                       \
  }
  switch (size) {
    CTEST_READ_(8)
    CTEST_READ_(16)
    CTEST_READ_(32)
    CTEST_READ_(64)
    default:
      return 0;
  }
#undef CTEST_READ_
  if (is_signed) {
    snprintf(buf, cap, "%lld", s);
  } else {
    if (size >= 4) {
      /* Register-width values (addresses, masks, flags) read best in hex. */
      snprintf(buf, cap, "%llu (0x%llx)", u, u);
    } else {
      snprintf(buf, cap, "%llu", u);
    }
  }
  return 1;
}

/* format_value prints one element of size bytes at p as kind into buf. */
static void format_value(char *buf, size_t cap, const unsigned char *p, size_t size,
                         ctest_kind kind) {
  switch (kind) {
    case CTEST_SIGNED:
    case CTEST_UNSIGNED:
      if (format_int(buf, cap, p, size, kind == CTEST_SIGNED)) return;
      break;
    case CTEST_FLOAT:
      if (size == sizeof(float)) {
        float f;
        memcpy(&f, p, sizeof f);
        snprintf(buf, cap, "%.9g", (double)f);
        return;
      }
      if (size == sizeof(double)) {
        double d;
        memcpy(&d, p, sizeof d);
        snprintf(buf, cap, "%.17g", d);
        return;
      }
      break;
    case CTEST_POINTER:
      if (size == sizeof(void *)) {
        void *ptr;
        memcpy(&ptr, p, sizeof ptr);
        if (ptr == NULL) {
          snprintf(buf, cap, "NULL");
        } else {
          snprintf(buf, cap, "%p", ptr);
        }
        return;
      }
      break;
    case CTEST_BYTES:
      break;
  }
  /* Bytes, and sizes the kinds above cannot print. */
  size_t n = 0;
  n += (size_t)snprintf(buf + n, cap - n, "{");
  for (size_t i = 0; i < size && n + 8 < cap; i++) {
    if (i == 32) {
      n += (size_t)snprintf(buf + n, cap - n, " ...");
      break;
    }
    n += (size_t)snprintf(buf + n, cap - n, i == 0 ? "%02x" : " %02x", p[i]);
  }
  snprintf(buf + n, cap - n, "}");
}

int ctest_compare(char *msg, size_t cap, const char *what, const void *expected,
                  const void *actual, size_t elem_size, size_t count, ctest_kind kind) {
  const unsigned char *e = expected, *a = actual;
  if (count > 0 && (e == NULL || a == NULL)) {
    if (e == a) return 0;
    snprintf(msg, cap, "%s: expected %s, actual %s", what, e == NULL ? "NULL" : "data",
             a == NULL ? "NULL" : "data");
    return 1;
  }
  for (size_t i = 0; i < count; i++) {
    if (memcmp(e + i * elem_size, a + i * elem_size, elem_size) == 0) continue;
    char want[160], got[160], where[48] = "";
    format_value(want, sizeof want, e + i * elem_size, elem_size, kind);
    format_value(got, sizeof got, a + i * elem_size, elem_size, kind);
    if (count > 1) snprintf(where, sizeof where, "element [%zu]: ", i);
    snprintf(msg, cap, "%s: %sexpected %s, actual %s", what, where, want, got);
    return 1;
  }
  return 0;
}

void ctest_assert_equal(const char *file, int line, const char *what, const void *expected,
                        const void *actual, size_t elem_size, size_t count, ctest_kind kind) {
  char msg[768];
  if (ctest_compare(msg, sizeof msg, what, expected, actual, elem_size, count, kind)) {
    ctest_fail(file, line, "%s", msg);
  }
}

void ctest_assert_string(const char *file, int line, const char *what, const char *expected,
                         const char *actual) {
  if (expected == actual || (expected != NULL && actual != NULL && strcmp(expected, actual) == 0)) {
    return;
  }
  if (expected == NULL || actual == NULL) {
    ctest_fail(file, line, "%s: expected %s%s%s, actual %s%s%s", what, expected ? "\"" : "",
               expected ? expected : "NULL", expected ? "\"" : "", actual ? "\"" : "",
               actual ? actual : "NULL", actual ? "\"" : "");
  }
  ctest_fail(file, line, "%s: expected \"%s\", actual \"%s\"", what, expected, actual);
}

/* run_case runs one case and returns its result. Each stage runs under its
 * own setjmp, so a failure in the body still gets tearDown and the mocks'
 * clean-up; nothing that changes after a setjmp lives in a local variable. */
static result run_case(const ctest_suite *suite, const ctest_case *c) {
  current = c;
  memset(&current_result, 0, sizeof current_result);
  if (suite->mocks_init != NULL) suite->mocks_init();
  if (setjmp(current_jump) == 0) {
    if (suite->setup != NULL) suite->setup();
    c->fn();
  }
  if (setjmp(current_jump) == 0) {
    if (suite->teardown != NULL) suite->teardown();
    /* A skipped test stopped before making the calls it expected. */
    if (!current_result.failed && !current_result.skipped && suite->mocks_verify != NULL) {
      suite->mocks_verify();
    }
  }
  if (suite->mocks_destroy != NULL) suite->mocks_destroy();
  current = NULL;
  return current_result;
}

/* run_case_isolated runs one case in a child process, so that a case that
 * crashes (a segfault, an abort, a sanitizer report) fails alone, with its
 * signal, while the other cases still run and the JUnit XML is written.
 * The child sends its result through a pipe and exits through exit(), so
 * that coverage data and sanitizer checks still run. CTEST_NO_FORK=1 runs
 * the case in this process instead, for a debugger. */
static result run_case_isolated(const ctest_suite *suite, const ctest_case *c) {
  const char *no_fork = getenv("CTEST_NO_FORK");
  int fds[2];
  if ((no_fork != NULL && strcmp(no_fork, "1") == 0) || pipe(fds) != 0) return run_case(suite, c);
  fflush(stdout); /* or the child would print the parent's buffer again */
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return run_case(suite, c);
  }
  if (pid == 0) {
    close(fds[0]);
    result r = run_case(suite, c);
    const char *p = (const char *)&r;
    for (size_t left = sizeof r; left > 0;) {
      ssize_t n = write(fds[1], p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) exit(3);
      p += n;
      left -= (size_t)n;
    }
    exit(0);
  }
  close(fds[1]);
  result r;
  size_t got = 0;
  while (got < sizeof r) {
    ssize_t n = read(fds[0], (char *)&r + got, sizeof r - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got == sizeof r && WIFEXITED(status) && WEXITSTATUS(status) == 0) return r;
  memset(&r, 0, sizeof r);
  r.failed = 1;
  if (WIFSIGNALED(status)) {
    snprintf(r.message, sizeof r.message, "%s:%d: crashed: signal %d (%s)", c->file, c->line,
             WTERMSIG(status), strsignal(WTERMSIG(status)));
  } else {
    snprintf(r.message, sizeof r.message, "%s:%d: exited with status %d before it ended", c->file,
             c->line, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  return r;
}

/* selected applies Bazel's --test_filter: comma-separated test names. */
static int selected(const char *name) {
  const char *filter = getenv("TESTBRIDGE_TEST_ONLY");
  if (filter == NULL || *filter == '\0') return 1;
  size_t len = strlen(name);
  for (const char *p = filter; p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
    if (strncmp(p, name, len) == 0 && (p[len] == '\0' || p[len] == ',')) return 1;
  }
  return 0;
}

static void xml_escaped(FILE *f, const char *s) {
  for (; *s != '\0'; s++) {
    switch (*s) {
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '&': fputs("&amp;", f); break;
      case '"': fputs("&quot;", f); break;
      default:
        if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') {
          fputc('?', f); /* not representable in XML 1.0 */
        } else {
          fputc(*s, f);
        }
    }
  }
}

/* write_xml writes the JUnit XML of the cases that ran; 0 on success. */
static int write_xml(const char *path, const ctest_suite *suite, const result *results,
                     const int *ran, size_t failed, size_t skipped, size_t total) {
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
    return -1;
  }
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"", f);
  xml_escaped(f, suite->name);
  fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", total, failed,
          skipped);
  for (size_t i = 0; i < suite->ncases; i++) {
    if (!ran[i]) continue;
    fputs("    <testcase name=\"", f);
    xml_escaped(f, suite->cases[i].name);
    fputs("\" classname=\"", f);
    xml_escaped(f, suite->name);
    if (results[i].failed) {
      fputs("\">\n      <failure message=\"", f);
      xml_escaped(f, results[i].message);
      fputs("\">", f);
      xml_escaped(f, results[i].message);
      fputs("</failure>\n    </testcase>\n", f);
    } else if (results[i].skipped) {
      fputs("\">\n      <skipped message=\"", f);
      xml_escaped(f, results[i].message);
      fputs("\"/>\n    </testcase>\n", f);
    } else {
      fputs("\"/>\n", f);
    }
  }
  fputs("  </testsuite>\n</testsuites>\n", f);
  return fclose(f) == 0 ? 0 : -1;
}

int ctest_main(const ctest_suite *suite) {
  size_t passed = 0, failed = 0, skipped = 0;
  result *results = calloc(suite->ncases ? suite->ncases : 1, sizeof *results);
  int *ran = calloc(suite->ncases ? suite->ncases : 1, sizeof *ran);
  if (results == NULL || ran == NULL) {
    fputs("ctest: out of memory\n", stderr);
    free(results);
    free(ran);
    return 2;
  }
  for (size_t i = 0; i < suite->ncases; i++) {
    const ctest_case *c = &suite->cases[i];
    if (!selected(c->name)) continue;
    ran[i] = 1;
    results[i] = run_case_isolated(suite, c);
    if (results[i].failed) {
      printf("FAIL %s: %s\n", c->name, results[i].message);
      failed++;
    } else if (results[i].skipped) {
      printf("SKIP %s: %s\n", c->name, results[i].message);
      skipped++;
    } else {
      printf("PASS %s\n", c->name);
      passed++;
    }
    fflush(stdout);
  }
  printf("%zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
  /* Green with nothing checked would hide a target that cannot run here;
   * Bazel's target_compatible_with is the way to say so. */
  int all_skipped = skipped > 0 && passed == 0 && failed == 0;
  if (all_skipped) {
    printf("ctest: every case skipped: nothing was tested (a target that cannot run on this "
           "platform should say so with target_compatible_with)\n");
  }

  const char *xml_path = getenv("XML_OUTPUT_FILE");
  int xml_failed = xml_path != NULL && *xml_path != '\0' &&
                   write_xml(xml_path, suite, results, ran, failed, skipped,
                             passed + failed + skipped) != 0;
  free(results);
  free(ran);
  return failed > 0 || all_skipped || xml_failed ? 1 : 0;
}
