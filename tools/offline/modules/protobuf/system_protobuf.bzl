"""Exposes Debian's protobuf installation (/usr/include/google/protobuf) as a repo.

Well-known-type proto_library targets must live in the same repository as their
.proto files, so this repository symlinks the system include tree and declares
them there; the module's root BUILD.bazel aliases them under their usual names.
"""

# The well-known types shipped by libprotobuf-dev, by proto_library name.
WELL_KNOWN_TYPES = {
    "any_proto": "any",
    "api_proto": "api",
    "descriptor_proto": "descriptor",
    "duration_proto": "duration",
    "empty_proto": "empty",
    "field_mask_proto": "field_mask",
    "source_context_proto": "source_context",
    "struct_proto": "struct",
    "timestamp_proto": "timestamp",
    "type_proto": "type",
    "wrappers_proto": "wrappers",
}

# Imports between well-known types, so protoc finds them.
_WKT_DEPS = {
    "api": ["source_context", "type"],
    "type": ["any", "source_context"],
}

def _system_protobuf_repo_impl(rctx):
    include = rctx.path("/usr/include/google/protobuf")
    if not include.exists:
        fail("/usr/include/google/protobuf not found: install libprotobuf-dev")
    protoc = rctx.which("protoc")
    if not protoc:
        fail("protoc not found on PATH: install protobuf-compiler")
    rctx.symlink(include, "google/protobuf")
    rctx.symlink(protoc, "protoc.bin")
    lines = ['package(default_visibility = ["//visibility:public"])', ""]
    lines.append('exports_files(["protoc.bin"])')
    for name, stem in WELL_KNOWN_TYPES.items():
        lines.append("""
proto_library(
    name = "{name}",
    srcs = ["google/protobuf/{stem}.proto"],
    deps = {deps},
)""".format(
            name = name,
            stem = stem,
            deps = [":{}_proto".format(d) for d in _WKT_DEPS.get(stem, [])],
        ))
    rctx.file("BUILD.bazel", "\n".join(lines) + "\n")

_system_protobuf_repo = repository_rule(
    implementation = _system_protobuf_repo_impl,
    local = True,
)

def _system_protobuf_impl(_mctx):
    _system_protobuf_repo(name = "system_protobuf")

system_protobuf = module_extension(implementation = _system_protobuf_impl)
