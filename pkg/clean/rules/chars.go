package rules

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The character rules. Each appends its rewriting of s to dst[:0] and
// reports true, or reports false when it has nothing to do (after one
// scan), and is one pass over s.

// brokenNames are the named entities validate's broken-entity rule
// recognises with blanks inside ("& amp;"); any name would match too many
// words of prose ("Tom & Jerry;").
var brokenNames = map[string]rune{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": '\u00a0'}

// repairBroken is the broken-entities rule.
func repairBroken(dst []byte, s string) ([]byte, bool) {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return dst, false
	}
	b, changed := dst[:0], false
	last, open := 0, false // s[last:] is not yet in b; open: a broken quote was opened on this line
	for {
		if end, r, ok := brokenAt(s, i); ok {
			changed = true
			if strings.IndexByte(s[last:i], '\n') >= 0 {
				open = false
			}
			b = append(b, s[last:i]...)
			if r == '\'' || r == '’' {
				b, end, open = apostrophe(b, s, end, r, open)
			} else {
				b = utf8.AppendRune(b, r)
			}
			last, i = end, end
		} else {
			i++
		}
		j := strings.IndexByte(s[i:], '&')
		if j < 0 {
			break
		}
		i += j
	}
	if !changed {
		return dst, false
	}
	return append(b, s[last:]...), true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// brokenAt reads a broken entity at s[i] (an "&"): the grammar of
// validate's broken-entity rule, "&", blanks, then "#" and up to 7 digits
// or "x" and up to 6 hex digits, or one of brokenNames, then ";", with
// blanks allowed between the parts and at least one present. It returns
// the end of the entity and the character it stands for.
func brokenAt(s string, i int) (end int, r rune, ok bool) {
	j, blanks := i+1, false
	skip := func() {
		for j < len(s) && isBlank(s[j]) {
			j++
			blanks = true
		}
	}
	skip()
	if j >= len(s) {
		return 0, 0, false
	}
	if s[j] == '#' {
		j++
		skip()
		var num strings.Builder
		num.WriteString("&#")
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			num.WriteByte('x')
			j++
			skip()
			for n := 0; j < len(s) && n < 6 && isHex(s[j]); n++ {
				num.WriteByte(s[j])
				j++
			}
		} else {
			for n := 0; j < len(s) && n < 7 && isDigit(s[j]); n++ {
				num.WriteByte(s[j])
				j++
			}
		}
		if last := num.String()[num.Len()-1]; last == '#' || last == 'x' {
			return 0, 0, false
		}
		skip()
		if j >= len(s) || s[j] != ';' || !blanks {
			return 0, 0, false
		}
		num.WriteByte(';')
		r, ok := decodeOne(num.String())
		return j + 1, r, ok
	}
	if !blanks {
		return 0, 0, false
	}
	k := j
	for j < len(s) && j-k < 5 && isASCIILetter(s[j]) {
		j++
	}
	r, ok = brokenNames[s[k:j]]
	if !ok {
		return 0, 0, false
	}
	skip()
	if j >= len(s) || s[j] != ';' {
		return 0, 0, false
	}
	return j + 1, r, true
}

// decodeOne decodes a numeric entity as HTML does (&#146; is ’, as in
// Windows-1252), refusing one that stands for a control character or for
// none.
func decodeOne(entity string) (rune, bool) {
	d := html.UnescapeString(entity)
	r, size := utf8.DecodeRuneInString(d)
	if size != len(d) || r == utf8.RuneError || unicode.IsControl(r) {
		return 0, false
	}
	return r, true
}

// clitics are the endings an apostrophe joins to its word: 's, n't, 're…
var clitics = map[string]bool{"s": true, "t": true, "re": true, "ve": true, "ll": true, "d": true, "m": true}

// apostrophe writes a broken apostrophe (or single quote) that ended at
// s[end], taking away the blanks the breaking put around it: "Amazon & #
// 39; s" is "Amazon's"; a quote before a word opens ("a 'portal"), one
// after a word before punctuation or while a quote is open closes
// ("portal'."). It returns b, where s is to be read on, and whether a
// quote is open.
func apostrophe(b []byte, s string, end int, r rune, open bool) ([]byte, int, bool) {
	blankBefore := len(b) > 0 && isBlank(b[len(b)-1])
	wordBefore := false
	if k := len(b); blankBefore {
		k--
		wordBefore = k > 0 && endsInLetter(b[:k])
	} else {
		wordBefore = k > 0 && endsInLetter(b)
	}
	blankAfter := end < len(s) && isBlank(s[end])
	next := end
	if blankAfter {
		next++
	}
	w := next
	for w < len(s) && isASCIILetter(s[w]) {
		w++
	}
	word := s[next:w]
	wordAfter := word != "" || next < len(s) && startsWithLetter(s[next:])
	dropBefore := func() {
		if blankBefore {
			b = b[:len(b)-1]
		}
	}
	switch {
	case wordBefore && blankAfter && clitics[strings.ToLower(word)] && (w == len(s) || !startsWithLetter(s[w:])):
		dropBefore()
		return utf8.AppendRune(b, r), next, open
	case wordBefore && (open || !wordAfter):
		dropBefore()
		return utf8.AppendRune(b, r), end, false
	case wordAfter:
		return utf8.AppendRune(b, r), next, true
	}
	return utf8.AppendRune(b, r), end, open
}

func endsInLetter(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// maxEntityName is the longest HTML5 entity name ("CounterClockwiseContourIntegral").
const maxEntityName = 32

// decodeEntities is the html-entities rule.
func decodeEntities(dst []byte, s string) ([]byte, bool) {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return dst, false
	}
	b, changed := dst[:0], false
	last := 0
	for {
		j := i + 1
		// Entities encoded twice or more: "&amp;#39;", "&amp;amp;".
		for strings.HasPrefix(s[j:], "amp;") {
			if _, _, ok := entityAt(s, j+4); !ok && !strings.HasPrefix(s[j+4:], "amp;") {
				break
			}
			j += 4
		}
		if d, end, ok := entityAt(s, j); ok {
			changed = true
			b = append(append(b, s[last:i]...), d...)
			last, i = end, end
		} else {
			i++
		}
		k := strings.IndexByte(s[i:], '&')
		if k < 0 {
			break
		}
		i += k
	}
	if !changed {
		return dst, false
	}
	return append(b, s[last:]...), true
}

// commonNames are the entities met most, decoded without a look-up in
// the HTML5 table.
var commonNames = map[string]string{
	"amp": "&", "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "nbsp": "\u00a0", "rsquo": "’", "lsquo": "‘",
	"rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…", "eacute": "é",
}

// entityAt decodes the entity whose "&" is just before s[j]: "#39;",
// "#x27;" or a name and ";". It returns what it stands for and its end.
func entityAt(s string, j int) (string, int, bool) {
	k := j
	if k < len(s) && s[k] == '#' {
		k++
		if k < len(s) && (s[k] == 'x' || s[k] == 'X') {
			k++
			for n := 0; k < len(s) && n < 6 && isHex(s[k]); n++ {
				k++
			}
		} else {
			for n := 0; k < len(s) && n < 7 && isDigit(s[k]); n++ {
				k++
			}
		}
		if !isHex(s[k-1]) || k >= len(s) || s[k] != ';' {
			return "", 0, false
		}
		r, ok := decodeOne("&" + s[j:k+1])
		if !ok {
			return "", 0, false
		}
		return string(r), k + 1, true
	}
	for k < len(s) && k-j < maxEntityName && (isASCIILetter(s[k]) || k > j && isDigit(s[k])) {
		k++
	}
	if k == j || k >= len(s) || s[k] != ';' {
		return "", 0, false
	}
	if d, ok := commonNames[s[j:k]]; ok {
		return d, k + 1, true
	}
	var entity string
	if j > 0 && s[j-1] == '&' {
		entity = s[j-1 : k+1]
	} else {
		entity = "&" + s[j:k+1]
	}
	d := html.UnescapeString(entity)
	if d == entity || utf8.RuneCountInString(d) > 2 || strings.HasSuffix(d, ";") && s[j:k] != "semi" {
		return "", 0, false // not a name, or a legacy prefix of one ("&notit;" read as "&not" "it;")
	}
	for _, r := range d {
		if unicode.IsControl(r) {
			return "", 0, false
		}
	}
	return d, k + 1, true
}

// invisibleLeads are the bytes an invisible character starts with, and CR.
const invisibleLeads = "\r\xc2\xe1\xe2\xe3\xef"

// invisible is the invisible-characters rule.
func invisible(dst []byte, s string) ([]byte, bool) {
	i := len(s)
	for _, c := range []byte(invisibleLeads) {
		if j := strings.IndexByte(s[:i], c); j >= 0 {
			i = j
		}
	}
	for i < len(s) {
		c := s[i]
		if c == '\r' {
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, ok := invisibleMap(r); ok {
			break
		}
		i += size
	}
	if i == len(s) {
		return dst, false
	}
	b := append(dst[:0], s[:i]...)
	for i < len(s) {
		c := s[i]
		if c == '\r' {
			b = append(b, '\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if to, ok := invisibleMap(r); ok {
			if to != 0 {
				b = append(b, to)
			}
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b, true
}

// invisibleMap says what an invisible character becomes: a blank, a line
// break, or nothing (0).
func invisibleMap(r rune) (byte, bool) {
	switch {
	case r == '\u00a0', r == '\u1680', '\u2000' <= r && r <= '\u200a', r == '\u202f', r == '\u205f', r == '\u3000':
		return ' ', true
	case r == '\u200b', r == '\u2060', r == '\ufeff', r == '\u00ad':
		return 0, true
	case r == '\u2028', r == '\u2029', r == '\u0085':
		return '\n', true
	}
	return 0, false
}

func isRunBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

// blankRuns is the blank-runs rule.
func blankRuns(dst []byte, s string) ([]byte, bool) {
	if s == "" {
		return dst, false
	}
	// Searches for single bytes and short strings run many bytes at a
	// time: most texts need none of this rule.
	if c := s[0]; !isRunBlank(c) && !isRunBlank(s[len(s)-1]) &&
		strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, '\v') < 0 && strings.IndexByte(s, '\f') < 0 &&
		!strings.Contains(s, "  ") && !strings.Contains(s, " \n") && !strings.Contains(s, "\n ") {
		return dst, false
	}
	b := dst[:0]
	pending := false // blanks seen since the last character kept on this line
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isRunBlank(c):
			pending = !lineStart
		case c == '\n':
			b = append(b, '\n')
			pending, lineStart = false, true
		default:
			if pending {
				b = append(b, ' ')
			}
			b = append(b, c)
			pending, lineStart = false, false
		}
	}
	return b, true
}
