package search

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/parallel"
	"github.com/seedscope/seedscope/pkg/tokens"
)

// Span is the byte range [Start, End) of a matched word in a text.
type Span struct{ Start, End int }

// Result is a hit as search prints it: its rank, its title's matched
// words, and a snippet of its text around the best match.
type Result struct {
	Hit
	// Rank is the hit's place, from 1.
	Rank int
	// TitleMarks are the matched words of the title.
	TitleMarks []Span
	// Snippet is a passage of the cleaned body (or of the excerpt, when
	// the body holds no term) around the best match: SnippetWords words,
	// with … where the text goes on; whitespace runs are one space.
	Snippet string
	// SnippetMarks are the matched words of the snippet.
	SnippetMarks []Span
}

// SnippetWords is how many words a snippet holds.
const SnippetWords = 24

// snippetLead is how many words a snippet shows before its first match.
const snippetLead = 3

// maxSnippetBytes bounds a snippet of very long words.
const maxSnippetBytes = 600

const ellipsis = "…"

// Results ranks hits (in their order) and finds their snippets, in
// parallel; the result does not depend on o.Workers. It stops early when
// ctx is done, with ctx's error.
func Results(ctx context.Context, q *Query, hits []Hit, body Text, o Options) ([]Result, error) {
	out := make([]Result, len(hits))
	m := newMatcher(q)
	snippers := make([]*snipper, parallel.Workers(o.Workers, len(hits), 1))
	for w := range snippers {
		snippers[w] = m.newSnipper()
	}
	err := parallel.For(ctx, o.Workers, len(hits), 1, func(w, i int) {
		s := snippers[w]
		h := hits[i]
		r := Result{Hit: h, Rank: i + 1}
		r.TitleMarks = s.marks(Title, h.Doc.Title)
		b := body(h.Doc)
		var ok bool
		if r.Snippet, r.SnippetMarks, ok = s.snippet(Body, b); !ok {
			if r.Snippet, r.SnippetMarks, ok = s.snippet(Excerpt, h.Doc.Excerpt); !ok {
				text := b
				if strings.TrimSpace(text) == "" {
					text = h.Doc.Excerpt
				}
				r.Snippet, r.SnippetMarks = s.passage(text, 0, SnippetWords, nil)
			}
		}
		out[i] = r
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// snipper finds the matched words of texts; one per worker.
type snipper struct {
	m *matcher
	// allowed[id] are the fields in which the word is a match: those of
	// the terms that are not excluded and hold it.
	allowed []fieldMask
	// phrases[id] lists the phrases (not excluded) that end with the
	// word.
	phrases [][]int
	fold    []byte
	hits    []wordHit
	starts  []int
	ring    ring
	seen    []int
}

// wordHit is a matched word of a text: its place among the words, its
// id, its bytes.
type wordHit struct {
	k, id      int
	start, end int
}

func (m *matcher) newSnipper() *snipper {
	s := &snipper{m: m, allowed: make([]fieldMask, len(m.ids)), phrases: make([][]int, len(m.ids)), seen: make([]int, len(m.ids))}
	for i, t := range m.q.Terms {
		if t.Exclude {
			continue
		}
		for _, id := range m.words[i] {
			s.allowed[id] |= t.fields
		}
		if t.Phrase {
			last := m.words[i][len(m.words[i])-1]
			s.phrases[last] = append(s.phrases[last], i)
		}
	}
	return s
}

// scan finds the matched words of a field's text, and where the phrases
// found start (as word places).
func (s *snipper) scan(f Field, text string) {
	s.hits, s.starts = s.hits[:0], s.starts[:0]
	n := 0
	for tok := range tokens.Words(text) {
		id := s.m.id(tok.Text, &s.fold)
		s.ring[n%ringSize] = id
		n++
		if id < 0 || !s.allowed[id].has(f) {
			continue
		}
		s.hits = append(s.hits, wordHit{k: n - 1, id: int(id), start: tok.Start, end: tok.End})
		for _, t := range s.phrases[id] {
			ws := s.m.words[t]
			if s.m.q.Terms[t].fields.has(f) && len(ws) <= n && s.ring.follows(ws, n) {
				s.starts = append(s.starts, n-len(ws))
			}
		}
	}
}

// marks returns the matched words of a field's text.
func (s *snipper) marks(f Field, text string) []Span {
	s.scan(f, text)
	var out []Span
	for _, h := range s.hits {
		out = append(out, Span{h.start, h.end})
	}
	return out
}

// snippet returns the best passage of a field's text, false when the text
// holds no matched word. The best passage of SnippetWords words holds the
// most distinct words of the query, then the most phrases, then the most
// matched words, then comes first; it starts snippetLead words before its
// first match.
func (s *snipper) snippet(f Field, text string) (string, []Span, bool) {
	s.scan(f, text)
	if len(s.hits) == 0 {
		return "", nil, false
	}
	clear(s.seen)
	best, bestScore := 0, [3]int{-1}
	distinct, lo, hi, plo, phi := 0, 0, 0, 0, 0
	for _, h := range s.hits {
		from := max(0, h.k-snippetLead)
		to := from + SnippetWords
		for hi < len(s.hits) && s.hits[hi].k < to {
			if s.seen[s.hits[hi].id]++; s.seen[s.hits[hi].id] == 1 {
				distinct++
			}
			hi++
		}
		for lo < hi && s.hits[lo].k < from {
			if s.seen[s.hits[lo].id]--; s.seen[s.hits[lo].id] == 0 {
				distinct--
			}
			lo++
		}
		for phi < len(s.starts) && s.starts[phi] < to {
			phi++
		}
		for plo < phi && s.starts[plo] < from {
			plo++
		}
		score := [3]int{distinct, phi - plo, hi - lo}
		if score[0] > bestScore[0] || score[0] == bestScore[0] && (score[1] > bestScore[1] || score[1] == bestScore[1] && score[2] > bestScore[2]) {
			best, bestScore = from, score
		}
	}
	text2, marks := s.passage(text, best, SnippetWords, s.hits)
	return text2, marks, true
}

// passage returns the words [from, from+n) of text, with the hits among
// them as marks in the passage: … before when words come before, after
// when words follow, whitespace runs as one space, at most
// maxSnippetBytes of the text.
func (s *snipper) passage(text string, from, n int, hits []wordHit) (string, []Span) {
	start, end, k, more := -1, -1, 0, false
	for tok := range tokens.Words(text) {
		if k >= from+n {
			more = true
			break
		}
		if k == from {
			start = tok.Start
		}
		if k >= from {
			end = tok.End
		}
		k++
	}
	if start < 0 {
		return "", nil
	}
	// The punctuation that ends the last word's sentence or clause (the
	// text's end when no word follows: "…" that ends an excerpt).
	if !more {
		end = max(end, len(strings.TrimRightFunc(text, unicode.IsSpace)))
	}
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		end += size
	}
	if end-start > maxSnippetBytes {
		end = start + maxSnippetBytes
		for end > start && !utf8.RuneStart(text[end]) {
			end--
		}
		more = true
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString(ellipsis)
	}
	var marks []Span
	at := start
	for _, h := range hits {
		if h.start < start || h.end > end {
			continue
		}
		writeCollapsed(&b, text[at:h.start])
		m := Span{Start: b.Len()}
		b.WriteString(text[h.start:h.end])
		m.End = b.Len()
		marks = append(marks, m)
		at = h.end
	}
	writeCollapsed(&b, text[at:end])
	if more {
		b.WriteString(ellipsis)
	}
	return b.String(), marks
}

// writeCollapsed writes s with each run of white space as one space.
func writeCollapsed(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}
