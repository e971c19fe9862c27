package kwic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/seedscope/seedscope/pkg/tokens"
)

// bytesPerColumn bounds the text looked at for a context of some width:
// a column of text takes at most this many bytes (a wide character 3 or
// 4 bytes for 2 columns), so a hit's context costs time in its width,
// not in the length of its text. Zero-width marks past it are not shown.
const bytesPerColumn = 4

// Context returns the text of s before [start, end) and after it, each
// at most width display columns, cut at word boundaries: the left side
// starts at a word, the right side ends at one. Runs of white space
// (line breaks too) are shown as one space, and the sides are trimmed of
// white space next to the hit and at their far end.
func Context(s string, start, end, width int) (left, right string) {
	return leftContext(s, start, width), rightContext(s, end, width)
}

func leftContext(s string, start, width int) string {
	if width <= 0 || start <= 0 {
		return ""
	}
	from := max(0, start-width*bytesPerColumn-bytesPerColumn)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from++
	}
	win := s[from:start]
	var starts []int
	for t := range tokens.Words(win) {
		if t.Start == 0 && from > 0 && cutsWord(s, from) {
			continue // maybe the end of a longer word
		}
		starts = append(starts, from+t.Start)
	}
	// Words from the hit backwards, while they fit.
	best, used := start, 0
	for j := len(starts) - 1; j >= 0; j-- {
		seg := s[starts[j]:best]
		if best == start {
			seg = strings.TrimRightFunc(seg, unicode.IsSpace)
		}
		w := spacedWidth(seg)
		if used+w > width {
			break
		}
		used += w
		best = starts[j]
	}
	return spaced(strings.TrimRightFunc(s[best:start], unicode.IsSpace))
}

func rightContext(s string, end, width int) string {
	if width <= 0 || end >= len(s) {
		return ""
	}
	to := min(len(s), end+width*bytesPerColumn+bytesPerColumn)
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to--
	}
	win := s[end:to]
	var ends []int
	for t := range tokens.Words(win) {
		if end+t.End == to && to < len(s) && cutsWord(s, to) {
			break // maybe the start of a longer word
		}
		ends = append(ends, end+t.End)
	}
	best, used := end, 0
	for _, e := range ends {
		seg := s[best:e]
		if best == end {
			seg = strings.TrimLeftFunc(seg, unicode.IsSpace)
		}
		w := spacedWidth(seg)
		if used+w > width {
			break
		}
		used += w
		best = e
	}
	return spaced(strings.TrimLeftFunc(s[end:best], unicode.IsSpace))
}

// cutsWord reports whether position i of s may fall inside a word: the
// characters on both sides are letters, digits or marks.
func cutsWord(s string, i int) bool {
	r1, _ := utf8.DecodeLastRuneInString(s[:i])
	r2, _ := utf8.DecodeRuneInString(s[i:])
	return wordRune(r1) && wordRune(r2)
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == '.' || r == '_'
}

// spaced returns s with each run of white space as one space.
func spaced(s string) string {
	if !hasSpaceRun(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// hasSpaceRun reports whether s holds white space other than single
// blanks.
func hasSpaceRun(s string) bool {
	prev := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prev) {
			return true
		}
		prev = sp
	}
	return false
}

// spacedWidth is the display width of spaced(s).
func spacedWidth(s string) int {
	w := 0
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				w++
			}
			space = true
			continue
		}
		space = false
		w += runewidth.RuneWidth(r)
	}
	return w
}

// Width is the display width of a keyword or context as Context measures
// it.
func Width(s string) int { return spacedWidth(s) }
