package render

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// TestFitWidths: every column but ids and fixed ones
// shrinks, the title keeps the most room, and when even the narrowest
// widths do not fit, topics, then the provider, then the date are left
// out (width 0), so that no line is wider than the terminal.
func TestFitWidths(t *testing.T) {
	cols := []Column[string]{
		{Name: "id", ID: true},
		{Name: "date", Drop: 1},
		{Name: "provider", Shrink: ShrinkSecond, Drop: 2},
		{Name: "title", Shrink: ShrinkLast},
		{Name: "topics", Shrink: ShrinkFirst, Drop: 3},
	}
	rows := [][]string{{
		"2020-01-01-a-ver",        // 16
		"2020-01-01",              // 10
		"San Francisco Chronicle", // 23
		"A title of fifty characters, give or take a few...", // 50
		"AI, AI in Autos, Robotics",                          // 25
	}}
	tests := []struct {
		name  string
		width int
		want  []int
	}{
		{"no limit", 0, []int{16, 10, 23, 50, 25}},
		{"fits", 200, []int{16, 10, 23, 50, 25}},
		{"fits exactly", 132, []int{16, 10, 23, 50, 25}},
		{"topics shrink first", 125, []int{16, 10, 23, 50, 18}},
		{"then the provider to a comfortable width", 116, []int{16, 10, 20, 50, 12}},
		{"then the title to a readable width", 100, []int{16, 10, 20, 34, 12}},
		{"then the provider to its minimum", 92, []int{16, 10, 16, 30, 12}},
		{"topics left out before the title is unreadable", 87, []int{16, 10, 20, 35, 0}},
		{"the narrowest that keeps the provider", 74, []int{16, 10, 12, 30, 0}},
		{"then the provider is left out", 73, []int{16, 10, 0, 43, 0}},
		{"then the date", 55, []int{16, 0, 0, 37, 0}},
		{"then the title below a readable width", 40, []int{16, 0, 0, 22, 0}},
		// Beyond 40% of the width, an id goes on a line of its own: the
		// column is as wide as its heading.
		{"an id wider than 40%", 20, []int{2, 0, 0, 16, 0}},
		{"an id wider than 40%, narrower", 10, []int{2, 0, 0, 6, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitWidths(cols, rows, tt.width)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fitWidths(%d) = %v, want %v", tt.width, got, tt.want)
			}
			if tt.width > 0 {
				if w := lineWidth(got); w > tt.width {
					t.Errorf("fitWidths(%d): lines %d wide", tt.width, w)
				}
			}
		})
	}
}

func lineWidth(widths []int) int {
	w, n := 0, 0
	for _, x := range widths {
		if x > 0 {
			w += x
			n++
		}
	}
	return w + columnGap*max(n-1, 0)
}

// TestWriteTableFitsWidth writes tables of wide characters, emoji and
// colour at many widths: no line (colour codes aside) is wider than the
// terminal, the header included, and no wide character is split.
func TestWriteTableFitsWidth(t *testing.T) {
	cols := []Column[string]{
		{Name: "id", ID: true, Style: IDStyle},
		{Name: "date", Drop: 1, Style: DateStyle},
		{Name: "provider", Shrink: ShrinkSecond, Drop: 2, Style: ProviderStyle},
		{Name: "title", Shrink: ShrinkLast},
		{Name: "topics", Shrink: ShrinkFirst, Drop: 3, Style: DimStyle},
		{Name: "count", Right: true, Style: CountStyle},
	}
	rows := [][]string{
		{"日本語-1234567", "2020-01-07", "朝日新聞デジタル朝日新聞デジタル", "人工知能の記事のタイトルはとても長いです。人工知能の記事のタイトル", "人工知能, ロボット", "12"},
		{"emoji-abcdefg", "", "🤖 Robots Weekly 🤖", "🎉 Party 🎉 with 👩‍👩‍👧 family and flags 🇯🇵 everywhere ✔️", "", "7"},
		{"x", "2020-01-01", "", "", "AI", "123456"},
	}
	for _, color := range []bool{false, true} {
		for width := 2; width <= 140; width++ { // 1: a wide character cannot fit
			var b bytes.Buffer
			if err := writeTable(&b, cols, rows, Options{Width: width, Color: color}); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				plain := ansi.ReplaceAllString(l, "")
				if w := runewidth.StringWidth(plain); w > width {
					t.Errorf("width %d, colour %v: line %d wide: %q", width, color, w, plain)
				}
				if strings.ContainsRune(plain, utf8.RuneError) {
					t.Errorf("width %d: a character split: %q", width, plain)
				}
			}
		}
	}
}

// TestWriteTableLongID: an id wider than its column is printed whole on a
// line of its own above its row, at the column's place, and broken (not
// cut) at the terminal width when wider still.
func TestWriteTableLongID(t *testing.T) {
	cols := []Column[string]{{Name: "from", ID: true}, {Name: "target", ID: true}, {Name: "title", Shrink: ShrinkLast}}
	rows := [][]string{
		{"short-1", "short-2", "A title"},
		{"short-1", "2020-01-05-artificial-intelligence-became-im", "Another title"},
		{"2020-01-05-artificial-intelligence-became-increasingly-important-among-fintech-firms-fe", "", "Third"},
	}
	var b bytes.Buffer
	if err := writeTable(&b, cols, rows, Options{Width: 60}); err != nil {
		t.Fatal(err)
	}
	want := `FROM     TARGET   TITLE
short-1  short-2  A title
         2020-01-05-artificial-intelligence-became-im
short-1           Another title
2020-01-05-artificial-intelligence-became-increasingly-impor
tant-among-fintech-firms-fe
                  Third
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

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

// TestFitWidthsOutliers: a column whose width only a few cells need (a
// provider named by a whole URL) gives that width up before another
// column is cut, and what is left over goes back to the title.
func TestFitWidthsOutliers(t *testing.T) {
	cols := []Column[string]{
		{Name: "name", Shrink: ShrinkLast},
		{Name: "domain", Shrink: ShrinkLast},
		{Name: "count", Right: true},
	}
	var rows [][]string
	for i := range 40 {
		rows = append(rows, []string{"Reuters", "reuters.com", "12"})
		if i%20 == 0 { // 2 of 40 rows: 5%
			rows = append(rows, []string{strings.Repeat("n", 80), strings.Repeat("d", 60) + ".com", "1"})
		}
	}
	tests := []struct {
		name  string
		width int
		want  []int
	}{
		{"fits", 200, []int{80, 64, 5}},
		// Both columns drop to what 95% of their cells need (7; 11, raised
		// to the least a shrinking column keeps, 12),
		// then the name takes back what is left.
		{"outliers give way, the rest goes to the name", 100, []int{79, 12, 5}},
		{"narrow", 40, []int{19, 12, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitWidths(cols, rows, tt.width)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fitWidths(%d) = %v, want %v", tt.width, got, tt.want)
			}
			if w := lineWidth(got); w > tt.width {
				t.Errorf("fitWidths(%d): lines %d wide", tt.width, w)
			}
		})
	}
}

// widthSamples are the characters where display-width measures disagree:
// wide (CJK, Hangul), halfwidth, East Asian ambiguous, combining marks,
// zero-width characters, emoji (ZWJ sequences, flags, skin tones,
// presentation selectors) and colour codes. want is the width the tables
// count (twwidth, tablewriter's measure) in a terminal that is not East
// Asian; go-runewidth, which counts grapheme clusters, says 2 for the
// family, the flag and the thumb.
var widthSamples = []struct {
	name, s string
	want    int
}{
	{"ascii", "plain text", 10},
	{"CJK", "日本語のタイトル", 16},
	{"Hangul", "한국어", 6},
	{"halfwidth katakana", "ﾊﾝｶｸ", 4},
	{"ideographic space", "a\u3000b", 4},
	{"ambiguous", "…±α①", 4},
	{"combining acute", "e\u0301te\u0301", 3},
	{"zero-width space", "a\u200bb", 2},
	{"emoji", "🤖📰", 4},
	{"emoji ZWJ family", "👩\u200d👩\u200d👧", 6},
	{"flag", "🇯🇵", 4},
	{"skin tone", "👍🏽", 4},
	{"emoji presentation selector", "✔️", 1},
	{"colour codes", "\x1b[36mid\x1b[0m \x1b[1;4mHEAD\x1b[0m", 7},
}

// TestTableWidthOneMeasure: the fitting measures cells with the very
// function tablewriter pads them with (twwidth), set at init to
// go-runewidth's East Asian condition; a table of every sample keeps its
// columns aligned by that measure.
func TestTableWidthOneMeasure(t *testing.T) {
	if twwidth.IsEastAsian() != runewidth.DefaultCondition.EastAsianWidth {
		t.Errorf("twwidth East Asian %v, go-runewidth %v", twwidth.IsEastAsian(), runewidth.DefaultCondition.EastAsianWidth)
	}
	for _, tt := range widthSamples {
		t.Run(tt.name, func(t *testing.T) {
			got, tw := displayWidth(tt.s), twwidth.Width(tt.s)
			if got != tw {
				t.Errorf("displayWidth(%q) = %d, tablewriter's twwidth.Width = %d", tt.s, got, tw)
			}
			if !runewidth.DefaultCondition.EastAsianWidth && got != tt.want {
				t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}

	cols := []Column[string]{{Name: "sample", Shrink: ShrinkLast}, {Name: "n", Right: true}, {Name: "end"}}
	var rows [][]string
	for _, tt := range widthSamples {
		rows = append(rows, []string{tt.s, "7", "|"})
	}
	for _, width := range []int{0, 14, 9} {
		for _, colour := range []bool{false, true} {
			var b bytes.Buffer
			if err := writeTable(&b, cols, rows, Options{Width: width, Color: colour}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			head := ansi.ReplaceAllString(lines[0], "")
			end := displayWidth(head[:strings.LastIndex(head, " ")+1]) // "END", or cut to "…"
			for _, l := range lines[1:] {
				if l != strings.TrimRight(l, " ") {
					t.Errorf("width %d: trailing blanks: %q", width, l)
				}
				if at := displayWidth(l[:strings.LastIndex(l, "|")]); at != end {
					t.Errorf("width %d, colour %v: %q: last column at %d, header's at %d", width, colour, l, at, end)
				}
			}
		}
	}
}

func TestTruncateLeft(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    int
		want string
	}{
		{"one two three", 20, "one two three"},
		{"one two three", 9, "…wo three"},
		{"世界平和", 5, "…平和"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
	} {
		if got := truncateLeft(tc.s, tc.w); got != tc.want {
			t.Errorf("truncateLeft(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
	}
}
