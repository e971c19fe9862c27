package cmd

import (
	"slices"
	"testing"
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
	forEachCorpus(t, 1000, check)
}
