package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-runewidth"
)

// A span is a run of text of one style in a line of prose that may be
// wrapped: an excerpt, or a related item's title, source and target.
type span struct {
	// lead goes before the span when it follows another on its line, as
	// written (" — ", "  → "). Wrapped, its blanks are the gap before the
	// span and the rest is glued to the span's first word, so that a
	// line never ends on a dash or an arrow.
	lead  string
	text  string
	style Style
}

// A word is what wrapping never breaks: a span's word with its glyph.
type word struct {
	gap   int    // blanks before it when it does not start a line
	glyph string // plain text glued before text ("— ", "→ ")
	text  string
	style Style
	width int // of glyph and text, in display columns
}

// words splits spans at blanks into the words wrapping moves between
// lines.
func words(spans []span) []word {
	var out []word
	for _, s := range spans {
		gap := 1
		glyph := strings.TrimLeft(s.lead, " ")
		if len(out) > 0 {
			gap = max(len(s.lead)-len(glyph), 1)
		}
		if glyph = strings.TrimRight(glyph, " "); glyph != "" {
			glyph += " "
		}
		for i, f := range strings.Fields(s.text) {
			w := word{gap: 1, text: f, style: s.style}
			if i == 0 {
				w.gap, w.glyph = gap, glyph
			}
			w.width = runewidth.StringWidth(w.glyph) + runewidth.StringWidth(w.text)
			out = append(out, w)
		}
	}
	return out
}

// wrapLines breaks words into lines of at most firstRoom display columns
// for the first and room for the others: a word wider than that has a
// line of its own.
func wrapLines(ws []word, firstRoom, room int) [][]word {
	var lines [][]word
	var line []word
	used, limit := 0, firstRoom
	for _, w := range ws {
		if len(line) > 0 && used+w.gap+w.width > limit {
			lines = append(lines, line)
			line, used, limit = nil, 0, room
		}
		if len(line) > 0 {
			used += w.gap
		}
		line = append(line, w)
		used += w.width
	}
	return append(lines, line)
}

// wrapWords breaks text into lines of at most width display columns at
// blanks (0: one line); a word wider than width is cut.
func wrapWords(text string, width int) []string {
	if width <= 0 {
		return []string{text}
	}
	var lines []string
	for _, l := range wrapLines(words([]span{{text: text}}), width, width) {
		lines = append(lines, truncate(joinWords(l, nil), width))
	}
	return lines
}

// writeSpans prints spans as one line after first; at a width (> 0) it
// word-wraps them, the lines after the first indented by indent. Blanks
// at the end of a line are left out.
func writeSpans(w io.Writer, first, indent string, spans []span, width int, pal map[Style]*color.Color) {
	if width <= 0 || width <= runewidth.StringWidth(indent)+10 {
		var b strings.Builder
		b.WriteString(first)
		for _, s := range spans {
			b.WriteString(s.lead)
			b.WriteString(paint(pal, s.style, s.text))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		return
	}
	lines := wrapLines(words(spans), width-runewidth.StringWidth(first), width-runewidth.StringWidth(indent))
	for i, l := range lines {
		lead := first
		if i > 0 {
			lead = indent
		}
		fmt.Fprintln(w, strings.TrimRight(lead+joinWords(l, pal), " "))
	}
}

// joinWords is a line of words, each in its style from pal (nil: plain);
// the words of a style in a row are painted as one run.
func joinWords(line []word, pal map[Style]*color.Color) string {
	var b, run strings.Builder
	style := Plain
	flush := func() {
		if run.Len() == 0 {
			return
		}
		b.WriteString(paint(pal, style, run.String()))
		run.Reset()
	}
	for i, w := range line {
		gap := ""
		if i > 0 {
			gap = strings.Repeat(" ", w.gap)
		}
		if w.style != style || w.glyph != "" {
			flush()
			b.WriteString(gap + w.glyph)
			gap, style = "", w.style
		}
		run.WriteString(gap + w.text)
	}
	flush()
	return b.String()
}

// paint is text in style from pal; plain text (or a nil pal) is left as
// it is, without the codes an attribute-less colour writes.
func paint(pal map[Style]*color.Color, style Style, text string) string {
	if pal == nil || style == Plain {
		return text
	}
	return pal[style].Sprint(text)
}
