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

// Count returns the number of words of s: the number Words yields.
//
// In ASCII a word begins at a letter or digit that neither follows one
// (or a "_" run that follows one) nor is joined to the one two bytes back
// by ":" "." "'" (letters) or "," ";" "." "'" (digits): asciiWords' rules
// read backwards. That needs only the two bytes before each, so Count
// looks each byte's class up, then the triple's verdict, with no token
// boundaries and no state but the last two classes: about
// three times the speed of counting Words, which matters because every
// document's words are counted as it loads. A chunk (between ASCII white
// space) that holds other bytes is counted as Words counts it, once the
// words begun in its first part are taken back. TestCountMatchesWords and
// FuzzWords hold Count to Words.
func Count(s string) int {
	n := 0
	triple := 0 // see shiftIn
	for i := 0; i < len(s); i++ {
		c0 := byteClass[s[i]]
		triple = shiftIn(triple, c0)
		v := wordBegins[triple]
		if v < askAgain {
			n += int(v)
			continue
		}
		if c0 == cOther8 { // not ASCII
			start, end := chunkAround(s, i)
			n += chunkCount(s[start:end]) - asciiCount(s[start:i])
			// s[end] is white space, or the end.
			i, triple = end, int(cOther)<<3|int(cOther)
			continue
		}
		if !afterWord(s, i-1) { // a letter or digit after "_"
			n++
		}
	}
	return n
}

// asciiCount is Count of s, ASCII after white space or at the start.
func asciiCount(s string) int {
	n := 0
	triple := 0
	for i := 0; i < len(s); i++ {
		triple = shiftIn(triple, byteClass[s[i]])
		v := wordBegins[triple]
		if v == askAgain {
			if afterWord(s, i-1) {
				continue
			}
			v = 1
		}
		n += int(v)
	}
	return n
}

// shiftIn returns wordBegins's index for a byte of class c0, given the
// index of the byte before it: the classes of the two bytes before and
// of the byte, 3 bits each, shifted along a byte at a time.
func shiftIn(triple int, c0 uint8) int { return (triple<<3 | int(c0)) & 0o777 }

// afterWord reports whether the run of "_" ending at s[i] follows a
// letter or digit: a word the run, and what comes next, belongs to.
func afterWord(s string, i int) bool {
	for i >= 0 && s[i] == '_' {
		i--
	}
	return i >= 0 && (isLetter(s[i]) || isDigit(s[i]))
}

// chunkAround returns the bounds of the chunk of s around i: the run of
// bytes that are not ASCII white space.
func chunkAround(s string, i int) (start, end int) {
	start, end = i, i
	for start > 0 && !isSpace(s[start-1]) {
		start--
	}
	for end < len(s) && !isSpace(s[end]) {
		end++
	}
	return start, end
}

// chunkCount is the number of words Words yields for one chunk.
func chunkCount(chunk string) int {
	n := 0
	for range Words(chunk) {
		n++
	}
	return n
}

// Byte classes for Count: anything else (ASCII white space included),
// letter, digit, "_", ":", "." or "'", "," or ";", and not ASCII.
const (
	cOther = iota
	cLetter
	cDigit
	cUnderscore
	cColon
	cPeriod
	cComma
	cOther8
)

var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch b := byte(c); {
		case b >= utf8.RuneSelf:
			t[c] = cOther8
		case isLetter(b):
			t[c] = cLetter
		case isDigit(b):
			t[c] = cDigit
		case b == '_':
			t[c] = cUnderscore
		case b == ':':
			t[c] = cColon
		case b == '.' || b == '\'':
			t[c] = cPeriod
		case b == ',' || b == ';':
			t[c] = cComma
		}
	}
	return t
}()

// askAgain, in wordBegins, sends Count to look further: the byte is not
// ASCII, or a letter or digit follows "_".
const askAgain = 2

// wordBegins[c2<<6|c1<<3|c0] is 1 when a byte of class c0 after bytes of
// classes c2, c1 begins a word, 0 when not, askAgain when the classes do
// not tell.
var wordBegins = func() (t [512]uint8) {
	for c2 := range uint8(8) {
		for c1 := range uint8(8) {
			for c0 := range uint8(8) {
				v := uint8(0)
				switch word := func(c uint8) bool { return c == cLetter || c == cDigit }; {
				case c0 == cOther8:
					v = askAgain
				case !word(c0), word(c1):
				case c1 == cUnderscore:
					v = askAgain
				case c2 == cLetter && c0 == cLetter && (c1 == cColon || c1 == cPeriod),
					c2 == cDigit && c0 == cDigit && (c1 == cPeriod || c1 == cComma):
					// joined to the word before
				default:
					v = 1
				}
				t[int(c2)<<6|int(c1)<<3|int(c0)] = v
			}
		}
	}
	return t
}()
