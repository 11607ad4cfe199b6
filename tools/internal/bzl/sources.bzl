"""source_files: the workspace source files behind some public targets.

Tests that read real sources (the rebuild benchmark's edits, clangd on the C
modules) need them as data, but they are private to their packages (clib/
exports none), so a test cannot name them directly. An aspect may read the
`srcs` and `hdrs` of the targets it visits whatever their visibility, so
this rule collects them from public targets instead.
"""

_SourcesInfo = provider(
    doc = "Main-repository source files of a target and its deps.",
    fields = {"files": "depset of File"},
)

def _sources_aspect_impl(_target, ctx):
    own = [
        f
        for f in getattr(ctx.rule.files, "srcs", []) + getattr(ctx.rule.files, "hdrs", [])
        if f.is_source and f.owner.workspace_name == ""
    ]
    return [_SourcesInfo(files = depset(own, transitive = [
        d[_SourcesInfo].files
        for d in getattr(ctx.rule.attr, "deps", [])
        if _SourcesInfo in d
    ]))]

_sources_aspect = aspect(
    implementation = _sources_aspect_impl,
    attr_aspects = ["deps"],
)

def _source_files_impl(ctx):
    files = depset(ctx.files.files, transitive = [d[_SourcesInfo].files for d in ctx.attr.deps])
    return [DefaultInfo(files = files, runfiles = ctx.runfiles(transitive_files = files))]

source_files = rule(
    implementation = _source_files_impl,
    doc = "Provides, as files and runfiles, the workspace sources of `deps` (transitively) and `files`.",
    attrs = {
        "deps": attr.label_list(aspects = [_sources_aspect]),
        "files": attr.label_list(allow_files = True),
    },
)
