package kwic_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/iostreams"
)

const seedsDir = "../../seeds"

type run struct {
	stdout, stderr string
	status         int
}

func execute(t *testing.T, args ...string) run {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	status := cmd.Execute(ios, buildinfo.Info{Version: "test"}, args)
	return run{out.String(), errOut.String(), status}
}

// TestConcordanceAgreesWithGrepCount: the hits concordance prints, and
// the documents they are in, are what list --grep -w --count counts, on
// the seeds and on each shared corpus (skipped when absent).
func TestConcordanceAgreesWithGrepCount(t *testing.T) {
	corpora := map[string]string{"seeds": seedsDir}
	t.Run("shared", func(t *testing.T) {
		dir := sharedtest.Dir(t, "corpora")
		for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.IsDir() {
				corpora[name] = filepath.Join(dir, name)
			}
		}
	})
	for name, dir := range corpora {
		for _, word := range []string{"police", "law enforcement", "Amazon’s", "the", "covid-19"} {
			conc := execute(t, "concordance", word, "--json", "id", "--jq", ".[]", "-q", dir)
			count := execute(t, "list", "--grep", word, "-w", "--count", "--format", "tsv", "-q", dir)
			if conc.status != 0 || count.status != 0 {
				t.Fatalf("%s %q: status %d, %d: %s %s", name, word, conc.status, count.status, conc.stderr, count.stderr)
			}
			hits, docs := 0, map[string]bool{}
			for _, line := range strings.Split(strings.TrimSpace(conc.stdout), "\n") {
				if line == "" {
					continue
				}
				var h struct{ ID string }
				if err := json.Unmarshal([]byte(line), &h); err != nil {
					t.Fatal(err)
				}
				hits++
				docs[h.ID] = true
			}
			want := strconv.Itoa(len(docs)) + "\t" + strconv.Itoa(hits) + "\n"
			if count.stdout != want {
				t.Errorf("%s %q: list --count says %q, concordance has %d hits in %d documents", name, word, count.stdout, hits, len(docs))
			}
		}
	}
}
