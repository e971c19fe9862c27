package cmd

import (
	"slices"
	"testing"
)

// TestSkipBodyOutputSame runs the commands that load documents without
// their bodies (corpus.Options.SkipBody) with and without, and checks
// that they print the same bytes, on stdout and stderr, on the seeds, a
// synthetic corpus and the shared corpora. A command that printed a
// body or a word count it did not load would panic (Document.BodySkipped).
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
		// list and export stream without bodies when their output prints
		// neither bodies nor word counts.
		{"list"},
		{"list", "-n", "3"},
		{"list", "--count"},
		{"list", "--count", "--grep", "the"},
		{"list", "-0"},
		{"list", "--format", "json", "--json", "id,title,provider.name"},
		{"list", "--format", "ndjson", "--template", "{{.title}} {{.words}}"}, // reads every field: loaded
		{"list", "--columns", "id,words"},                                     // loaded
		{"list", "--columns", "id,body", "-n", "3"},                           // loaded
		{"export", "--stream", "--format", "ndjson", "--json", "id,published"},
		{"export", "--format", "csv", "--columns", "id,title,topics"},
		{"export", "--stream", "--format", "ndjson"}, // every field: loaded
	}
	// On a terminal, list's table reads the whole corpus for its short ids.
	terminal := [][]string{
		{"list"},
		{"list", "--columns", "id,title,words"},
		{"list", "--grep", "data", "-n", "2"},
	}
	check := func(t *testing.T, corpusName string) {
		for _, tty := range []bool{false, true} {
			cs := commands
			if tty {
				cs = terminal
			}
			for _, c := range cs {
				args := append(slices.Clone(c), corpusName)
				lean := execute(t, tty, args...)
				alwaysLoadBodies = true
				full := execute(t, tty, args...)
				alwaysLoadBodies = false
				if lean != full {
					t.Errorf("%q (terminal %v): without bodies\n%+v\nwith them\n%+v", args, tty, lean, full)
				}
			}
		}
	}
	forEachCorpus(t, 1000, check)
}
