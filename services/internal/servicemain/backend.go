package servicemain

import (
	"fmt"

	commonv1 "example.com/starter/proto/common/v1"
)

// parseBackend maps a -backend value to its proto enum. hasNative reports whether
// the binary was built with cgo; asking for "c" without it is an error rather
// than a silent fallback.
func parseBackend(name string, hasNative bool) (commonv1.Backend, error) {
	switch name {
	case "c":
		if !hasNative {
			return 0, fmt.Errorf("-backend=c: this binary was built without cgo; use -backend=go")
		}
		return commonv1.Backend_BACKEND_C, nil
	case "go":
		return commonv1.Backend_BACKEND_GO, nil
	default:
		return 0, fmt.Errorf("-backend=%q: want c or go", name)
	}
}
