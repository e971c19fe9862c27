package corpus

import (
	"slices"
	"sort"
	"sync"
	"unicode/utf8"
)

// MinShortID is the fewest characters an abbreviated id keeps (as git
// abbreviates hashes to 7): a shorter prefix, unique today, would become
// ambiguous as soon as a few documents are added. An id this short or
// shorter is shown whole.
const MinShortID = 7

// ShortIDs abbreviates the ids of a corpus, as git abbreviates hashes: each
// to its shortest prefix that Find resolves to that document alone (at
// least MinShortID characters, never cut inside a character). Uniqueness is
// against every id given, not only those shown. An id that is a prefix of
// another is kept whole: Find prefers an exact id to a prefix. The ids are
// sorted once, on the first call of Short; each Short is then a binary
// search.
type ShortIDs struct {
	once   sync.Once
	ids    func() []string
	sorted []string
}

// NewShortIDs abbreviates ids against the documents docs (a whole
// corpus, not only the documents shown).
func NewShortIDs(docs []*Document) *ShortIDs {
	return &ShortIDs{ids: func() []string {
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		return ids
	}}
}

// Short returns id's shortest unique form; an id that is not one of the
// corpus's is returned as it is.
func (s *ShortIDs) Short(id string) string {
	s.once.Do(func() {
		s.sorted = s.ids()
		slices.Sort(s.sorted)
	})
	i := sort.SearchStrings(s.sorted, id)
	if i == len(s.sorted) || s.sorted[i] != id {
		return id
	}
	return abbreviate(s.sorted, i)
}

// ShortestUnique returns the shortest unique form of each id (see
// ShortIDs), in the order given.
func ShortestUnique(ids []string) []string {
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ids[order[a]] < ids[order[b]] })
	sorted := make([]string, len(ids))
	for k, i := range order {
		sorted[k] = ids[i]
	}
	out := make([]string, len(ids))
	for k, i := range order {
		out[i] = abbreviate(sorted, k)
	}
	return out
}

// abbreviate returns the shortest prefix of sorted[i] that no other id of
// sorted has: one byte more than it shares with either sorted neighbour
// (the ids sharing a prefix are contiguous once sorted), extended to
// MinShortID characters and to a character boundary. An id equal to or a
// prefix of its neighbour stays whole.
func abbreviate(sorted []string, i int) string {
	id := sorted[i]
	n := 0
	if i > 0 {
		n = commonPrefix(sorted[i-1], id)
	}
	if i+1 < len(sorted) {
		n = max(n, commonPrefix(id, sorted[i+1]))
	}
	n++
	// At least MinShortID characters.
	m, chars := 0, 0
	for m < len(id) && chars < MinShortID {
		_, size := utf8.DecodeRuneInString(id[m:])
		m += size
		chars++
	}
	n = max(n, m)
	for n < len(id) && !utf8.RuneStart(id[n]) {
		n++
	}
	if n >= len(id) {
		return id
	}
	return id[:n]
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// ShortIDsOf abbreviates ids against the ids given (every id of a
// corpus, not only those shown), for a caller that keeps the ids but not
// the documents.
func ShortIDsOf(ids []string) *ShortIDs {
	return &ShortIDs{ids: func() []string { return ids }}
}
