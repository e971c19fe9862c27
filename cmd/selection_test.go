package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGrepWordsReadCleanedBodies: --grep -w and -E look in the cleaned body
// in every view that takes the filters of list, as list does: a word that
// only cleaning reveals (an entity, caf&eacute;) selects its documents in
// search and dupes too.
func TestGrepWordsReadCleanedBodies(t *testing.T) {
	dir := t.TempDir()
	body := "Police cafe\n\nThe police caf&eacute; opened &amp; closed on the high street of the old town today.\n"
	for name, text := range map[string]string{
		"a.txt": body,
		"b.txt": body,
		"c.txt": "Other police\n\nThe police station.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, grep := range [][]string{{"--grep", "café", "-w"}, {"--grep", `caf\x{e9}`, "-E"}} {
		for _, view := range [][]string{
			{"list", "--columns", "id"},
			{"search", "police", "--columns", "id"},
			{"concordance", "police", "--columns", "id"},
			{"dupes", "--columns", "id"},
		} {
			args := append(append(append([]string{}, view...), grep...), "--format", "tsv", dir)
			r := execute(t, false, args...)
			ids := strings.Fields(r.stdout)
			if r.status != 0 || !strings.Contains(" "+strings.Join(ids, " ")+" ", " a ") || strings.Contains(r.stdout, "c") {
				t.Errorf("%s: status %d, ids %q, stderr %q; want a and b, not c", strings.Join(args[:len(args)-1], " "), r.status, ids, r.stderr)
			}
		}
	}
}
