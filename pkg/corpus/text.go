package corpus

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleRunes caps a title taken from plain text, whose first line can be
// a whole article.
const maxTitleRunes = 300

// boilerplate holds lines scraped pages carry above their headline, compared
// case-insensitively after trimming.
var boilerplate = map[string]bool{
	"skip to main content": true, "skip to content": true, "skip to navigation": true,
	"skip navigation": true, "jump to content": true, "advertisement": true,
	"share this story": true, "share this article": true, "share": true, "menu": true,
	"close": true, "search": true, "sign in": true, "log in": true, "subscribe": true,
	"home": true, "navigation": true, "main menu": true, "toggle navigation": true,
	"accept cookies": true, "open menu": true, "close menu": true,
}

// IsBoilerplate reports whether a line is web chrome rather than content.
func IsBoilerplate(line string) bool {
	return boilerplate[strings.ToLower(strings.TrimSpace(line))]
}

// TextTitle returns the first non-empty line of text that is not
// boilerplate, trimmed and capped at maxTitleRunes, and its 1-based line.
// It returns "", 0 when there is none.
func TextTitle(text []byte) (string, int) {
	line := 0
	for len(text) > 0 {
		line++
		var cur []byte
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			cur, text = text[:i], text[i+1:]
		} else {
			cur, text = text, nil
		}
		s := strings.TrimFunc(string(capBytes(cur)), unicode.IsSpace)
		if s == "" || IsBoilerplate(s) {
			continue
		}
		return capRunes(s, maxTitleRunes), line
	}
	return "", 0
}

// capBytes keeps a pathological single-line file from being copied whole
// only to be cut to a title.
func capBytes(b []byte) []byte {
	const max = maxTitleRunes * utf8.UTFMax * 2
	if len(b) > max {
		b = b[:max]
		// Do not cut a character in two.
		j := len(b) - 1
		for j > 0 && len(b)-j < utf8.UTFMax && !utf8.RuneStart(b[j]) {
			j--
		}
		if !utf8.FullRune(b[j:]) {
			b = b[:j]
		}
	}
	return b
}

func capRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	// Cut at the byte offset of rune n-1, so the bytes kept are exactly
	// those of the input, even where it is not valid UTF-8.
	cut, i := 0, 0
	for cut = range s {
		if i == n-1 {
			break
		}
		i++
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}

// CountWords counts whitespace-separated words.
func CountWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || c-'\t' <= '\r'-'\t' // the ASCII spaces: \t \n \v \f \r and blank
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
