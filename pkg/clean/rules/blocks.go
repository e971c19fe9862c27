package rules

import "strings"

// The block rules: each filters the lines kept so far ("" is a blank
// line) in place.

// doubled is the doubled-lines rule.
func doubled(_ *state, ls []string) []string {
	out, prev := ls[:0], ""
	for _, l := range ls {
		if l != "" {
			if l == prev {
				continue
			}
			prev = l
		}
		out = append(out, l)
	}
	return out
}

// Bounds of the trailing-promo rule: the tail it looks at, in non-blank
// lines, and the longest line (in words) that may follow a promo line.
const (
	promoTailLines = 12
	promoLineWords = 20
)

// promoHeadings are the headings of a promotional block.
var promoHeadings = setOf(
	"read more", "related", "related articles", "related stories", "related news", "related content",
	"related coverage", "related topics", "related posts", "related links", "more stories", "more news",
	"more like this", "you may also like", "you might also like", "recommended", "recommended for you",
	"recommended stories", "most read", "most popular", "most viewed", "trending", "trending now", "top stories",
	"read next", "what to read next", "more on this story", "more to explore", "latest news", "latest stories",
	"don't miss", "popular now", "editor's picks", "also read", "see also", "further reading",
)

// promoLinks start a line that links to another story ("Read more: …").
var promoLinks = []string{"read more:", "related:", "also read:", "read also:", "see also:", "read next:", "more:", "recommended:"}

// promoFrom start a heading naming a site or section ("More from The Verge").
var promoFrom = []string{"more from ", "more on ", "more in ", "more stories from ", "more news from "}

// promoCalls are asked of the reader in a promo line, anywhere in it.
var promoCalls = []string{
	"follow us on", "get your daily dose", "download our app", "download the app", "sign up for our", "subscribe to our",
	"click here to", "connect with us", "like us on facebook", "join us on",
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isPromo reports whether a line opens (or belongs to) a promotional block.
func isPromo(l *Line) bool {
	if l.Key == "" {
		return false
	}
	if l.Full && promoHeadings[l.Key] {
		return true
	}
	for _, p := range promoLinks {
		if strings.HasPrefix(l.Key, p) {
			return true
		}
	}
	if l.Words <= 8 {
		for _, p := range promoFrom {
			if strings.HasPrefix(l.Key, p) {
				return true
			}
		}
	}
	// The calls may be anywhere in the line: the whole of it, in lower
	// case (trailingPromo looks at a dozen lines a document).
	lower := l.Key
	if !l.Full {
		lower = strings.ToLower(l.Text)
	}
	for _, p := range promoCalls {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// trailingPromo is the trailing-promo rule.
func trailingPromo(st *state, ls []string) []string {
	cut, seen := -1, 0
	for i := len(ls) - 1; i >= 0 && seen < promoTailLines; i-- {
		if ls[i] == "" {
			continue
		}
		seen++
		l := st.line(ls[i])
		if isPromo(l) {
			cut = i
			continue
		}
		if l.Key == "" || l.Words > promoLineWords {
			break // a paragraph: the tail ends here
		}
	}
	if cut < 0 {
		return ls
	}
	return ls[:cut]
}

// blankLines is the blank-lines rule.
func blankLines(_ *state, ls []string) []string {
	out := ls[:0]
	for _, l := range ls {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
