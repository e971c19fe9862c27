package render

import (
	"bytes"
	"encoding/json"
)

// appendIndent appends compact JSON b indented as json.Indent(dst, b,
// prefix, "  ") would, without its validating scanner (a third of the
// JSON output's CPU for validate's findings): the encoder's output is
// compact and valid. Input with whitespace outside strings (not compact)
// goes to json.Indent.
func appendIndent(dst, b []byte, prefix string) ([]byte, error) {
	start := len(dst)
	depth := 0
	open := false // just after '{' or '[': an empty one closes on the same line
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if open && c != '}' && c != ']' {
			open = false
			newline()
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(b) {
				k := bytes.IndexAny(b[j:], `"\`)
				if k < 0 {
					j = len(b)
					break
				}
				j += k
				if b[j] == '\\' {
					j += 2
					continue
				}
				break
			}
			if j >= len(b) {
				return indentSlow(dst[:start], b, prefix)
			}
			dst = append(dst, b[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			depth++
			open = true
		case '}', ']':
			depth--
			if open {
				open = false
			} else {
				newline()
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		case ' ', '\t', '\n', '\r':
			return indentSlow(dst[:start], b, prefix)
		default:
			dst = append(dst, c)
		}
	}
	return dst, nil
}

func indentSlow(dst, b []byte, prefix string) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	if err := json.Indent(buf, b, prefix, "  "); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}
