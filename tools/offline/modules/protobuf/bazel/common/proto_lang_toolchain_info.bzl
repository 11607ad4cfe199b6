"""ProtoLangToolchainInfo, as in protobuf's bazel/common/proto_lang_toolchain_info.bzl."""

load("//bazel/private:native.bzl", "native_proto_common")

ProtoLangToolchainInfo = native_proto_common.ProtoLangToolchainInfo
