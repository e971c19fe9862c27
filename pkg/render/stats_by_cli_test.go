package render_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/seedscope/seedscope/internal/sharedtest"
)

// TestStatsByMonthMatchesList: stats --by month fits a 100-column
// terminal, and each month's count is what list --since MONTH --until
// MONTH prints (every month with documents, and two without), on the
// bundled seeds, the facets corpus and (when
// present) bing-covid-news.
func TestStatsByMonthMatchesList(t *testing.T) {
	check := func(t *testing.T, dir string) {
		tty := executeAt(t, 100, "stats", "--by", "month", dir)
		if tty.status != 0 {
			t.Fatalf("status %d, stderr %q", tty.status, tty.stderr)
		}
		for i, l := range strings.Split(strings.TrimSuffix(tty.stdout, "\n"), "\n") {
			if w := runewidth.StringWidth(sgr.ReplaceAllString(l, "")); w > 100 {
				t.Errorf("line %d is %d wide: %q", i+1, w, l)
			}
		}
		r := executeAt(t, 0, "stats", "--by", "month", "--format", "ndjson", dir)
		if r.status != 0 {
			t.Fatalf("status %d, stderr %q", r.status, r.stderr)
		}
		zeros := 0
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if line == "" {
				continue // no dated documents
			}
			var p struct {
				Period      string
				First, Last string
				Count       int
			}
			if err := json.Unmarshal([]byte(line), &p); err != nil {
				t.Fatal(err)
			}
			if p.Count == 0 {
				// Each list reads the corpus: check two empty months, not
				// every one of a sparse range.
				if zeros++; zeros > 2 {
					continue
				}
			}
			l := executeAt(t, 0, "list", "--since", p.Period, "--until", p.Period, "--format", "ndjson", dir)
			if got := strings.Count(l.stdout, "\n"); got != p.Count {
				t.Errorf("%s: stats --by month counts %d, list --since/--until %[1]s prints %d", p.Period, p.Count, got)
			}
			if p.Count > 0 && !strings.Contains(tty.stdout, p.Period) {
				t.Errorf("%s not in the table", p.Period)
			}
		}
	}
	t.Run("seeds", func(t *testing.T) { check(t, filepath.Join("..", "..", "seeds")) })
	t.Run("facets", func(t *testing.T) { check(t, filepath.Join("..", "..", "testdata", "facets")) })
	t.Run("bing-covid-news", func(t *testing.T) {
		check(t, filepath.Join(sharedtest.Dir(t, "corpora"), "bing-covid-news"))
	})
}
