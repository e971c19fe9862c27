package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// relatedItem is a related item's line as show prints it.
var relatedItem = []span{
	{text: "iFLyTek develops voice recognition for law enforcement; moves forward despite U.S. ban"},
	{lead: " — ", text: "Biometric Companies, 2020-01-07", style: ProviderStyle},
	{lead: "  → ", text: "003_ecfceb46a7c3448c", style: IDStyle},
}

func TestWriteSpans(t *testing.T) {
	tests := []struct {
		name  string
		spans []span
		width int
		want  string
	}{
		{
			name:  "unwrapped, as written",
			spans: relatedItem,
			want:  "  1. iFLyTek develops voice recognition for law enforcement; moves forward despite U.S. ban — Biometric Companies, 2020-01-07  → 003_ecfceb46a7c3448c\n",
		},
		{
			name:  "fits",
			spans: relatedItem,
			width: 200,
			want:  "  1. iFLyTek develops voice recognition for law enforcement; moves forward despite U.S. ban — Biometric Companies, 2020-01-07  → 003_ecfceb46a7c3448c\n",
		},
		{
			name:  "wrapped under the title, the glyphs with the words after them",
			spans: relatedItem,
			width: 60,
			want: "" +
				"  1. iFLyTek develops voice recognition for law enforcement;\n" +
				"     moves forward despite U.S. ban — Biometric Companies,\n" +
				"     2020-01-07  → 003_ecfceb46a7c3448c\n",
		},
		{
			name:  "a dash that would end a line starts the next",
			spans: relatedItem,
			width: 96,
			want: "" +
				"  1. iFLyTek develops voice recognition for law enforcement; moves forward despite U.S. ban\n" +
				"     — Biometric Companies, 2020-01-07  → 003_ecfceb46a7c3448c\n",
		},
		{
			name:  "a word wider than the room has its line",
			spans: []span{{text: "see https://example.com/a-very-long-address-that-fits-no-line-of-this-width now"}},
			width: 30,
			want: "" +
				"  1. see\n" +
				"     https://example.com/a-very-long-address-that-fits-no-line-of-this-width\n" +
				"     now\n",
		},
		{
			name:  "too narrow to wrap",
			spans: relatedItem[:1],
			width: 12,
			want:  "  1. iFLyTek develops voice recognition for law enforcement; moves forward despite U.S. ban\n",
		},
		{
			name:  "nothing but the number",
			spans: []span{{text: "  "}},
			width: 40,
			want:  "  1.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			writeSpans(&b, "  1. ", "     ", tt.spans, tt.width, palette(false))
			if got := b.String(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// Wrapping moves words between lines and nothing else: every word is
// kept, in order, each line within the width unless one word is wider.
func TestWriteSpansKeepsEveryWord(t *testing.T) {
	var flat strings.Builder
	writeSpans(&flat, "  1. ", "     ", relatedItem, 0, palette(false))
	for width := 17; width <= 160; width++ {
		var b strings.Builder
		writeSpans(&b, "  1. ", "     ", relatedItem, width, palette(false))
		if got, want := strings.Fields(b.String()), strings.Fields(flat.String()); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("width %d: words %q, want %q", width, got, want)
		}
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			// A glyph and its word are one unit.
			units := strings.Fields(strings.NewReplacer("— ", "—", "→ ", "→").Replace(l))
			if w := runewidth.StringWidth(l); w > width && len(units) > 1 {
				t.Errorf("width %d: line %q is %d columns", width, l, w)
			}
			if strings.HasSuffix(l, "—") || strings.HasSuffix(l, "→") {
				t.Errorf("width %d: line %q ends on a glyph", width, l)
			}
		}
	}
}

// In colour, each run of words of one style is painted once, and plain
// words get no codes.
func TestWriteSpansColour(t *testing.T) {
	var b strings.Builder
	writeSpans(&b, "  1. ", "     ", relatedItem, 60, palette(true))
	want := "" +
		"  1. iFLyTek develops voice recognition for law enforcement;\n" +
		"     moves forward despite U.S. ban — \x1b[35mBiometric Companies,\x1b[0m\n" +
		"     \x1b[35m2020-01-07\x1b[0m  → \x1b[36m003_ecfceb46a7c3448c\x1b[0m\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"* turned the other way", 0, []string{"* turned the other way"}},
		{"* turned the other way", 12, []string{"* turned the", "other way"}},
		{"a unbreakableword b", 8, []string{"a", "unbreak…", "b"}},
		{"", 10, []string{""}},
	}
	for _, tt := range tests {
		if got := wrapWords(tt.text, tt.width); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}

// Each related item's lines, the wrapped title's and the URL's, start at
// its title's column, from item 1 to item 10 and on.
func TestDetailRelatedUnderTitle(t *testing.T) {
	d := &corpus.Document{ID: "a", Kind: corpus.KindFrontMatter, Path: "a.txt"}
	for i := range 11 {
		d.Related = append(d.Related, corpus.Related{
			Title: fmt.Sprintf("Related item %d with a title long enough to wrap at sixty columns", i+1),
			URL:   fmt.Sprintf("https://example.com/%d", i+1),
		})
	}
	for _, width := range []int{0, 60} {
		var b strings.Builder
		if err := WriteDetail(&b, d, nil, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		_, related, _ := strings.Cut(b.String(), "Related (11)\n")
		column := 0
		for _, l := range strings.Split(strings.TrimRight(related, "\n"), "\n") {
			if n, _, ok := strings.Cut(strings.TrimLeft(l, " "), ". "); ok && strings.HasPrefix(l, "  ") && n != "" && n[0] >= '1' && n[0] <= '9' {
				column = len(l) - len(strings.TrimLeft(l, " ")) + len(n) + 2
				continue
			}
			if got := len(l) - len(strings.TrimLeft(l, " ")); got != column {
				t.Errorf("width %d: %q starts at column %d, its title at %d", width, l, got, column)
			}
		}
		if column != len("  11. ") {
			t.Errorf("width %d: the last item's title is at column %d\n%s", width, column, b.String())
		}
	}
}

// The title and the id · kind · path line wrap at their blanks on a
// terminal, and are one line each off one.
func TestDetailHeaderWraps(t *testing.T) {
	d := &corpus.Document{
		ID:    "2020-01-01-5g-ai-data-privacy-and-mass-surveillance",
		Kind:  corpus.KindFrontMatter,
		Path:  "posts/2020-01-01-5g-ai-data-privacy-and-mass-surveillance.md",
		Title: "5G, AI, data privacy and mass surveillance — 12 biggest tech policy challenges India will have to face in 2020",
	}
	head := func(width int) []string {
		var b strings.Builder
		if err := WriteDetail(&b, d, nil, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		top, _, _ := strings.Cut(b.String(), "\n\n")
		return strings.Split(top, "\n")
	}
	if got := head(0); len(got) != 2 || got[0] != d.Title || got[1] != d.ID+" · frontmatter · "+d.Path {
		t.Errorf("unwrapped: %q", got)
	}
	lines := head(60)
	if len(lines) < 4 {
		t.Errorf("at 60 columns: %q, want the title and the header wrapped", lines)
	}
	for _, l := range lines {
		if runewidth.StringWidth(l) > 60 && strings.Contains(l, " ") {
			t.Errorf("at 60 columns: %q is wider and has a blank to wrap at", l)
		}
	}
	if got, want := strings.Join(strings.Fields(strings.Join(lines, " ")), " "), d.Title+" "+d.ID+" · frontmatter · "+d.Path; got != want {
		t.Errorf("words changed:\n%s\nwant\n%s", got, want)
	}
}
