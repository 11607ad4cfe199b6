//go:build ignore

/* The fault seams' run time: parses CMOCK_FAULTS before main and decides,
 * per call, whether a wrapped function fails. See cmock_fault.h. It sits
 * beside fault_test.go, so the constraint above keeps `go test` (which
 * refuses C files in a package without cgo) from compiling it. */
#define _POSIX_C_SOURCE 200809L

#include "cmock_fault.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum when { EVERY_CALL, NTH_CALL, FROM_NTH_CALL, PERCENT };

typedef struct cmock_fault_rule {
  long long value;
  int err; /* errno to set; 0: leave errno alone */
  enum when when;
  unsigned long n; /* the call (NTH_CALL, FROM_NTH_CALL) or percent */
} rule;

/* A spec has few rules; more than this is a mistake worth reporting. */
#define MAX_RULES 64

static cmock_fault_site *sites;  /* every registered site */
static rule rules[MAX_RULES];    /* armed rules, written before main only */
static unsigned long long seed = 1;

void cmock_fault_register(cmock_fault_site *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    s[i].next = sites;
    sites = &s[i];
  }
}

/* splitmix64: a well-mixed hash of (seed, call), so that "P%" picks the
 * same calls in every run with the same seed, whatever the threads do. */
static uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

static bool fires(const rule *r, unsigned long call) {
  switch (r->when) {
    case EVERY_CALL:
      return true;
    case NTH_CALL:
      return call == r->n;
    case FROM_NTH_CALL:
      return call >= r->n;
    case PERCENT:
      return mix(seed ^ mix(call)) % 100 < r->n;
  }
  return false;
}

/* Writes v to ret as an integer of size bytes: the representation of v in
 * any integer, enum or pointer type of that size. */
static void store(void *ret, size_t size, long long v) {
  switch (size) {
    case 1: {
      int8_t x = (int8_t)v;
      memcpy(ret, &x, 1);
      break;
    }
    case 2: {
      int16_t x = (int16_t)v;
      memcpy(ret, &x, 2);
      break;
    }
    case 4: {
      int32_t x = (int32_t)v;
      memcpy(ret, &x, 4);
      break;
    }
    default: { /* 8; other sizes are refused when the rule is armed */
      int64_t x = (int64_t)v;
      memcpy(ret, &x, 8);
      break;
    }
  }
}

bool cmock_fault_fire(cmock_fault_site *site, void *ret) {
  unsigned long call = atomic_fetch_add(&site->calls, 1) + 1;
  const rule *r = site->rule;
  if (r == NULL || !fires(r, call)) return false;
  store(ret, site->ret_size, r->value);
  fprintf(stderr, "cmock_fault: %s call %lu returns %lld%s%s\n", site->name, call, r->value,
          r->err ? " with errno " : "", r->err ? strerror(r->err) : "");
  if (r->err) errno = r->err;
  return true;
}

static const struct {
  const char *name;
  int value;
} errno_names[] = {
    {"EPERM", EPERM},   {"ENOENT", ENOENT}, {"EINTR", EINTR},       {"EIO", EIO},
    {"EBADF", EBADF},   {"EAGAIN", EAGAIN}, {"ENOMEM", ENOMEM},     {"EACCES", EACCES},
    {"EBUSY", EBUSY},   {"EEXIST", EEXIST}, {"EINVAL", EINVAL},     {"EMFILE", EMFILE},
    {"ENOSPC", ENOSPC}, {"EPIPE", EPIPE},   {"ERANGE", ERANGE},     {"ENOSYS", ENOSYS},
    {"ETIMEDOUT", ETIMEDOUT}, {"ECONNRESET", ECONNRESET}, {"ECONNREFUSED", ECONNREFUSED},
};

/* Parses an unsigned decimal number ending at *end. */
static bool parse_count(const char *s, const char **end, unsigned long *out) {
  if (*s < '0' || *s > '9') return false;
  char *e;
  errno = 0;
  *out = strtoul(s, &e, 10);
  *end = e;
  return errno == 0;
}

static bool parse_errno(const char *s, size_t len, int *out) {
  for (size_t i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++) {
    if (strlen(errno_names[i].name) == len && strncmp(s, errno_names[i].name, len) == 0) {
      *out = errno_names[i].value;
      return true;
    }
  }
  unsigned long n;
  const char *end;
  if (!parse_count(s, &end, &n) || end != s + len || n == 0 || n > 4095) return false;
  *out = (int)n;
  return true;
}

static void die(const char *spec, size_t len, const char *why) {
  fprintf(stderr, "cmock_fault: CMOCK_FAULTS rule \"%.*s\": %s\n", (int)len, spec, why);
  _Exit(2);
}

static cmock_fault_site *find_site(const char *name, size_t len) {
  for (cmock_fault_site *s = sites; s != NULL; s = s->next) {
    if (strlen(s->name) == len && strncmp(s->name, name, len) == 0) return s;
  }
  return NULL;
}

/* Arms one rule, spec[0, len), as rules[i]. */
static void arm(const char *spec, size_t len, rule *r) {
  const char *end = spec + len, *eq = memchr(spec, '=', len);
  if (eq == NULL || eq == spec) die(spec, len, "want function=value[:errno][@when]");
  cmock_fault_site *site = find_site(spec, (size_t)(eq - spec));
  if (site == NULL) die(spec, len, "no wrapped function has this name in this binary");
  if (site->rule != NULL) die(spec, len, "a function may have one rule");
  if (site->ret_size != 1 && site->ret_size != 2 && site->ret_size != 4 && site->ret_size != 8) {
    die(spec, len, "its return type is not a 1, 2, 4 or 8 byte scalar");
  }
  const char *p = eq + 1;
  char *e;
  errno = 0;
  r->value = strtoll(p, &e, 0);
  if (e == p || errno != 0 || (e < end && *e != ':' && *e != '@')) die(spec, len, "value: want an integer");
  p = e;
  if (p < end && *p == ':') {
    const char *at = memchr(p, '@', (size_t)(end - p));
    const char *stop = at ? at : end;
    if (!parse_errno(p + 1, (size_t)(stop - p - 1), &r->err)) {
      die(spec, len, "errno: want a name such as ENOMEM or a number from 1 to 4095");
    }
    p = stop;
  }
  r->when = EVERY_CALL;
  if (p < end) { /* *p == '@' */
    if (!parse_count(p + 1, &p, &r->n) || r->n == 0) die(spec, len, "when: want N, N+ or P%");
    if (p < end && *p == '+') {
      r->when = FROM_NTH_CALL;
      p++;
    } else if (p < end && *p == '%') {
      if (r->n > 100) die(spec, len, "when: a percentage is at most 100");
      r->when = PERCENT;
      p++;
    } else {
      r->when = NTH_CALL;
    }
    if (p != end) die(spec, len, "when: want N, N+ or P%");
  }
  site->rule = r;
}

/* Runs after every generated constructor (those have priority 101), before
 * main: the spec is checked and armed before the program does anything. */
__attribute__((constructor)) static void arm_from_environment(void) {
  const char *seed_env = getenv("CMOCK_FAULTS_SEED");
  if (seed_env != NULL) {
    const char *end;
    unsigned long s;
    if (!parse_count(seed_env, &end, &s) || *end != '\0') {
      fprintf(stderr, "cmock_fault: CMOCK_FAULTS_SEED=%s: want an unsigned number\n", seed_env);
      _Exit(2);
    }
    seed = s;
  }
  const char *spec = getenv("CMOCK_FAULTS");
  if (spec == NULL) return;
  size_t armed = 0;
  for (const char *p = spec; *p != '\0';) {
    size_t len = strcspn(p, ";");
    if (len > 0) {
      if (armed == MAX_RULES) die(p, len, "too many rules");
      arm(p, len, &rules[armed++]);
    }
    p += len;
    if (*p == ';') p++;
  }
}
