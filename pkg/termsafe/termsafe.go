// Package termsafe makes document text harmless to print on a terminal.
//
// Titles and bodies come from scrapers and strangers. Printed raw, an
// escape sequence in a title could clear the screen, forge a hyperlink,
// recolour the output or, with bidi overrides, make text read other than
// it is. Clean neutralises all of these; data formats (JSON, CSV) never use
// it, they keep the bytes exact.
//
// Invisible characters (zero-width spaces and joiners, the byte order mark,
// soft hyphens, tag characters, bidi controls) are shown as <U+XXXX>, so two
// names that differ only by them, "c" and "\u200bc", can be told apart.
//
// Messages on stderr go through Line: one line, whatever the name in them
// holds, so a file name cannot forge a line of its own (a GitHub Actions
// workflow command such as "::error::…" in a CI log).
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Clean returns s with every C0 and C1 control character (ESC, BEL, CSI…),
// DEL and invisible character shown as a visible placeholder: C0 controls
// as the Unicode control pictures (␛ for ESC), C1 controls as "�",
// invisible characters (see IsInvisible) as <U+XXXX>.
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
		case IsInvisible(r):
			fmt.Fprintf(&b, "<U+%04X>", r)
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

// Line returns s made safe for one line of a message on stderr: Clean
// without newlines, so nothing in s can start a line of its own.
func Line(s string) string { return Clean(s, false) }

// IsInvisible reports the characters that print as nothing yet make two
// strings differ, and the bidi controls that reorder what follows them on
// the line (the "Trojan Source" set): Clean shows them as <U+XXXX>.
func IsInvisible(r rune) bool {
	switch {
	case r == 0x00ad: // soft hyphen
		return true
	case r == 0x061c, r == 0x180e: // Arabic letter mark, Mongolian vowel separator
		return true
	case r >= 0x200b && r <= 0x200f: // zero-width space, (non-)joiner, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2060 && r <= 0x206f: // word joiner, invisible operators, LRI…PDI, deprecated format controls
		return true
	case r == 0xfeff: // zero-width no-break space, byte order mark
		return true
	case r >= 0xfff9 && r <= 0xfffb: // interlinear annotation controls
		return true
	case r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0: // Hangul fillers, blank glyphs
		return true
	case r >= 0xe0000 && r <= 0xe007f: // tag characters
		return true
	}
	return false
}
