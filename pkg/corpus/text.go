package corpus

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/clean/rules"
	"github.com/seedscope/seedscope/pkg/tokens"
)

// maxTitleRunes caps a title taken from plain text, whose first line can be
// a whole article.
const maxTitleRunes = 300

// IsBoilerplate reports whether a line is web chrome rather than content:
// a line one of the cleaning rules drops (package clean/rules, the one
// list the cleaned body and plain-text titles share).
func IsBoilerplate(line string) bool {
	_, ok := rules.Drops(line)
	return ok
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

// bodyWords is a document's word count: the words (tokens.Words, the
// reading views' tokenizer) of its body, cleaned by every per-document
// rule for a plain-text document (package clean/rules), as written for a
// front-matter one. The rule learned from a whole corpus (repeated-lines)
// is not applied: a document's count does not depend on the others.
func bodyWords(kind Kind, body string) int {
	if kind != KindText {
		return tokens.Count(body)
	}
	bp := cleanBufs.Get().(*[]byte)
	b := rules.AppendText((*bp)[:0], body, nil)
	n := tokens.Count(unsafe.String(unsafe.SliceData(b), len(b)))
	if cap(b) <= maxPooledBuf {
		*bp = b[:0]
		cleanBufs.Put(bp)
	}
	return n
}

// maxPooledBuf is the largest cleaning buffer kept for the next document.
const maxPooledBuf = 1 << 20

var cleanBufs = sync.Pool{New: func() any { return new([]byte) }}
