package render

import (
	"bytes"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/swar"
)

// appendCSVField appends field to b as encoding/csv's Writer writes it
// with its defaults (comma, LF line ends): quoted when it holds a quote,
// a comma, CR or LF, starts with a space, or is `\.`, with quotes doubled.
// The document export writes cells of compact JSON, full of quotes, and
// csv.Writer looks for the next quote with strings.IndexAny, building a
// set of bytes at every one; this writes the same bytes in one pass.
func appendCSVField(b, field []byte) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for {
		i := bytes.IndexByte(field, '"')
		if i < 0 {
			break
		}
		b = append(b, field[:i+1]...)
		b = append(b, '"')
		field = field[i+1:]
	}
	b = append(b, field...)
	return append(b, '"')
}

func csvNeedsQuotes(field []byte) bool {
	if len(field) == 0 {
		return false
	}
	if string(field) == `\.` {
		return true
	}
	s := unsafe.String(unsafe.SliceData(field), len(field))
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := swar.Load(s[i:])
		if swar.Any(swar.Equal(w, '\n') | swar.Equal(w, '\r') | swar.Equal(w, '"') | swar.Equal(w, ',')) {
			return true
		}
	}
	for _, c := range field[i:] {
		if c == '\n' || c == '\r' || c == '"' || c == ',' {
			return true
		}
	}
	r, _ := utf8.DecodeRune(field)
	return unicode.IsSpace(r)
}
