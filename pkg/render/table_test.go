package render

import (
	"reflect"
	"testing"
)

func TestFitWidths(t *testing.T) {
	cols := []Column[string]{
		{Name: "id", Shrink: ShrinkLastResort, MinWidth: 24},
		{Name: "date"},
		{Name: "title", Shrink: ShrinkLast},
		{Name: "topics", Shrink: ShrinkFirst},
	}
	rows := [][]string{{
		"2020-01-01-a-very-long-slug-of-an-id-that-goes-on", // 49
		"2020-01-01", // 10
		"A title of forty characters, more or le", // 39
		"AI, AI in Autos, Robotics",               // 25
	}}
	tests := []struct {
		name  string
		width int
		want  []int
	}{
		{"no limit", 0, []int{49, 10, 39, 25}},
		{"fits", 200, []int{49, 10, 39, 25}},
		{"fits exactly", 129, []int{49, 10, 39, 25}},
		{"topics shrink first", 120, []int{49, 10, 39, 16}},
		{"then titles to a readable width", 110, []int{49, 10, 33, 12}},
		{"then ids", 100, []int{42, 10, 30, 12}},
		{"then titles to their minimum", 70, []int{24, 10, 18, 12}},
		{"too narrow: stays wide", 40, []int{24, 10, 12, 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitWidths(cols, rows, tt.width)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fitWidths(%d) = %v, want %v", tt.width, got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a bit too long", 10, "a bit too…"},
		{"日本語のタイトル", 9, "日本語の…"}, // wide runes count double
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.w); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

func TestSafeCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := SafeCSVCell(in); got != want {
			t.Errorf("SafeCSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
