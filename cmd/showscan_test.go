package cmd

import (
	"strings"
	"testing"
)

// TestShowScanSameAsCorpus compares show's scan (the document, its
// related targets and backlinks found without holding the corpus) with
// show on the whole corpus, on the seeds, a synthetic corpus and the
// shared corpora: the first, middle and last documents, documents with
// backlinks and links, ambiguous prefixes, ids not found, and paths; and
// plain-text documents, whose cleaned body the scan learns from the
// plain-text files without holding them.
func TestShowScanSameAsCorpus(t *testing.T) {
	check := func(t *testing.T, corpusName string) {
		ids := strings.Fields(execute(t, false, "list", "--format", "tsv", "--columns", "id", corpusName).stdout)
		if len(ids) == 0 {
			t.Fatalf("no documents in %s", corpusName)
		}
		refs := []string{ids[0], ids[len(ids)/2], ids[len(ids)-1], ids[0][:min(2, len(ids[0]))], "no-such-document", corpusName + "/" + ids[0] + ".txt"}
		// Documents that link, and those linked to.
		links := strings.Split(execute(t, false, "related", "--format", "tsv", "--columns", "from,target", corpusName).stdout, "\n")
		for i := 0; i < len(links); i += max(1, len(links)/4) {
			for _, id := range strings.Fields(links[i]) {
				refs = append(refs, id, id[:len(id)*2/3])
			}
		}
		texts := strings.Fields(execute(t, false, "list", "--kind", "text", "--format", "tsv", "--columns", "id", corpusName).stdout)
		textRefs := map[string]bool{}
		for i := 0; i < len(texts); i += max(1, len(texts)/3) {
			refs = append(refs, texts[i])
			textRefs[texts[i]] = true
		}
		for _, ref := range refs {
			variants := [][]string{{"--format", "json"}, {}}
			if textRefs[ref] {
				variants = append(variants, []string{"--format", "json", "--clean"})
			}
			for _, args := range variants {
				cmd := append([]string{"show", ref, corpusName}, args...)
				showScans = false
				want := execute(t, false, cmd...)
				showScans = true
				got := execute(t, false, cmd...)
				if got.stdout != want.stdout || got.status != want.status {
					t.Errorf("%s: the scan gives\n%.2000s(status %d), the corpus\n%.2000s(status %d)", strings.Join(cmd, " "), got.stdout, got.status, want.stdout, want.status)
				}
				if got.status != 0 && got.stderr != want.stderr {
					t.Errorf("%s: the scan says %q, the corpus %q", strings.Join(cmd, " "), got.stderr, want.stderr)
				}
			}
		}
	}
	forEachCorpus(t, 3000, check)
}
