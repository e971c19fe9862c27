package render

import (
	"slices"
	"testing"

	"github.com/fatih/color"
)

func TestCleanMarked(t *testing.T) {
	for _, tc := range []struct {
		in        string
		marks     []Span
		want      string
		wantMarks []Span
	}{
		{"police and ring", []Span{{0, 6}, {11, 15}}, "police and ring", []Span{{0, 6}, {11, 15}}},
		// ESC becomes ␛ (3 bytes): the marks move with the text.
		{"a\x1bb RED", []Span{{4, 7}}, "a␛b RED", []Span{{6, 9}}},
		{"\x1b[31mRED\x07", []Span{{5, 8}}, "␛[31mRED␇", []Span{{7, 10}}},
		// Marks out of order or out of range are dropped.
		{"ab cd", []Span{{3, 5}, {0, 2}, {4, 9}}, "ab cd", []Span{{3, 5}}},
	} {
		got, marks := cleanMarked(tc.in, tc.marks)
		if got != tc.want || !slices.Equal(marks, tc.wantMarks) {
			t.Errorf("cleanMarked(%q, %v) = %q, %v; want %q, %v", tc.in, tc.marks, got, marks, tc.want, tc.wantMarks)
		}
	}
}

func TestHighlight(t *testing.T) {
	c := color.New(color.Bold)
	c.EnableColor()
	on, off := "\x1b[1m", "\x1b[22m"
	for _, tc := range []struct {
		full, cut string
		marks     []Span
		want      string
	}{
		{"hello world", "hello world", []Span{{0, 5}}, on + "hello" + off + " world"},
		{"hello world", "hello w…", []Span{{6, 11}}, "hello " + on + "w" + off + "…"},
		{"hello world", "hello…", []Span{{6, 11}}, "hello…"},
	} {
		if got := highlight(tc.full, tc.cut, tc.marks, c); got != tc.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", tc.full, tc.cut, got, tc.want)
		}
	}
}
