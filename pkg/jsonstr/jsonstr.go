// Package jsonstr writes Go strings as JSON strings, byte for byte as
// encoding/json does, without reflection or allocation: the one string
// encoder of the document encoder (pkg/corpus) and the output layer
// (pkg/render).
package jsonstr

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// safe[html] marks the ASCII bytes encoding/json copies unescaped:
// printable, and none of " \ (nor < > & when HTML escaping is on).
var safe = func() (t [2][utf8.RuneSelf]bool) {
	for html := range 2 {
		for c := ' '; c < utf8.RuneSelf; c++ {
			t[html][c] = c != '"' && c != '\\'
		}
		if html == 1 {
			t[html]['<'], t[html]['>'], t[html]['&'] = false, false, false
		}
	}
	return t
}()

// Append appends s as a JSON string exactly as encoding/json writes it:
// ", \ and the short escapes \b \f \n \r \t; other control characters as
// \u00XX; with escapeHTML, <, > and & as \u00XX too; U+2028 and U+2029
// escaped; each byte of invalid UTF-8 as \ufffd.
func Append(b []byte, s string, escapeHTML bool) []byte {
	ok := &safe[0]
	if escapeHTML {
		ok = &safe[1]
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most text needs no escape: skip it 8 bytes at a time.
		for i+8 <= len(s) && safe8(s[i:i+8], escapeHTML) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if ok[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// safe8 reports whether the 8 bytes of s are all ASCII bytes that are
// copied unescaped (see safe), testing them at once.
func safe8(s string, escapeHTML bool) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	_ = s[7] // one bounds check, so the loads merge into one
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// The high bit of each byte of a mask is set where a byte is < 0x20,
	// or equal to c (hasByte), borrows aside: they only ever mark bytes
	// above one that is marked, so a mask is 0 exactly when no byte is.
	hasByte := func(c uint64) uint64 {
		x := w ^ c*ones
		return (x - ones) &^ x
	}
	bad := w | (w-0x20*ones)&^w | hasByte('"') | hasByte('\\')
	if escapeHTML {
		bad |= hasByte('<') | hasByte('>') | hasByte('&')
	}
	return bad&highs == 0
}
