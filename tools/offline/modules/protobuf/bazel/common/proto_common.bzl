"""proto_common, as in protobuf's bazel/common/proto_common.bzl."""

load("//bazel/private:native.bzl", "native_proto_common")

proto_common = native_proto_common
