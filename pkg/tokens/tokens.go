// Package tokens splits text into words: the one tokenizer every reading
// view (search, concordance, terms, dupes, --grep -w) counts with, so that
// their counts agree.
//
// Words are the segments between Unicode word boundaries (UAX #29) that
// hold a letter or a digit: "Amazon's" and "3.5" are one word each, "—"
// and "," are none.
package tokens

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Token is one word of a text and where it lies: Text is s[Start:End].
type Token struct {
	Text       string
	Start, End int
}

// Words yields the words of s in order.
func Words(s string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		it := words.FromString(s)
		for it.Next() {
			seg := it.Value()
			if !IsWord(seg) {
				continue
			}
			if !yield(Token{Text: seg, Start: it.Start(), End: it.End()}) {
				return
			}
		}
	}
}

// IsWord reports whether a segment holds a letter or a digit.
func IsWord(seg string) bool {
	for i := 0; i < len(seg); {
		c := seg[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(seg[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return true
		}
		i += size
	}
	return false
}

// Fold is the key words are counted and matched by: lower case, with the
// typographic apostrophe (’) read as ' so that "Amazon’s" and "Amazon's"
// are one word.
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

// Count returns the number of words of s.
func Count(s string) int {
	n := 0
	for range Words(s) {
		n++
	}
	return n
}
