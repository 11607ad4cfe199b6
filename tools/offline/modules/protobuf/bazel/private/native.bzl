"""Captures Bazel 7's built-in proto symbols under names the public files can re-export.

A .bzl file cannot assign a builtin to a global of the same name, hence this file.
"""

# buildifier: disable=native-proto-info
native_proto_info = ProtoInfo
native_proto_common = proto_common_do_not_use
