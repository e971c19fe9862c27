package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// bestOf times fn a few times and keeps the fastest run, so a busy
// machine does not make a linear path look quadratic. Where it can, it
// counts the CPU time the process used rather than the time that passed,
// which other processes on the machine do not inflate.
func bestOf(runs int, fn func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range runs {
		runtime.GC() // the garbage of the last run is not this one's cost
		start, cpu0 := time.Now(), cpuTime()
		fn()
		d := time.Since(start)
		if cpu0 > 0 {
			d = cpuTime() - cpu0
		}
		best = min(best, d)
	}
	return best
}

// assertLinear times mk(n) and mk(2n) through fn: doubling the input must
// not quadruple the time. A ratio over 3 is measured again (twice at
// most) before failing: a quadratic path fails every time, a busy machine
// rarely three times in a row.
func assertLinear(t *testing.T, n int, mk func(int) []byte, fn func([]byte)) {
	t.Helper()
	small, large := mk(n), mk(2*n)
	fn(small) // warm up
	var ratio float64
	var ts, tl time.Duration
	for range 3 {
		ts = bestOf(5, func() { fn(small) })
		tl = bestOf(5, func() { fn(large) })
		ratio = float64(tl) / float64(max(ts, time.Microsecond))
		t.Logf("n=%d: %v, 2n: %v, ratio %.2f", n, ts, tl, ratio)
		if ratio <= 3 {
			return
		}
	}
	t.Errorf("doubling the input took %.1f times as long (%v -> %v): not linear", ratio, ts, tl)
}

// TestCheckFileLinear: the place of every finding in a file costs one
// pass over it in all, with the findings on one long line (where counting
// each column from the line's start was quadratic: 95 s for a 2 MB line
// of "& # 39;") or on many lines, behind a long text or not.
func TestCheckFileLinear(t *testing.T) {
	s := DefaultSettings()
	check := func(data []byte) { CheckFile("f.txt", data, s) }
	tests := []struct {
		name string
		n    int
		mk   func(int) []byte
	}{
		{"one-line", 20000, func(n int) []byte {
			return []byte("Title\n" + strings.Repeat("& # 39;", n) + "\n")
		}},
		{"one-line-wide-chars", 10000, func(n int) []byte {
			return []byte("Title\n" + strings.Repeat("é€ & # 39; ", n) + "\n")
		}},
		{"long-prefix", 20000, func(n int) []byte {
			return []byte("Title\n" + strings.Repeat("word ", 2*n) + strings.Repeat("& amp;", n) + "\n")
		}},
		{"many-lines", 20000, func(n int) []byte {
			return []byte("Title\n" + strings.Repeat("x & # 39; y\n", n))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertLinear(t, tt.n, tt.mk, check) })
	}
}

// TestCursor: the incremental cursor gives the place counting from the
// start would, forwards, backwards and at line ends.
func TestCursor(t *testing.T) {
	data := []byte("ab\né€x\n\n& # 39;€\r\nlast line é")
	naive := func(off int) (int, int) {
		before := data[:off]
		start := bytes.LastIndexByte(before, '\n') + 1
		return bytes.Count(before, []byte{'\n'}) + 1, utf8.RuneCount(before[start:]) + 1
	}
	var offs []int
	for i := 0; i <= len(data); i++ {
		if i == len(data) || utf8.RuneStart(data[i]) {
			offs = append(offs, i)
		}
	}
	c := cursor{data: data}
	for _, off := range offs { // forwards
		wl, wc := naive(off)
		if l, col := c.lineCol(off); l != wl || col != wc {
			t.Errorf("forwards: offset %d at %d:%d, want %d:%d", off, l, col, wl, wc)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 { // any order
		off := offs[r.IntN(len(offs))]
		wl, wc := naive(off)
		if l, col := c.lineCol(off); l != wl || col != wc {
			t.Errorf("random: offset %d at %d:%d, want %d:%d", off, l, col, wl, wc)
		}
	}
}

// TestScanBrokenEntitiesChunks: searching a chunk at a time finds what one
// search over the whole file finds, whatever falls on a chunk's edge.
func TestScanBrokenEntitiesChunks(t *testing.T) {
	var b strings.Builder
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"& # 39;", "&# 39 ;", "& amp;", "&&", "& ", "#39;", " ", "x", "\n", "&#39;", "& #x 27;", "é"}
	for b.Len() < 5*entityChunk {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	data := []byte(b.String())
	var want []EntityMatch
	for _, loc := range brokenEntity.FindAllIndex(data, -1) {
		if bytes.IndexAny(data[loc[0]:loc[1]], " \t") >= 0 {
			want = append(want, EntityMatch{Start: loc[0], End: loc[1]})
		}
	}
	got := FindBrokenEntities(data)
	if len(got) != len(want) {
		t.Fatalf("%d matches, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Start != want[i].Start || got[i].End != want[i].End {
			t.Fatalf("match %d at %d-%d, want %d-%d", i, got[i].Start, got[i].End, want[i].Start, want[i].End)
		}
	}
}

// TestCheckFileCancelled: Ctrl-C stops a file in progress: a cancelled
// check returns long before it has reported every entity, and a cancelled
// run fails with the context's error rather than reporting part of the
// findings as the whole.
func TestCheckFileCancelled(t *testing.T) {
	data := []byte("Title\n" + strings.Repeat("& # 39;", 200000) + "\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fs, _, _ := checkFile(ctx, "f.txt", data, DefaultSettings())
	if len(fs) > ctxCheckEvery {
		t.Errorf("cancelled check reported %d findings, want at most %d", len(fs), ctxCheckEvery)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, []string{dir}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: got %v, want context.Canceled", err)
	}
}

// TestYAMLLineBreaks: yaml.v3 ends lines at a lone CR, NEL, LS and PS too;
// findings still point at the file's own lines and columns, never past
// its end.
func TestYAMLLineBreaks(t *testing.T) {
	tests := []struct {
		name, in  string
		rule      string
		line, col int
	}{
		{"plain", "---\ntitle: \"a b\"\ntopics: 5\n---\n", RuleWrongType, 3, 9},
		{"ls", "---\ntitle: \"a\u2028b\"\ntopics: 5\n---\n", RuleWrongType, 3, 9},
		{"nel-ps", "---\ntitle: \"a\u0085b\u2029c\"\ntopics: 5\n---\n", RuleWrongType, 3, 9},
		{"lone-cr", "---\ntitle: \"a\rb\"\ntopics: 5\n---\n", RuleWrongType, 3, 9},
		{"crlf", "---\r\ntitle: x\r\ntopics: 5\r\n---\r\n", RuleWrongType, 3, 9},
		{"same-line", "---\ntitle: \"a\u2028b\"; topics: 5\n---\n", RuleYAMLSyntax, 2, 1},
		{"ls-then-value", "---\nx: \"\u2028\"\ntitle: \"\u2028\", topics: 5\n---\n", RuleYAMLSyntax, 3, 1},
		// The stream ends where the closing fence starts.
		{"end-of-stream-latin1", "---\n\"\x85\n---", RuleYAMLSyntax, 3, 1},
		{"end-of-stream", "---\n\"\u0085\n---\n", RuleYAMLSyntax, 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, _ := CheckFile("f.md", []byte(tt.in), mustSettings(t, nil, []string{RuleFileName, RuleRequiredField}))
			lines := strings.Count(tt.in, "\n") + 1
			found := false
			for _, f := range fs {
				if f.Line > lines {
					t.Errorf("%s is past the file's %d lines", f, lines)
				}
				if f.Rule == tt.rule {
					found = true
					if f.Line != tt.line || f.Col != tt.col {
						t.Errorf("%s at %d:%d, want %d:%d", f.Rule, f.Line, f.Col, tt.line, tt.col)
					}
				}
			}
			if !found {
				t.Errorf("no %s finding in %v", tt.rule, fs)
			}
		})
	}
}

// TestFindingsPerRuleCapped: a rule lists at most MaxFindingsPerRule
// findings in a file, then one that counts the rest from the first place
// not listed; the repair still fixes every entity.
func TestFindingsPerRuleCapped(t *testing.T) {
	for _, n := range []int{MaxFindingsPerRule - 1, MaxFindingsPerRule, MaxFindingsPerRule + 1, 2500} {
		data := []byte("Headline\n" + strings.Repeat("x & # 39; ", n) + "\n")
		findings, _ := CheckFile("001_0123456789abcdef.txt", data, DefaultSettings())
		var entities []Finding
		for _, f := range findings {
			if f.Rule == RuleBrokenEntity {
				entities = append(entities, f)
			}
		}
		listed := min(n, MaxFindingsPerRule)
		want := listed
		if n > MaxFindingsPerRule {
			want++
		}
		if len(entities) != want {
			t.Fatalf("%d entities: %d findings, want %d", n, len(entities), want)
		}
		if n > MaxFindingsPerRule {
			last := entities[len(entities)-1]
			msg := fmt.Sprintf("%d more broken-entity finding", n-MaxFindingsPerRule)
			// The summary stands where the first entity not listed is:
			// each "x & # 39; " is 10 characters, the entity 3 into it.
			if !strings.HasPrefix(last.Message, msg) || last.Line != 2 || last.Col != MaxFindingsPerRule*10+3 || last.Severity != Warning {
				t.Errorf("%d entities: summary %+v, want %q at 2:%d", n, last, msg, MaxFindingsPerRule*10+3)
			}
		}
		if _, fixed, err := Fix(data); err != nil || fixed != n {
			t.Errorf("%d entities: Fix repaired %d (%v)", n, fixed, err)
		}
	}
}
