"""compile_actions: the C compile commands of some targets, as aquery prints them.

compile_commands_test (clangd_test.go) needs the commands Bazel really runs, but cannot call `bazel
aquery` from inside `bazel test`. An aspect reads the same argv from each
CppCompile action at analysis time and writes it in the shape of aquery's
`--output=jsonproto` (`{"actions": [{"mnemonic", "arguments"}]}`), so the
test feeds it to compdb exactly as //tools:compile_commands feeds aquery.
"""

_CompileActionsInfo = provider(
    doc = "CppCompile actions of a target and its deps.",
    fields = {"actions": "depset of struct(mnemonic, arguments)"},
)

def _compile_actions_aspect_impl(target, ctx):
    own = [
        struct(mnemonic = a.mnemonic, arguments = a.argv)
        for a in target.actions
        if a.mnemonic == "CppCompile"
    ]
    return [_CompileActionsInfo(actions = depset(own, transitive = [
        d[_CompileActionsInfo].actions
        for d in getattr(ctx.rule.attr, "deps", [])
        if _CompileActionsInfo in d
    ]))]

_compile_actions_aspect = aspect(
    implementation = _compile_actions_aspect_impl,
    attr_aspects = ["deps"],
)

def _compile_actions_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".json")
    actions = depset(transitive = [d[_CompileActionsInfo].actions for d in ctx.attr.deps])
    ctx.actions.write(out, json.encode({"actions": actions.to_list()}))
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles([out]))]

compile_actions = rule(
    implementation = _compile_actions_impl,
    doc = "Writes NAME.json: the CppCompile commands of `deps`, transitively, in aquery's JSON shape.",
    attrs = {"deps": attr.label_list(aspects = [_compile_actions_aspect])},
)
