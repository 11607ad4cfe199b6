"""C unit tests with CMock-style mocks.

    load("//tools/cmock:defs.bzl", "c_mock", "c_unit_test")

    c_mock(name = "mock_sensor", hdr = "sensor.h", deps = [":sensor"])

    c_unit_test(
        name = "thermostat_test",
        srcs = ["thermostat_test.c"],
        mocks = [":mock_sensor"],
        deps = [":thermostat"],
    )

Every c_mock is its own action, so changing a header regenerates only its
mock and rebuilds only the tests that depend on it. See README.md here.
"""

load("@rules_cc//cc:defs.bzl", "cc_library", "cc_test")
load(":cmock_gen.bzl", "cmock_gen")

# Generated sources live under bazel-out, outside the --per_file_copt
# patterns of .bazelrc, so they get the repository's C flags explicitly.
C_COPTS = [
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-Werror",
]

_CTEST = Label("//tools/ctest")
_GEN_RUNNER = Label("//tools/ctest/gen_runner")
_RUNTIME = Label("//tools/cmock/runtime")

def c_mock(name, hdr = None, deps = [], strict_order = False, strict = False, include = None, float_tolerance = "0", system_hdr = None, report = False, **kwargs):
    """Generates Mock<hdr>.h/.c for a header and builds them as a cc_library.

    A test includes the mock as `#include "Mock<stem>.h"` (for `foo.h`,
    `Mockfoo.h`) and depends on this target; c_unit_test's runner calls the
    mock's _Init, _Verify and _Destroy around every test.

    The header is read as the C toolchain's preprocessor sees it, with the
    include paths and defines of deps (see cmock_gen.bzl): `#if`, macros
    and vendor prefixes resolve as they do in the compiled code.

    Args:
      name: the cc_library of the mock.
      hdr: the header to mock, a file label ending in `.h`.
      deps: the library that declares hdr (the mock includes it).
      system_hdr: instead of hdr, a header on the system include path, such
        as "zlib.h"; the mock includes it as <zlib.h>.
      report: also write `<name>/cmock_report.txt`: each function mocked,
        and each declaration left out with file:line and why.
      strict_order: calls must match expectations in the order they were set
        across functions (and across all strict mocks), not only per function.
      strict: fail the build on a declaration that cannot be mocked, instead
        of leaving it out of the mock with a warning (file:line and why).
      include: how the mock includes hdr; defaults to its workspace path,
        e.g. "clib/simd/simd.h".
      float_tolerance: the relative tolerance of float and double parameter
        compares, as a string ("1e-6"); "0", the default, is exact.
      **kwargs: passed to the cc_library (visibility, testonly, ...).
    """
    if (hdr == None) == (system_hdr == None):
        fail("c_mock %s: set exactly one of hdr and system_hdr" % name)
    stem = (hdr or system_hdr).split(":")[-1].split("/")[-1]
    if not stem.endswith(".h"):
        fail("c_mock %s: the header must be a .h file, got %r" % (name, hdr or system_hdr))
    stem = stem[:-2]
    out_h = "%s/Mock%s.h" % (name, stem)
    out_c = "%s/Mock%s.c" % (name, stem)
    cmock_gen(
        name = name + "_gen",
        hdr = hdr,
        system_hdr = system_hdr,
        deps = deps,
        include = include,
        flags = [
            "-strict_order=%s" % ("true" if strict_order else "false"),
            "-strict=%s" % ("true" if strict else "false"),
            "-float_tolerance=%s" % float_tolerance,
        ],
        out_h = out_h,
        out_c = out_c,
        report = "%s/cmock_report.txt" % name if report else None,
        testonly = True,
        visibility = ["//visibility:private"],
    )
    cc_library(
        name = name,
        srcs = [out_c],
        hdrs = [out_h],
        # Makes the mock includable by its file name alone.
        strip_include_prefix = name,
        copts = C_COPTS,
        deps = deps + [_CTEST, _RUNTIME],
        testonly = True,
        **kwargs
    )

def c_unit_test(name, srcs, mocks = [], deps = [], copts = [], size = "small", tags = [], **kwargs):
    """A cc_test of ctest test functions, with a generated runner.

    The runner calls every `void test_*(void)` in the .c files of srcs, with
    `setUp`/`tearDown` if defined, and the _Init/_Verify/_Destroy of every
    mock the files include. It prints `PASS test_x`,
    `FAIL test_x: file:line: message` or `SKIP test_x: reason` per test and
    `N passed, N failed, N skipped`, and writes JUnit XML for Bazel, which
    then lists each test case. It fails when a case fails, and when every
    selected case skipped (nothing was tested).

    Args:
      name: the cc_test.
      srcs: the test files (and any private headers).
      mocks: c_mock targets the tests use.
      deps: the code under test and other libraries.
      copts: extra C flags, after the repository's C11 warning flags.
      size: the test size; unit tests are small.
      tags: extra tags; "c_unit_test" is always added, to select these tests.
      **kwargs: passed to the cc_test.
    """
    runner = name + "_runner.c"
    tests = [s for s in srcs if s.endswith(".c")]
    native.genrule(
        name = name + "_runner",
        srcs = tests,
        outs = [runner],
        cmd = "$(execpath %s) -o $@ %s" % (_GEN_RUNNER, " ".join(["$(execpath %s)" % t for t in tests])),
        tools = [_GEN_RUNNER],
        testonly = True,
        visibility = ["//visibility:private"],
    )
    cc_test(
        name = name,
        srcs = srcs + [runner],
        copts = C_COPTS + copts,
        deps = mocks + deps + [_CTEST],
        size = size,
        tags = tags + ["c_unit_test"],
        **kwargs
    )

_FAULTS = Label("//tools/cmock/fault:enabled")
_FAULTS_ON = Label("//tools/cmock/fault:on")
_FAULT_RUNTIME = Label("//tools/cmock/fault:runtime")

def c_seam(name, hdr, srcs, hdrs = [], deps = [], mock_deps = [], strict_order = False, include = None, visibility = None):
    """A seam: a header whose implementation tests replace, with its mock and fault seam.

    A seam is the one place a C module calls the outside world (OpenSSL, the
    CPU probe): the module's core depends on hdr alone, and the binary links
    one implementation of it. c_seam declares all three:

    - `name`: what production links, the real implementation (srcs). In a
      fault build (fault_binary), the same label gives `name + "_fault"`.
    - `name + "_fault"`: the real implementation with its functions renamed,
      behind wrappers generated by `cmock -fault` that fail when the
      CMOCK_FAULTS environment variable arms them (see
      tools/cmock/fault/cmock_fault.h) and else call the real ones.
    - `"mock_" + name`: the c_mock of hdr, for c_unit_test.
    - `name + "_hdrs"`: hdr and hdrs alone, what the mock builds on unless
      mock_deps says otherwise.

    Both implementations are alwayslink: the core does not depend on them
    (so that a mock can stand in), and a static link would otherwise drop
    them when they come first on the command line.

    Args:
      name: the implementation to link (an alias).
      hdr: the seam's header.
      srcs: the real implementation's sources.
      hdrs: other headers the implementation includes.
      deps: the real implementation's dependencies (libcrypto, say).
      mock_deps: the library the mock builds on, if not `name + "_hdrs"` (the
        module's core, say, which tests of the core link with the mock).
      strict_order: passed to c_mock.
      include: how generated code includes hdr (default: its workspace path).
      visibility: of `name`; the other targets are private to the package.
    """
    stem = hdr.split(":")[-1].split("/")[-1][:-2]
    rename_h = "%s_fault/Fault%s_rename.h" % (name, stem)
    wrappers_c = "%s_fault/Fault%s.c" % (name, stem)
    cc_library(
        name = name + "_hdrs",
        hdrs = [hdr] + hdrs,
        visibility = ["//visibility:private"],
    )
    cc_library(
        name = name + "_real",
        srcs = srcs,
        hdrs = [hdr] + hdrs,
        deps = deps,
        alwayslink = True,
        visibility = ["//visibility:private"],
    )
    cmock_gen(
        name = name + "_fault_gen",
        hdr = hdr,
        deps = [name + "_hdrs"],
        include = include,
        flags = ["-fault"],
        out_h = rename_h,
        out_c = wrappers_c,
        visibility = ["//visibility:private"],
    )
    cc_library(
        name = name + "_fault_impl",
        srcs = srcs + [rename_h],
        hdrs = [hdr] + hdrs,
        # Renames the wrapped functions throughout the real sources.
        copts = ["-include", "$(execpath %s)" % rename_h],
        deps = deps,
        alwayslink = True,
        visibility = ["//visibility:private"],
    )
    cc_library(
        name = name + "_fault",
        srcs = [wrappers_c],
        copts = C_COPTS,
        deps = [name + "_fault_impl", _FAULT_RUNTIME],
        alwayslink = True,
        visibility = ["//visibility:private"],
    )
    native.alias(
        name = name,
        actual = select({
            _FAULTS_ON: name + "_fault",
            "//conditions:default": name + "_real",
        }),
        visibility = visibility,
    )
    c_mock(
        name = "mock_" + name,
        hdr = hdr,
        deps = mock_deps or [name + "_hdrs"],
        strict_order = strict_order,
        include = include,
    )

def _faults_on_impl(_settings, _attr):
    return {str(_FAULTS): True}

_faults_on = transition(
    implementation = _faults_on_impl,
    inputs = [],
    outputs = [str(_FAULTS)],
)

def _fault_binary_impl(ctx):
    binary = ctx.attr.binary[0][DefaultInfo]
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = out, target_file = binary.files_to_run.executable, is_executable = True)

    # Only the executable: the binary's own runfiles hold it under the
    # production binary's runfiles path, where it would shadow the real one
    # in a test that has both.
    return [DefaultInfo(
        executable = out,
        files = depset([out]),
        runfiles = ctx.runfiles(files = [out]),
    )]

_fault_binary = rule(
    implementation = _fault_binary_impl,
    attrs = {
        "binary": attr.label(cfg = _faults_on, executable = True, mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    executable = True,
)

def fault_binary(name, binary, **kwargs):
    """A fault build of binary: every c_seam in it links its fault seam.

    The binary behaves as its production build until CMOCK_FAULTS arms a
    fault (tools/cmock/fault/cmock_fault.h). It is testonly, so no
    production target can depend on it; production builds never link a
    fault seam. It carries the executable only, not the binary's other
    runfiles (a Go service needs none).

    Args:
      name: the fault build, an executable.
      binary: the production binary (a go_binary or cc_binary).
      **kwargs: passed to the rule (visibility, tags, ...).
    """
    _fault_binary(name = name, binary = binary, testonly = True, **kwargs)

def c_module_tests(name, unit_tests, binding_tests, integration_tests, **kwargs):
    """Every test of one C module, to run and cover as one.

    A C module is tested in three layers, each in its own target: C unit
    tests (c_unit_test, on the real seam or its mock), the Go binding's
    tests (against the pure-Go twin), and the integration tests of the
    services that link it (servicetest, with fault builds that arm the
    module's c_seam fault seams). This names them together:

        tools/bazel test //clib/crypto:crypto_module_tests
        tools/bazel coverage //clib/crypto:crypto_module_tests

    Each list must be non-empty: a module without one of the layers is
    missing tests, and the suite says so at load time.

    Args:
      name: the test_suite.
      unit_tests: the module's c_unit_test targets.
      binding_tests: the Go binding's go_test targets.
      integration_tests: the services' tests that run the module's C.
      **kwargs: passed to the test_suite (visibility, tags, ...).
    """
    for layer, tests in [("unit_tests", unit_tests), ("binding_tests", binding_tests), ("integration_tests", integration_tests)]:
        if not tests:
            fail("c_module_tests %s: %s is empty; every C module is tested in all three layers" % (name, layer))
    native.test_suite(
        name = name,
        tests = unit_tests + binding_tests + integration_tests,
        **kwargs
    )
