package render_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/internal/hostiletest"
	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/termsafe"
)

// tableCorpora are the corpora the table tests run on: the bundled seeds,
// the hostile corpus (wide characters, emoji, ids that are prefixes of
// others, control characters) and, when present, each shared corpus.
func tableCorpora(t *testing.T) map[string]string {
	t.Helper()
	c := map[string]string{
		"seeds":   filepath.Join("..", "..", "seeds"),
		"hostile": hostiletest.Corpus(t, filepath.Join("..", "..", "testdata", "hostile")),
	}
	t.Run("shared", func(t *testing.T) {
		dir := sharedtest.Dir(t, "corpora") // skips this subtest when absent
		for _, name := range []string{"bing-covid-news", "insideout-ai-posts", "bbc-text", "hugo-docs"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.IsDir() {
				c[name] = filepath.Join(dir, name)
			}
		}
	})
	return c
}

type cliRun struct {
	stdout, stderr string
	status         int
}

// executeAt runs seedscope in-process on a terminal of the given width,
// in colour; width 0: a pipe.
func executeAt(t *testing.T, width int, args ...string) cliRun {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	if width > 0 {
		ios.SetStdoutTTY(true)
		ios.SetColorEnabled(true)
		ios.SetTerminalWidth(width)
	}
	status := cmd.Execute(ios, testBuild, append(args, "--quiet"))
	return cliRun{out.String(), errOut.String(), status}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestTablesNeverWiderThanTerminal: the tables of list,
// related (edge list, of an ID, backlinks), topics, providers, stats (its
// --by tables with bars) and validate --rules are never wider than the terminal, at 60, 100 and 200 columns,
// colour codes aside, wide characters counted as two columns.
func TestTablesNeverWiderThanTerminal(t *testing.T) {
	corpora := tableCorpora(t)
	for _, width := range []int{60, 100, 200} {
		checkWidth(t, "validate --rules", width, executeAt(t, width, "validate", "--rules"), true)
		for name, dir := range corpora {
			// Under -race, which looks for data races and not for widths,
			// the shared corpora run at 100 columns only: all three widths
			// on every corpus take longer than go test's 10 minutes there.
			if raceDetector && width != 100 && name != "seeds" && name != "hostile" {
				continue
			}
			edges := executeAt(t, width, "related", dir)
			checkWidth(t, name+": related", width, edges, false)
			commands := [][]string{{"list", dir}, {"topics", dir}, {"providers", dir}, {"search", "the police", dir}, {"dupes", dir},
				{"concordance", "the", "--limit", "300", dir}, {"concordance", "new york", "--sort", "left1", dir},
				{"terms", "--limit", "50", dir}, {"terms", "-n", "2", "--compare", "--reference", "", "--limit", "50", dir}}
			// Tables with bars (topics and providers have them too), and
			// field discovery below the stat lines.
			commands = append(commands, []string{"stats", "--by", "month", dir}, []string{"stats", "--by", "topic", dir},
				[]string{"stats", "--by", "provider", dir}, []string{"stats", dir})
			// A link of the edge list, its ids as the table prints them.
			if rows := tableRows(t, edges.stdout, width, "FROM", "TARGET"); len(rows) > 0 {
				for _, r := range rows {
					if r[1] != "" {
						commands = append(commands, []string{"related", r[0], dir}, []string{"related", r[1], "--backlinks", dir})
						break
					}
				}
			}
			for _, args := range commands {
				r := executeAt(t, width, args...)
				if r.status != 0 {
					t.Errorf("%s: %s: status %d: %.300s", name, strings.Join(args, " "), r.status, r.stderr)
				}
				checkWidth(t, name+": "+strings.Join(args[:len(args)-1], " "), width, r, args[0] == "list" || args[0] == "related" || args[0] == "terms")
			}
		}
	}
}

func checkWidth(t *testing.T, what string, width int, r cliRun, wantOutput bool) {
	t.Helper()
	if wantOutput && r.stdout == "" {
		t.Errorf("%s at %d columns: no output (status %d, stderr %.300s)", what, width, r.status, r.stderr)
		return
	}
	for i, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		if w := runewidth.StringWidth(sgr.ReplaceAllString(l, "")); w > width {
			t.Errorf("%s at %d columns: line %d is %d wide: %q", what, width, i+1, w, l)
			return
		}
	}
}

// tableRows reads the id columns named (the first ones of the table) of
// each row of a table, as a user copies them: an id wider than its column
// is on lines of its own above its row (broken at the terminal width when
// wider still).
func tableRows(t *testing.T, out string, width int, names ...string) [][]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(sgr.ReplaceAllString(out, ""), "\n"), "\n")
	if len(lines) < 2 {
		return nil
	}
	// Each column's start, from the header.
	starts := make([]int, len(names)+1)
	for i, n := range names {
		at := strings.Index(lines[0], n)
		if at < 0 || (i == 0 && at != 0) {
			t.Fatalf("no column %s in %q", n, lines[0])
		}
		starts[i] = runewidth.StringWidth(lines[0][:at])
	}
	starts[len(names)] = 1 << 30
	if f := strings.Fields(lines[0]); len(f) > len(names) {
		starts[len(names)] = runewidth.StringWidth(lines[0][:strings.Index(lines[0], f[len(names)])])
	}
	var rows [][]string
	pending := make([]string, len(names))
	for k := 1; k < len(lines); k++ {
		l := lines[k]
		// A line of a long id: at a column's start, running past the
		// column's end (no gap there), or the rest of one broken at the
		// width.
		if col, id, ok := longIDLine(l, starts); ok {
			pending[col] += id
			for runewidth.StringWidth(l) == width && k+1 < len(lines) {
				k++
				l = lines[k]
				pending[col] += l
			}
			continue
		}
		row := make([]string, len(names))
		for i := range names {
			row[i] = strings.TrimSpace(columnsBetween(l, starts[i], starts[i+1]-columnGapForTest))
			if pending[i] != "" {
				row[i], pending[i] = pending[i], ""
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// longIDLine reports whether l holds only a long id: text starting at the
// start of an id column, with no gap before the next column's start.
func longIDLine(l string, starts []int) (int, string, bool) {
	trimmed := strings.TrimLeft(l, " ")
	at := runewidth.StringWidth(l) - runewidth.StringWidth(trimmed)
	for i := 0; i < len(starts)-1; i++ {
		if at != starts[i] {
			continue
		}
		end := starts[i+1] - columnGapForTest
		if runewidth.StringWidth(l) > end && columnsBetween(l, end, end+columnGapForTest) != "  " {
			return i, trimmed, true
		}
	}
	return 0, "", false
}

// columnsBetween returns the display columns [from, to) of s.
func columnsBetween(s string, from, to int) string {
	var b strings.Builder
	x := 0
	for _, r := range s {
		if x >= from && x < to {
			b.WriteRune(r)
		}
		x += runewidth.RuneWidth(r)
	}
	return b.String()
}

// TestListIDsResolveWithShow: at 100 columns, every id
// list prints resolves with show (corpus.Find) to exactly the document of
// its row, on the bundled seeds, the hostile corpus and each shared
// corpus; no id is cut with "…".
func TestListIDsResolveWithShow(t *testing.T) {
	for name, dir := range tableCorpora(t) {
		t.Run(name, func(t *testing.T) {
			r := executeAt(t, 100, "list", "--sort", "path", dir)
			full := executeAt(t, 0, "list", "--sort", "path", "--columns", "id", dir)
			c := loadForTest(t, dir)
			want := strings.Split(strings.TrimSuffix(full.stdout, "\n"), "\n")
			rows := tableRows(t, r.stdout, 100, "ID")
			if len(rows) != len(want) || len(want) != len(c.Docs) {
				t.Fatalf("%d table rows, %d ids, %d documents", len(rows), len(want), len(c.Docs))
			}
			for i, row := range rows {
				id := row[0]
				if strings.Contains(id, "…") {
					t.Errorf("id cut: %q", id)
					continue
				}
				d, err := c.Find(id)
				if err != nil {
					t.Errorf("show %q: %v", id, err)
					continue
				}
				if termsafe.Clean(d.ID, false) != want[i] {
					t.Errorf("show %q: document %q, the row is %q", id, d.ID, want[i])
				}
			}
		})
	}
}

const columnGapForTest = 2

// loadForTest loads a corpus as the commands do by default.
func loadForTest(t *testing.T, dir string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testBuild is the build the tests run as: a fixed version, so that
// output does not depend on how the test binary was built.
var testBuild = buildinfo.Info{Version: "test", Go: "go1.26.0", Platform: "linux/amd64"}
