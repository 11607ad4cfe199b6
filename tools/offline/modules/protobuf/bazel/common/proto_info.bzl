"""ProtoInfo, as in protobuf's bazel/common/proto_info.bzl."""

load("//bazel/private:native.bzl", "native_proto_info")

ProtoInfo = native_proto_info
