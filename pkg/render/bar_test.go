package render

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		n, largest int64
		width      int
		want       string
	}{
		{0, 10, 10, ""},
		{-3, 10, 10, ""},
		{5, 0, 10, ""},
		{5, 10, 0, ""},
		{10, 10, 0, ""},
		{10, 10, 1, "█"},
		{10, 10, 4, "████"},
		{5, 10, 4, "██"},
		// Eighths: 1/8 of a column per eighth of the count on a 1-wide bar.
		{1, 8, 1, "▏"},
		{2, 8, 1, "▎"},
		{3, 8, 1, "▍"},
		{4, 8, 1, "▌"},
		{5, 8, 1, "▋"},
		{6, 8, 1, "▊"},
		{7, 8, 1, "▉"},
		{8, 8, 1, "█"},
		{9, 16, 2, "█▏"},
		// Rounded to the nearest eighth; a count above 0 shows at least one.
		{1, 1000, 10, "▏"},
		{999, 1000, 10, "██████████"},
		{1, 3, 3, "█"},
		// Huge counts neither overflow nor lose the largest's full bar.
		{math.MaxInt64, math.MaxInt64, 5, "█████"},
		{math.MaxInt64 / 2, math.MaxInt64, 4, "██"},
		{1, math.MaxInt64, 4, "▏"},
		// A count above the largest (not in a table) fills the width.
		{20, 10, 3, "███"},
	} {
		if got := Bar(tc.n, tc.largest, tc.width); got != tc.want {
			t.Errorf("Bar(%d, %d, %d) = %q, want %q", tc.n, tc.largest, tc.width, got, tc.want)
		}
	}
}

// TestBarWidths: for every width and count, the bar is never wider than
// the width, fills it exactly for the largest count, and grows with the
// count.
func TestBarWidths(t *testing.T) {
	for width := 0; width <= 40; width++ {
		prev := -1
		for n := int64(0); n <= 100; n++ {
			b := Bar(n, 100, width)
			w := utf8.RuneCountInString(b)
			if w > width || displayWidth(b) != w {
				t.Fatalf("Bar(%d, 100, %d) = %q: %d columns", n, width, b, displayWidth(b))
			}
			if n == 100 && b != strings.Repeat("█", width) {
				t.Fatalf("largest at width %d: %q", width, b)
			}
			if last, _ := utf8.DecodeLastRuneInString(b); width > 0 && n > 0 && last == utf8.RuneError {
				t.Fatalf("Bar(%d, 100, %d) = %q", n, width, b)
			}
			if len(b) < prev {
				t.Fatalf("Bar(%d, 100, %d) shorter than the count before", n, width)
			}
			prev = len(b)
		}
	}
}

type barRow struct {
	name string
	n    int
}

var barSchema = Schema[barRow]{Table: []Column[barRow]{
	{Name: "name", Value: func(r barRow) string { return r.name }, Shrink: ShrinkLast},
	{Name: "count", Value: func(r barRow) string { return strconv.Itoa(r.n) }, Right: true},
	BarColumn("count", func(r barRow) int { return r.n }),
}}

// TestBarColumn: bars fill what the other columns leave of the width
// (within their bounds), only on a table fitted to a width; TSV and a
// table without a width have no bar column.
func TestBarColumn(t *testing.T) {
	write := func(f Format, width int, rows ...barRow) string {
		var b bytes.Buffer
		if err := WriteAll(&b, f, barSchema, Options{Width: width}, rows); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	rows := []barRow{{"a", 4}, {"bb", 2}, {"c", 0}, {"d", 1}}
	if got, want := write(Table, 0, rows...), "NAME  COUNT\na         4\nbb        2\nc         0\nd         1\n"; got != want {
		t.Errorf("table without a width:\n%s\nwant\n%s", got, want)
	}
	if got := write(TSV, 80, rows...); strings.ContainsAny(got, "█▏") {
		t.Errorf("TSV with bars:\n%s", got)
	}
	// NAME(4) + 2 + COUNT(5) + 2 leaves 27 of 40 columns for the bar.
	got := write(Table, 40, rows...)
	want := "NAME  COUNT\n" +
		"a         4  " + strings.Repeat("█", 27) + "\n" +
		"bb        2  " + strings.Repeat("█", 13) + "▌\n" +
		"c         0\n" +
		"d         1  ██████▊\n"
	if got != want {
		t.Errorf("table at 40 columns:\n%s\nwant\n%s", got, want)
	}
	// Wide terminals: the bar stops at maxBarWidth.
	if got := write(Table, 500, barRow{"a", 1}); !strings.Contains(got, strings.Repeat("█", maxBarWidth)+"\n") || strings.Contains(got, strings.Repeat("█", maxBarWidth+1)) {
		t.Errorf("table at 500 columns:\n%s", got)
	}
	// All zero: no bars, nothing divides by zero.
	if got := write(Table, 40, barRow{"a", 0}, barRow{"b", 0}); got != "NAME  COUNT\na         0\nb         0\n" {
		t.Errorf("all zero:\n%q", got)
	}
	// Narrow terminals: every line fits, the bar goes first.
	for width := 1; width <= 60; width++ {
		for _, l := range strings.Split(strings.TrimSuffix(write(Table, width, barRow{strings.Repeat("long name ", 5), 123456}, barRow{"x", 1}), "\n"), "\n") {
			if displayWidth(l) > width {
				t.Fatalf("width %d: line %q is %d wide", width, l, displayWidth(l))
			}
		}
	}
}
