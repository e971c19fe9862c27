package cmd

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/internal/synth"
)

// TestSkipBodyOutputSame runs the commands that load documents without
// their bodies (corpus.Options.SkipBody) with and without, and checks
// that they print the same bytes, on stdout and stderr, on the seeds, a
// synthetic corpus and the shared corpora.
func TestSkipBodyOutputSame(t *testing.T) {
	commands := [][]string{
		{"providers"},
		{"providers", "--format", "json", "--by", "name"},
		{"topics", "--format", "csv"},
		{"topics", "--provider", "bbc.co.uk"},
		{"providers", "--grep", "the"}, // --grep looks in the body: loaded
		{"topics", "-w", "covid"},      // so does -w
		{"stats", "--by", "month"},
		{"stats", "--by", "type", "--format", "json"},
		{"stats", "--by", "topics"},
		{"stats", "--by", "words"}, // words: loaded
		{"stats", "--by", "year", "--since", "2020-01-01"},
	}
	check := func(t *testing.T, corpusName string) {
		for _, c := range commands {
			args := append(slices.Clone(c), corpusName)
			lean := execute(t, false, args...)
			alwaysLoadBodies = true
			full := execute(t, false, args...)
			alwaysLoadBodies = false
			if lean != full {
				t.Errorf("%q: without bodies\n%+v\nwith them\n%+v", args, lean, full)
			}
		}
	}
	t.Run("seeds", func(t *testing.T) {
		t.Chdir("..")
		check(t, "seeds")
	})
	t.Run("synthetic", func(t *testing.T) {
		dir := t.TempDir()
		if err := synth.Write(filepath.Join(dir, "synthetic"), 1000, 1, 2); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		check(t, "synthetic")
	})
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
		t.Run(name, func(t *testing.T) {
			if testing.Short() {
				t.Skip("shared corpora: not with -short")
			}
			t.Chdir(sharedtest.Dir(t, "corpora"))
			check(t, name)
		})
	}
}
