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
//
// Text is cut into chunks at ASCII white space, which no word holds and
// which UAX #29 always breaks around for the words it keeps (white space
// joins only marks and other spaces, never a letter or digit). A chunk of
// ASCII is segmented by asciiWords, an exact transcription of the rules
// that can apply to ASCII, several times faster than the general
// segmenter; any other chunk goes to uax29. TestWordsMatchesUAX29 and
// FuzzWords hold the two paths equal.
func Words(s string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		var it *words.Iterator[string]
		for i := 0; i < len(s); {
			if isSpace(s[i]) {
				i++
				continue
			}
			start, ascii := i, true
			for i < len(s) && !isSpace(s[i]) {
				if s[i] >= utf8.RuneSelf {
					ascii = false
				}
				i++
			}
			if ascii {
				if !asciiWords(s, start, i, yield) {
					return
				}
				continue
			}
			if it == nil {
				it = words.FromString(s[start:i])
			} else {
				it.SetText(s[start:i])
			}
			for it.Next() {
				seg := it.Value()
				if !IsWord(seg) {
					continue
				}
				if !yield(Token{Text: seg, Start: start + it.Start(), End: start + it.End()}) {
					return
				}
			}
		}
	}
}

// unicodeWords is the general path alone: what Words must equal.
func unicodeWords(s string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		it := words.FromString(s)
		for it.Next() {
			if seg := it.Value(); IsWord(seg) && !yield(Token{Text: seg, Start: it.Start(), End: it.End()}) {
				return
			}
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c-'\t' <= '\r'-'\t' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// asciiWords yields the words of s[start:end], ASCII without white space,
// by the UAX #29 rules that apply to ASCII: letters, digits and "_" run
// together (WB5, WB8-WB10, WB13a/b); a letter, then ":" "." or "'", then
// a letter join (WB6-7); a digit, then "," ";" "." or "'", then a digit
// join (WB11-12); every other character stands alone.
func asciiWords(s string, start, end int, yield func(Token) bool) bool {
	for i := start; i < end; {
		c := s[i]
		if !isLetter(c) && !isDigit(c) && c != '_' {
			i++
			continue
		}
		j, word := i, false
		for {
			for j < end && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '_') {
				word = word || s[j] != '_'
				j++
			}
			if j+1 < end && j > i {
				prev, mid, next := s[j-1], s[j], s[j+1]
				if isLetter(prev) && isLetter(next) && (mid == ':' || mid == '.' || mid == '\'') ||
					isDigit(prev) && isDigit(next) && (mid == ',' || mid == ';' || mid == '.' || mid == '\'') {
					j++
					continue
				}
			}
			break
		}
		if word && !yield(Token{Text: s[i:j], Start: i, End: j}) {
			return false
		}
		i = j
	}
	return true
}

// IsWord reports whether a segment holds a letter or a digit.
func IsWord(seg string) bool {
	for i := 0; i < len(seg); {
		c := seg[i]
		if c < utf8.RuneSelf {
			if isLetter(c) || isDigit(c) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(seg[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
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
