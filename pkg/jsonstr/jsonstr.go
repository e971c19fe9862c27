// Package jsonstr writes Go strings as JSON strings, byte for byte as
// encoding/json does, without reflection or allocation: the one string
// encoder of the document encoder (pkg/corpus) and the output layer
// (pkg/render).
package jsonstr

import (
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/swar"
)

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
		// Most text needs no escape: skip it 8 bytes at a time, then
		// straight to the first byte that may need one.
		for i+8 <= len(s) {
			m := unsafe8(s[i:], escapeHTML)
			if swar.Any(m) {
				i += swar.First(m)
				break
			}
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

// unsafe8 marks the first 8 bytes of s that are not ASCII bytes copied
// unescaped (see safe), testing them at once: a swar mask.
func unsafe8(s string, escapeHTML bool) uint64 {
	w := swar.Load(s)
	bad := swar.NotASCII(w) | swar.Below(w, 0x20) | swar.Equal(w, '\\')
	if escapeHTML {
		// Setting one bit takes two of them to one value: '"' (0x22)
		// and '&' (0x26) to 0x26, '<' (0x3C) and '>' (0x3E) to 0x3E, and
		// no other byte to either.
		bad |= swar.Equal(w|0x04*swar.Ones, '&') | swar.Equal(w|0x02*swar.Ones, '>')
	} else {
		bad |= swar.Equal(w, '"')
	}
	return bad
}
