"""libFuzzer targets for clib's C code.

    load("//tools/fuzz:defs.bzl", "c_fuzz_target")

    c_fuzz_target(
        name = "index_any_fuzz",
        srcs = ["fuzz/index_any.c"],
        deps = [":simd_c", "//clib/internal/fuzzing"],
    )

makes a cc_binary NAME, a libFuzzer binary under ASan and UBSan, and a test
NAME_test that runs it on 10,000 generated inputs, so that
`bazel test --config=clang //...` proves every target builds and runs
clean. libFuzzer is clang's: with any other compiler both are skipped as
incompatible. `tools/bazel run --config=libfuzzer //tools/fuzz/cfuzz` fuzzes
every target for real (see docs/testing.md).
"""

load("@rules_cc//cc:defs.bzl", "cc_binary")
load("@rules_shell//shell:sh_test.bzl", "sh_test")

# The target itself is built with the fuzzer's entry point and coverage
# hooks and with both sanitizers; --config=libfuzzer adds the hooks and the
# sanitizers to the library under test too.
_SANITIZE = ["-fsanitize=fuzzer,address,undefined", "-fno-sanitize-recover=all"]

CLANG_ONLY = select({
    "@rules_cc//cc/compiler:clang": [],
    "//conditions:default": ["@platforms//:incompatible"],
})

def c_fuzz_target(name, srcs, deps, smoke_runs = 10000, **kwargs):
    """A libFuzzer binary NAME and its smoke test NAME_test.

    Args:
      name: the cc_binary; its source defines LLVMFuzzerTestOneInput.
      srcs: the target's sources and private headers.
      deps: the library under test, and //clib/internal/fuzzing for the
        shared checks.
      smoke_runs: inputs the test runs (-runs), from a fixed seed.
      **kwargs: passed to the cc_binary.
    """
    cc_binary(
        name = name,
        srcs = srcs,
        deps = deps,
        copts = _SANITIZE,
        linkopts = _SANITIZE,
        target_compatible_with = CLANG_ONLY,
        testonly = True,
        # //tools/fuzz/cfuzz runs every target.
        visibility = ["//tools/fuzz:__subpackages__"],
        **kwargs
    )
    sh_test(
        name = name + "_test",
        srcs = [Label("//tools/fuzz:smoke.sh")],
        args = [
            "$(rootpath :%s)" % name,
            str(smoke_runs),
        ],
        data = [":" + name],
        target_compatible_with = CLANG_ONLY,
    )
