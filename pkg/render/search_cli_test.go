package render_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/internal/hostiletest"
)

// TestSearchHighlightSafe: on a colour terminal, search highlights the
// matched words of hostile titles and snippets (escape sequences, bells,
// bidi overrides, invisible characters around the words) with its own
// colour codes only: the text is made safe first, and nothing but SGR
// colour codes is left once those are taken out.
func TestSearchHighlightSafe(t *testing.T) {
	dir := hostiletest.Corpus(t, filepath.Join("..", "..", "testdata", "hostile"))
	for _, width := range []int{60, 100, 200} {
		r := executeAt(t, width, "search", "red bold click evil end blink body", "-n", "0", dir)
		if r.status != 0 {
			t.Fatalf("status %d: %.300s", r.status, r.stderr)
		}
		if !strings.Contains(r.stdout, "\x1b[1;31m") {
			t.Errorf("at %d columns: no word highlighted:\n%.500q", width, r.stdout)
		}
		plain := sgr.ReplaceAllString(r.stdout, "")
		if i := strings.IndexAny(plain, "\x1b\x07\u009b\r\u2028\u200b\u200d\ufeff\u202e\u00ad"); i >= 0 {
			t.Errorf("at %d columns: raw control or invisible character in %.80q", width, plain[max(i-40, 0):])
		}
		checkWidth(t, "hostile: search", width, r, true)
	}
}
