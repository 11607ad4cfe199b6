"""proto_library, as in protobuf's bazel/proto_library.bzl: Bazel 7's native rule."""

def proto_library(**kwargs):
    native.proto_library(**kwargs)  # buildifier: disable=native-proto
