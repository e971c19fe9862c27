package docgen

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestDocsUpToDate regenerates the pages and compares them with the
// committed ones: a flag, command or help text changed without
// "go run ./internal/docgen/gendocs" fails here.
func TestDocsUpToDate(t *testing.T) {
	fresh := t.TempDir()
	if err := Generate(Root(), fresh); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{ManDir, MarkdownDir} {
		want := readDir(t, filepath.Join(fresh, sub))
		got := readDir(t, filepath.Join("..", "..", "docs", sub))
		for name, b := range want {
			if g, ok := got[name]; !ok {
				t.Errorf("docs/%s/%s is missing: run go run ./internal/docgen/gendocs", sub, name)
			} else if !bytes.Equal(g, b) {
				t.Errorf("docs/%s/%s is stale: run go run ./internal/docgen/gendocs", sub, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("docs/%s/%s describes no command: run go run ./internal/docgen/gendocs", sub, name)
			}
		}
	}
}

// TestGenerateReproducible: two runs give the same bytes.
func TestGenerateReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Generate(Root(), d); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{ManDir, MarkdownDir} {
		x, y := readDir(t, filepath.Join(a, sub)), readDir(t, filepath.Join(b, sub))
		if len(x) < 10 || len(x) != len(y) {
			t.Fatalf("%s: %d and %d pages", sub, len(x), len(y))
		}
		for name := range x {
			if !bytes.Equal(x[name], y[name]) {
				t.Errorf("%s/%s differs between two runs", sub, name)
			}
		}
	}
	man := readDir(t, filepath.Join(a, ManDir))
	names := make([]string, 0, len(man))
	for n := range man {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, want := range []string{"seedscope.1", "seedscope-list.1", "seedscope-validate.1", "seedscope-version.1"} {
		if _, ok := man[want]; !ok {
			t.Errorf("no %s among %v", want, names)
		}
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}
