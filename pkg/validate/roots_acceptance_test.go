package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// TestIDsRelativeToCorpusRootOnRealCorpora: on bbc-text (reached through
// a symlink beside a .seedscope.yaml naming it, so nothing is copied), a
// load of each sub-folder gives the ids of the load of the whole corpus,
// which Find resolves in the sub-folder's load, as do the paths; the
// configuration found for a sub-folder is the file above it.
func TestIDsRelativeToCorpusRootOnRealCorpora(t *testing.T) {
	src := filepath.Join(sharedtest.Dir(t, "corpora"), "bbc-text")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("bbc-text: %v", err)
	}
	top := t.TempDir()
	bbc := filepath.Join(top, "bbc")
	if err := os.Symlink(src, bbc); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(top, ConfigFileName)
	if err := os.WriteFile(cfg, []byte("corpus: bbc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func(p string) *corpus.Corpus {
		t.Helper()
		roots := mustFindRoots(t, []string{p})
		c, err := corpus.Load(context.Background(), []string{p}, corpus.Options{IDPrefix: IDPrefixes(roots)})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var whole []string
	for _, d := range load(bbc).Docs {
		whole = append(whole, d.ID)
	}
	if len(whole) < 2000 {
		t.Fatalf("whole corpus: %d documents", len(whole))
	}
	subs, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	var joined []string
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		dir := filepath.Join(bbc, sub.Name())
		if got, want := mustFindConfigs(t, []string{dir}), []ConfigFile{{Path: cfg, InData: true}}; !slices.Equal(got, want) {
			t.Errorf("configuration of %s: %v, want %v", sub.Name(), got, want)
		}
		c := load(dir)
		for _, d := range c.Docs {
			if !strings.HasPrefix(d.ID, sub.Name()+"/") {
				t.Errorf("%s: id %q is not below the corpus root", sub.Name(), d.ID)
			}
			joined = append(joined, d.ID)
			for _, ref := range []string{d.ID, d.Path} {
				if got, err := c.Find(ref); err != nil || got != d {
					t.Errorf("Find(%q) in %s: %v, %v", ref, sub.Name(), got, err)
				}
			}
		}
	}
	slices.Sort(joined)
	slices.Sort(whole)
	if !slices.Equal(joined, whole) {
		t.Errorf("the sub-folders' ids (%d) are not the whole corpus's (%d)", len(joined), len(whole))
	}
}
