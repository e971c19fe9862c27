// Package termsafe makes document text harmless to print on a terminal.
//
// Titles and bodies come from scrapers and strangers. Printed raw, an
// escape sequence in a title could clear the screen, forge a hyperlink,
// recolour the output or, with bidi overrides, make text read other than
// it is. Clean neutralises all of these; data formats (JSON, CSV) never use
// it, they keep the bytes exact.
package termsafe

import (
	"strings"
	"unicode/utf8"
)

// Clean returns s with every C0 and C1 control character (ESC, BEL, CSI…),
// DEL and Unicode bidi control shown as a visible placeholder: controls as
// the Unicode control pictures (␛ for ESC) or "�", bidi controls removed.
// Tabs become a space; newlines (and U+2028, U+2029) are kept only if
// keepNewlines is set, and are a space otherwise.
// Invalid UTF-8 bytes become U+FFFD.
func Clean(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case (r == '\n' || r == lineSep || r == paraSep) && keepNewlines:
			b.WriteByte('\n')
		case r == '\t', r == '\n', r == '\r', r == lineSep, r == paraSep:
			b.WriteByte(' ')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // control pictures: ␀ … ␟, ␛ for ESC
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r < 0xa0:
			b.WriteRune(utf8.RuneError) // C1 controls, e.g. CSI (U+009B)
		case isBidiControl(r):
			// dropped: they reorder what follows on the line
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The Unicode line and paragraph separators break a line in some
// terminals and in none in others: treated as newlines, they cannot split
// a table row unseen.
const (
	lineSep = '\u2028'
	paraSep = '\u2029'
)

// isPlain is the fast path: printable ASCII needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// isBidiControl reports the Unicode bidirectional formatting characters
// (the "Trojan Source" set): LRE…RLO, LRI…PDI, LRM, RLM and ALM.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
