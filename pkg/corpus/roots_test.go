package corpus

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestIDsRelativeToCorpusRoot: with Options.IDPrefix (the folder of each
// root below the corpus root that a .seedscope.yaml marks), a run on a
// sub-folder or a file gives the IDs of a run on the whole corpus, and
// Find resolves them, and the paths as printed, in both runs. Without a
// prefix IDs stay relative to the root given (a file's: its name).
func TestIDsRelativeToCorpusRoot(t *testing.T) {
	top := t.TempDir()
	for _, name := range []string{"c/a/x.txt", "c/a/y.md", "c/b/x.txt", "d/x.txt", "c/\xff/z.txt"} {
		p := filepath.Join(top, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(top)
	for _, tc := range []struct {
		name   string
		roots  []string
		prefix map[string]string
		ids    []string
	}{
		{"whole corpus", []string{"c"}, map[string]string{"c": ""}, []string{"a/x", "a/y", "b/x", `\xff/z`}},
		{"sub-folder", []string{"c/a"}, map[string]string{"c/a": "a"}, []string{"a/x", "a/y"}},
		{"sub-folder, absolute", []string{filepath.Join(top, "c/a")}, map[string]string{filepath.Join(top, "c/a"): "a"}, []string{"a/x", "a/y"}},
		{"file", []string{"c/a/x.txt"}, map[string]string{"c/a/x.txt": "a"}, []string{"a/x"}},
		{"two sub-folders", []string{"c/a", "c/b"}, map[string]string{"c/a": "a", "c/b": "b"}, []string{"a/x", "a/y", "b/x"}},
		{"escaped prefix", []string{"c/\xff"}, map[string]string{"c/\xff": "\xff"}, []string{`\xff/z`}},
		// Roots of different corpora keep IDs unique across the load.
		{"clash across roots", []string{"c/a", "d"}, map[string]string{"c/a": "a", "d": "a"}, []string{"a/x", "a/y", "a/x.txt"}},
		// No configuration: the root given is the corpus root.
		{"no root: folder", []string{"c/a"}, nil, []string{"x", "y"}},
		{"no root: file", []string{"c/a/x.txt"}, nil, []string{"x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(context.Background(), tc.roots, Options{IDPrefix: tc.prefix})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, d := range c.Docs {
				ids = append(ids, d.ID)
				refs := []string{d.ID, d.Path}
				if !filepath.IsAbs(d.Path) {
					refs = append(refs, filepath.Join(top, d.Path), "./"+d.Path)
				}
				for _, ref := range refs {
					if got, err := c.Find(ref); err != nil || got != d {
						t.Errorf("Find(%q) = %v, %v; want %s", ref, got, err, d.ID)
					}
				}
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("ids %q, want %q", ids, tc.ids)
			}
		})
	}
}
