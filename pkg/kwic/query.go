// Package kwic finds a word or a phrase in documents and shows each hit in
// its context (keyword in context, a concordance). A hit is a run of
// consecutive words (pkg/tokens) equal, once folded (tokens.Fold), to the
// words of the query: "police" finds "Police" and "police's" not, "law
// enforcement" finds "law\nenforcement" and "Law  Enforcement". The same
// matching decides list's --grep -w, so that the two always agree.
package kwic

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/tokens"
)

// Query is a word or a phrase: the folded words a hit must consist of.
type Query struct {
	words []string
	// fail is the failure function of the words (Knuth–Morris–Pratt), so
	// that finding a phrase of any length takes one pass over the text.
	fail []int
	// probe is a piece of plain ASCII every matching text holds, in any
	// case: texts without it are not tokenized (see mayContain).
	probe string
	// special: a matching text may spell the probe with the Kelvin sign or
	// the dotted capital I, which fold to ASCII.
	special bool
}

// ErrNoWord is the error of a query that holds no word.
var ErrNoWord = errors.New("no word to look for (a word holds a letter or a digit)")

// Parse reads a word or a phrase: its words, folded.
func Parse(s string) (*Query, error) {
	q := &Query{}
	for t := range tokens.Words(s) {
		q.words = append(q.words, tokens.Fold(t.Text))
	}
	if len(q.words) == 0 {
		return nil, ErrNoWord
	}
	q.fail = make([]int, len(q.words))
	for i, k := 1, 0; i < len(q.words); i++ {
		for k > 0 && q.words[i] != q.words[k] {
			k = q.fail[k-1]
		}
		if q.words[i] == q.words[k] {
			k++
		}
		q.fail[i] = k
	}
	for _, w := range q.words {
		for _, run := range asciiRuns(w) {
			if len(run) > len(q.probe) {
				q.probe = run
			}
		}
	}
	q.special = strings.ContainsAny(q.probe, "ki")
	return q, nil
}

// String is the query's words, folded, one space apart.
func (q *Query) String() string { return strings.Join(q.words, " ") }

// Len is the number of words of the query.
func (q *Query) Len() int { return len(q.words) }

// asciiRuns are the longest runs of ASCII bytes of w other than the
// apostrophe (which may be written ’).
func asciiRuns(w string) []string {
	var runs []string
	start := -1
	for i := 0; i <= len(w); i++ {
		if i < len(w) && w[i] < utf8.RuneSelf && w[i] != '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			runs = append(runs, w[start:i])
			start = -1
		}
	}
	return runs
}

// mayContain reports whether s may hold a hit: it holds the probe in any
// ASCII case. Folding maps a rune to ASCII only from ASCII, the Kelvin
// sign (to k) and the dotted capital I (to i), so a text that holds none
// of them cannot match.
func (q *Query) mayContain(s string) bool {
	if q.probe == "" || containsASCIIFold(s, q.probe) {
		return true
	}
	return q.special && (strings.Contains(s, "\u212a") || strings.Contains(s, "\u0130"))
}

// containsASCIIFold reports whether s holds p (lower-case ASCII) in any
// ASCII case, in time linear in s.
func containsASCIIFold(s, p string) bool {
	if len(p) == 0 {
		return true
	}
	lo, up := p[0], p[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	last := len(s) - len(p)  // the last start that fits
	nextLo, nextUp := -1, -1 // the next position of each case, once found
	for i := 0; i <= last; {
		if nextLo < i {
			if nextLo = strings.IndexByte(s[i:last+1], lo); nextLo >= 0 {
				nextLo += i
			} else {
				nextLo = len(s)
			}
		}
		if nextUp < i {
			if nextUp = strings.IndexByte(s[i:last+1], up); nextUp >= 0 {
				nextUp += i
			} else {
				nextUp = len(s)
			}
		}
		i = min(nextLo, nextUp)
		if i > last {
			return false
		}
		if hasPrefixASCIIFold(s[i:], p) {
			return true
		}
		i++
	}
	return false
}

// hasPrefixASCIIFold reports whether s, at least as long as p, starts with
// p (lower-case ASCII) in any ASCII case.
func hasPrefixASCIIFold(s, p string) bool {
	for j := 0; j < len(p); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[j] {
			return false
		}
	}
	return true
}

// equalFold reports whether tokens.Fold(t) == w, without allocating for
// an ASCII word.
func equalFold(t, w string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return tokens.Fold(t) == w
		}
	}
	return len(t) == len(w) && hasPrefixASCIIFold(t, w)
}

// Match is one hit in a text: s[Start:End] runs from the first word of
// the hit to its last. Before and After are the words just before and
// after it, as written ("" at the edge of the text).
type Match struct {
	Start, End    int
	Before, After string
}

// Find calls fn with each hit in s, in order, until fn returns false.
// Hits do not overlap: after a hit, the search goes on from its end (as
// grep -o). Time is linear in s whatever the query.
func (q *Query) Find(s string, fn func(Match) bool) {
	if !q.mayContain(s) {
		return
	}
	n := len(q.words)
	// The last n+1 words, by their position in the text modulo n+1: the
	// words of a hit and the one before it.
	ring := make([]tokens.Token, n+1)
	var pending *Match
	pendingM := Match{}
	k, i := 0, 0
	for t := range tokens.Words(s) {
		if pending != nil {
			pending.After = t.Text
			if !fn(*pending) {
				return
			}
			pending = nil
		}
		ring[i%(n+1)] = t
		for k > 0 && !equalFold(t.Text, q.words[k]) {
			k = q.fail[k-1]
		}
		if equalFold(t.Text, q.words[k]) {
			k++
		}
		if k == n {
			first := i - n + 1
			pendingM = Match{Start: ring[first%(n+1)].Start, End: t.End}
			if first > 0 {
				pendingM.Before = ring[(first-1)%(n+1)].Text
			}
			pending = &pendingM
			k = 0
		}
		i++
	}
	if pending != nil {
		fn(*pending)
	}
}

// Count returns the number of hits in s.
func (q *Query) Count(s string) int {
	n := 0
	q.Find(s, func(Match) bool { n++; return true })
	return n
}

// In reports whether s holds a hit.
func (q *Query) In(s string) bool {
	found := false
	q.Find(s, func(Match) bool { found = true; return false })
	return found
}
