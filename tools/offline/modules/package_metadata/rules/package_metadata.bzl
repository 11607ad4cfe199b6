"""A no-op package_metadata rule with the attributes gazelle's go_repository sets."""

def _package_metadata_impl(_ctx):
    return []

_package_metadata = rule(
    implementation = _package_metadata_impl,
    attrs = {
        "purl": attr.string(),
        "attributes": attr.label_list(),
    },
)

def package_metadata(name, **kwargs):
    # The target is listed in its own package's default_package_metadata;
    # without an explicit empty license list it would depend on itself.
    _package_metadata(name = name, applicable_licenses = [], **kwargs)
