// Package sharedtest finds the optional shared data (real corpora, the YAML
// test suite) that acceptance tests and benchmarks use when it is present
// beside the repository, and skips them when it is not.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvDir overrides where the shared folder is looked for.
const EnvDir = "SEEDSCOPE_SHARED"

// Dir returns the path of the shared folder's sub-folder name (for example
// "corpora" or "yaml-test-suite"), or skips the test when it is absent. By
// default the shared folder is "../shared" beside the module root.
func Dir(tb testing.TB, name string) string {
	tb.Helper()
	base := os.Getenv(EnvDir)
	if base == "" {
		root, err := moduleRoot()
		if err != nil {
			tb.Skipf("shared data: %v", err)
		}
		base = filepath.Join(root, "..", "shared")
	}
	dir := filepath.Join(base, name)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		tb.Skipf("shared data %s not present; skipping", dir)
	}
	return dir
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
