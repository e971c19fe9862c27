package corpus

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
)

// TestSharedCorpora loads each real corpus beside the repository (skipped
// when absent): nothing panics, and every file is accounted for as either
// a document or a diagnostic.
func TestSharedCorpora(t *testing.T) {
	root := sharedtest.Dir(t, "corpora")
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(root, name)
			want := countFiles(t, dir)
			c, err := Load(context.Background(), []string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.Files != want || len(c.Docs)+c.Skipped() != want {
				t.Errorf("files %d, docs %d + skipped %d; want %d files", c.Files, len(c.Docs), c.Skipped(), want)
			}
			err = Stream(context.Background(), []string{dir}, Options{}, func(r Result) error {
				if r.Doc == nil && len(r.Diags) == 0 {
					t.Errorf("%s: no document and no diagnostic", r.Path)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			links, resolved := 0, 0
			for _, d := range c.Docs {
				for _, r := range d.Related {
					links++
					if r.Target != "" {
						resolved++
					}
				}
			}
			t.Logf("%s: %d files, %d documents, %d skipped, %d diagnostics, %d links (%d to corpus documents)",
				name, c.Files, len(c.Docs), c.Skipped(), len(c.Diags), links, resolved)
		})
	}
}

// countFiles counts the files a load should look at.
func countFiles(t *testing.T, dir string) int {
	n := 0
	exts := map[string]bool{}
	for _, e := range DefaultExtensions {
		exts[e] = true
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name()[0] == '.' && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && exts[filepath.Ext(p)] {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
