"""cmock_gen: runs tools/cmock on a header as the C compiler sees it.

The header is first preprocessed by the C toolchain's own compiler, with
the include paths and defines of the libraries it comes from, so that
`#if`, macros and vendor prefixes (`ZEXTERN`, `__IO`, `API`) resolve
exactly as they do when the code is compiled. cmock then reads the
preprocessor's output and, by its line markers, generates code for what
the header itself declares, reporting file:line of the header.
"""

load("@rules_cc//cc:action_names.bzl", "ACTION_NAMES")
load("@rules_cc//cc:find_cc_toolchain.bzl", "find_cc_toolchain", "use_cc_toolchain")
load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")

def _preprocess(ctx, src):
    """Declares the action that runs the C preprocessor on src."""
    cc_toolchain = find_cc_toolchain(ctx)
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    deps = cc_common.merge_compilation_contexts(
        compilation_contexts = [d[CcInfo].compilation_context for d in ctx.attr.deps],
    )
    out = ctx.actions.declare_file(ctx.label.name + ".i")
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = ["-E"],
        source_file = src.path,
        output_file = out.path,
        include_directories = deps.includes,
        quote_include_directories = deps.quote_includes,
        system_include_directories = deps.system_includes,
        framework_include_directories = deps.framework_includes,
        preprocessor_defines = deps.defines,
    )
    ctx.actions.run(
        executable = cc_common.get_tool_for_action(feature_configuration = features, action_name = ACTION_NAMES.c_compile),
        arguments = cc_common.get_memory_inefficient_command_line(
            feature_configuration = features,
            action_name = ACTION_NAMES.c_compile,
            variables = variables,
        ),
        env = cc_common.get_environment_variables(
            feature_configuration = features,
            action_name = ACTION_NAMES.c_compile,
            variables = variables,
        ),
        inputs = depset([src], transitive = [deps.headers, cc_toolchain.all_files]),
        outputs = [out],
        mnemonic = "CmockPreprocess",
        progress_message = "Preprocessing %{input} for cmock",
    )
    return out

def _cmock_gen_impl(ctx):
    if ctx.file.hdr:
        src, header = ctx.file.hdr, ctx.file.hdr.path
        include = ctx.attr.include or ctx.file.hdr.short_path
    else:
        # A system header: preprocess a file that includes it; cmock picks
        # its declarations out by the line markers' path ending in it.
        src = ctx.actions.declare_file(ctx.label.name + "_include.c")
        ctx.actions.write(src, "#include <%s>\n" % ctx.attr.system_hdr)
        header, include = ctx.attr.system_hdr, ctx.attr.include or "<%s>" % ctx.attr.system_hdr
    preprocessed = _preprocess(ctx, src)
    args = ctx.actions.args()
    args.add_all(ctx.attr.flags)
    args.add("-preprocessed", preprocessed)
    args.add("-include", include)
    args.add("-out_h", ctx.outputs.out_h)
    args.add("-out_c", ctx.outputs.out_c)
    outputs = [ctx.outputs.out_h, ctx.outputs.out_c]
    if ctx.outputs.report:
        args.add("-report", ctx.outputs.report)
        outputs.append(ctx.outputs.report)
    args.add(header)
    ctx.actions.run(
        executable = ctx.executable._cmock,
        arguments = [args],
        inputs = [preprocessed],
        outputs = outputs,
        mnemonic = "Cmock",
        progress_message = "Generating %{output} with cmock",
    )

cmock_gen = rule(
    implementation = _cmock_gen_impl,
    doc = "Runs tools/cmock on a preprocessed header; see the module docstring.",
    attrs = {
        "hdr": attr.label(allow_single_file = [".h"], doc = "A header of this workspace."),
        "system_hdr": attr.string(doc = "A header on the system include path, e.g. \"zlib.h\", instead of hdr."),
        "deps": attr.label_list(providers = [CcInfo], doc = "The libraries whose include paths and defines the header needs."),
        "include": attr.string(doc = "How generated code includes the header; default: its workspace path, or <system_hdr>."),
        "flags": attr.string_list(doc = "cmock's other flags (-strict, -fault, ...)."),
        "out_h": attr.output(mandatory = True),
        "out_c": attr.output(mandatory = True),
        "report": attr.output(doc = "If set, cmock's report: each function mocked, each declaration left out and why."),
        "_cmock": attr.label(default = "//tools/cmock", executable = True, cfg = "exec"),
        "_cc_toolchain": attr.label(default = "@rules_cc//cc:current_cc_toolchain"),
    },
    toolchains = use_cc_toolchain(),
    fragments = ["cpp"],
)
