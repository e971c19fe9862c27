package cmd

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/internal/synth"
)

// unchangedPath pins, by SHA-256, what the commands print on every corpus
// at hand: a change to how a command loads, streams, resolves or encodes
// must leave its output byte for byte as it was. Refresh it (after reading
// why an output changed) with: go test ./cmd -run TestOutputUnchanged -update
const unchangedPath = "testdata/golden/unchanged.txt"

// unchangedCommands are run on each corpus, with the corpus's name last.
// "{id}" is a document of the corpus: the first one, in path order;
// "{text}" the first plain-text one (the first one when there is none).
var unchangedCommands = [][]string{
	{"list"},
	{"list", "-n", "10"},
	{"list", "--format", "csv"},
	{"list", "--format", "json"},
	{"list", "--format", "ndjson", "-n", "25"},
	{"list", "--format", "tsv", "--header", "--columns", "id,title,provider.name,topics"},
	{"list", "--sort", "published", "--format", "csv"},
	{"list", "--sort", "title", "--reverse", "-n", "10"},
	{"list", "--format", "csv", "--workers", "1"},
	{"export", "--format", "ndjson"},
	{"export", "--format", "csv"},
	{"export", "--stream", "--format", "ndjson"},
	{"export", "--format", "ndjson", "-n", "7"},
	{"show", "{id}"},
	{"show", "{id}", "--format", "json"},
	{"related", "--format", "ndjson"},
	{"providers", "--format", "json"},
	{"topics", "--format", "json"},
	{"stats", "--format", "json"},
	{"list", "--json", "id,title,related"},
	{"export", "--format", "json", "--json", "id,related"},
	{"search", "data", "--format", "ndjson"},
	{"concordance", "police", "--format", "ndjson"},
	{"terms", "--format", "json"},
	{"dupes", "--format", "csv"},
	{"list", "--format", "csv", "--columns", "id,title"},
	{"list", "--count"},
	{"export", "--format", "csv", "--columns", "id,title", "-n", "5"},
	{"show", "{text}"},
}

// TestOutputUnchanged runs unchangedCommands on the seeds, a synthetic
// corpus and the shared corpora (when present), on a pipe and on a
// terminal, and compares each output's hash with the pinned one.
func TestOutputUnchanged(t *testing.T) {
	want := readUnchanged(t)
	got := map[string]string{}
	check := func(t *testing.T, corpusName string) {
		first := execute(t, false, "list", "-n", "1", "--format", "tsv", "--columns", "id", corpusName)
		id := strings.TrimSpace(first.stdout)
		if first.status != 0 || id == "" {
			t.Fatalf("no first document in %s: %+v", corpusName, first)
		}
		text := strings.TrimSpace(execute(t, false, "list", "--kind", "text", "-n", "1", "--format", "tsv", "--columns", "id", corpusName).stdout)
		if text == "" {
			text = id
		}
		for _, tty := range []bool{false, true} {
			for _, c := range unchangedCommands {
				if tty && c[0] != "list" && c[0] != "show" {
					continue
				}
				args := append(slices.Clone(c), corpusName)
				for i, a := range args {
					args[i] = strings.NewReplacer("{id}", id, "{text}", text).Replace(a)
				}
				r := execute(t, tty, args...)
				key := fmt.Sprintf("%s\t%s", corpusName, strings.Join(c, " "))
				if tty {
					key += " (terminal)"
				}
				sum := sha256.Sum256([]byte(r.stdout))
				got[key] = fmt.Sprintf("%d %s", r.status, hex.EncodeToString(sum[:12]))
				if !*update && want[key] != got[key] {
					t.Errorf("%s: got %s, pinned %q\n(read the output; if the change is meant, run with -update)", key, got[key], want[key])
				}
			}
		}
	}
	forEachCorpus(t, 3000, check)
	if *update {
		writeUnchanged(t, want, got)
	}
}

// forEachCorpus runs check in a subtest for each corpus at hand, from
// the folder that holds it, so that outputs name it alike on every
// machine: the seeds, a synthetic corpus of synthFiles files, and the
// shared corpora (when present, and not with -short).
func forEachCorpus(t *testing.T, synthFiles int, check func(t *testing.T, corpusName string)) {
	t.Run("seeds", func(t *testing.T) {
		t.Chdir("..")
		check(t, "seeds")
	})
	t.Run("synthetic", func(t *testing.T) {
		dir := t.TempDir()
		if err := synth.Write(filepath.Join(dir, "synthetic"), synthFiles, 1, 2); err != nil {
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

// readUnchanged reads the pinned hashes: "corpus<TAB>command<TAB>hash".
func readUnchanged(t *testing.T) map[string]string {
	t.Helper()
	m := map[string]string{}
	f, err := os.Open(unchangedPath)
	if err != nil {
		if *update && os.IsNotExist(err) {
			return m
		}
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.LastIndexByte(line, '\t'); i > 0 {
			m[line[:i]] = line[i+1:]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// writeUnchanged keeps the pinned hashes of corpora absent from this run.
func writeUnchanged(t *testing.T, old, got map[string]string) {
	t.Helper()
	for k, v := range old {
		if _, ok := got[k]; !ok {
			got[k] = v
		}
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "\t" + got[k] + "\n")
	}
	if err := os.WriteFile(unchangedPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
