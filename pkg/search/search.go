package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/parallel"
	"github.com/seedscope/seedscope/pkg/tokens"
)

// The ranking: BM25F (Robertson and Zaragoza's BM25 over several fields)
// with the usual constants. A term's frequency in a document is the sum
// over the fields it may match of Weights[field] × its count in the field,
// each count normalised by the field's length against the field's average
// length over the documents searched (B); the sum saturates with K1:
//
//	tf(t, d)  = Σ_f W_f · n_f(t, d) / (1 − B + B · len_f(d) / avglen_f)
//	idf(t)    = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
//	score(d)  = Σ_t idf(t) · tf(t, d) · (K1 + 1) / (K1 + tf(t, d))
//
// N is the number of documents searched (those the filters and the
// field:value clauses select, excluded ones included) and df(t) how many
// of them hold t. A phrase is a term of its own (its count is how often
// its words follow each other) and each of its words is a term too, so a
// document with the words but not the phrase is found, below.
const (
	K1 = 1.2
	B  = 0.75
)

// Weights are the weights of the fields in a term's frequency: a word in
// the title counts three times one in the body, one in the excerpt twice,
// one in the URL (its slug) as one in the body.
var Weights = [numFields]float64{Title: 3, Excerpt: 2, Body: 1, URL: 1}

// Hit is a document found, with its score.
type Hit struct {
	Doc *corpus.Document
	// Score is the document's BM25F score.
	Score float64
	// Phrases is how many of the query's phrases the document holds: a
	// document holding more ranks first, whatever the scores.
	Phrases int
	// Matched are the query's terms the document holds (Term.Text), in
	// the query's order.
	Matched []string
}

// Text returns a document's fields as Search reads them: the body is
// the cleaned body (clean.Cleaner.Body).
type Text func(d *corpus.Document) string

// Options tune Search.
type Options struct {
	// Workers is how many documents are read at once; 0 is GOMAXPROCS.
	// The result does not depend on it.
	Workers int
}

// chunk is how many documents a worker takes at a time.
const chunk = 64

// Search ranks the documents that pass the query's field clauses and
// hold one of its words or phrases, none of its excluded terms: the
// documents with the most phrases first, then by score, then by id. It
// stops early when ctx is done, with ctx's error.
func Search(ctx context.Context, q *Query, docs []*corpus.Document, body Text, o Options) ([]Hit, error) {
	m := newMatcher(q)
	// founds holds each chunk's documents, in order: a chunk is one
	// worker's (parallel.For).
	founds := make([][]found, (len(docs)+chunk-1)/chunk)
	stats := make([]collection, parallel.Workers(o.Workers, len(docs), chunk))
	counters := make([]*counter, len(stats))
	for w := range stats {
		stats[w].df = make([]int64, len(q.Terms))
		counters[w] = m.newCounter()
	}
	err := parallel.For(ctx, o.Workers, len(docs), chunk, func(w, i int) {
		d := docs[i]
		if !q.Match(d) {
			return
		}
		c := counters[w]
		c.count(d, body)
		if f, ok := m.collect(c, &stats[w]); ok {
			f.doc = d
			founds[i/chunk] = append(founds[i/chunk], f)
		}
	})
	if err != nil {
		return nil, err
	}
	// Integer sums: the same whatever the order the workers ran in.
	total := collection{df: make([]int64, len(q.Terms))}
	for _, st := range stats {
		total.n += st.n
		for f := range numFields {
			total.length[f] += st.length[f]
		}
		for i, n := range st.df {
			total.df[i] += n
		}
	}
	s := newScorer(q, &total)
	var hits []Hit
	for _, fs := range founds {
		for _, f := range fs {
			hits = append(hits, s.hit(f))
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Phrases, a.Phrases); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc.ID, b.Doc.ID)
	})
	return hits, nil
}

// collection are the statistics of the documents searched.
type collection struct {
	n      int64
	length [numFields]int64
	df     []int64
}

// found is a document holding a term of the query: its fields' lengths
// and the terms' counts in each field.
type found struct {
	doc    *corpus.Document
	length [numFields]int32
	counts []int32 // term i, field f at i*numFields+f
}

// matcher finds the terms of a query in text.
type matcher struct {
	q *Query
	// ids numbers the distinct words of the query.
	ids map[string]int32
	// ending lists, for each word id, the terms whose last word it is.
	ending [][]int
	// words are the ids of each term's words.
	words [][]int32
	// maxLen is the most words of a term.
	maxLen int
	// lengths has bit n set when a word of the query is n bytes long
	// (n < 64; bit 63 for longer ones): most ASCII words of a text are
	// told apart by their length alone, without a map look-up.
	lengths uint64
}

func newMatcher(q *Query) *matcher {
	m := &matcher{q: q, ids: map[string]int32{}, words: make([][]int32, len(q.Terms))}
	for i, t := range q.Terms {
		for _, w := range t.Words {
			id, ok := m.ids[w]
			if !ok {
				id = int32(len(m.ids))
				m.ids[w] = id
				m.ending = append(m.ending, nil)
			}
			m.words[i] = append(m.words[i], id)
			m.lengths |= lengthBit(len(w))
		}
		last := m.words[i][len(m.words[i])-1]
		m.ending[last] = append(m.ending[last], i)
		m.maxLen = max(m.maxLen, len(t.Words))
	}
	return m
}

// ringSize holds the ids of the last words read, enough for the longest
// phrase (MaxWords); a power of two.
const ringSize = 64

// ring holds the ids of the last ringSize words read: word n at n%ringSize.
type ring [ringSize]int32

// follows reports whether the last len(ws) words read (n in all) are ws.
// The last word is not compared: the caller has matched it.
func (r *ring) follows(ws []int32, n int) bool {
	for k := len(ws) - 2; k >= 0; k-- {
		n--
		if r[(n-1)%ringSize] != ws[k] {
			return false
		}
	}
	return true
}

// counter counts a query's terms in one document at a time; one per
// worker.
type counter struct {
	m      *matcher
	length [numFields]int32
	counts []int32
	ring   ring
	fold   []byte
}

func (m *matcher) newCounter() *counter {
	return &counter{m: m, counts: make([]int32, len(m.q.Terms)*int(numFields))}
}

// count reads d's fields.
func (c *counter) count(d *corpus.Document, body Text) {
	clear(c.counts)
	c.length = [numFields]int32{}
	c.field(Title, d.Title)
	c.field(Excerpt, d.Excerpt)
	c.field(Body, body(d))
	c.field(URL, d.URL)
}

// field counts the terms in one field's text.
func (c *counter) field(f Field, s string) {
	n := 0
	for tok := range tokens.Words(s) {
		id := c.m.id(tok.Text, &c.fold)
		c.ring[n%ringSize] = id
		n++
		if id < 0 {
			continue
		}
		for _, t := range c.m.ending[id] {
			ws := c.m.words[t]
			if len(ws) > n || !c.ring.follows(ws, n) {
				continue
			}
			c.counts[t*int(numFields)+int(f)]++
		}
	}
	c.length[f] = int32(min(n, math.MaxInt32))
}

// id is the id of a word of the text, -1 when the query does not have
// it. An ASCII word is folded in buf (tokens.Fold lower-cases it, as
// here) without allocating.
func (m *matcher) id(w string, buf *[]byte) int32 {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		if id, ok := m.ids[tokens.Fold(w)]; ok {
			return id
		}
		return -1
	}
	if m.lengths&lengthBit(len(w)) == 0 {
		return -1
	}
	b := (*buf)[:0]
	for i := 0; i < len(w); i++ {
		ch := w[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b = append(b, ch)
	}
	*buf = b
	if id, ok := m.ids[string(b)]; ok {
		return id
	}
	return -1
}

func lengthBit(n int) uint64 { return 1 << min(n, 63) }

// collect adds the document just counted to the statistics and, when it
// is a hit (a term found, no excluded one), returns its counts.
func (m *matcher) collect(c *counter, st *collection) (found, bool) {
	st.n++
	for f := range numFields {
		st.length[f] += int64(c.length[f])
	}
	hit, excluded := false, false
	for i, t := range m.q.Terms {
		if !c.holds(i, t.fields) {
			continue
		}
		st.df[i]++
		if t.Exclude {
			excluded = true
		} else {
			hit = true
		}
	}
	if !hit || excluded {
		return found{}, false
	}
	return found{length: c.length, counts: slices.Clone(c.counts)}, true
}

// holds reports whether term i was counted in one of the fields.
func (c *counter) holds(i int, fields fieldMask) bool {
	for f := range numFields {
		if fields.has(f) && c.counts[i*int(numFields)+int(f)] > 0 {
			return true
		}
	}
	return false
}

// scorer scores documents against the statistics of a collection.
type scorer struct {
	q      *Query
	idf    []float64
	avgLen [numFields]float64
}

func newScorer(q *Query, st *collection) *scorer {
	s := &scorer{q: q, idf: make([]float64, len(q.Terms))}
	for f := range numFields {
		if st.n > 0 {
			s.avgLen[f] = float64(st.length[f]) / float64(st.n)
		}
	}
	for i := range q.Terms {
		s.idf[i] = IDF(st.n, st.df[i])
	}
	return s
}

// IDF is a term's inverse document frequency among n documents, df of
// which hold it (never negative).
func IDF(n, df int64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func (s *scorer) hit(f found) Hit {
	h := Hit{Doc: f.doc}
	for i, t := range s.q.Terms {
		if t.Exclude {
			continue
		}
		tf := 0.0
		for fl := range numFields {
			n := f.counts[i*int(numFields)+int(fl)]
			if n == 0 || !t.fields.has(fl) {
				continue
			}
			norm := 1.0
			if s.avgLen[fl] > 0 {
				norm = 1 - B + B*float64(f.length[fl])/s.avgLen[fl]
			}
			tf += Weights[fl] * float64(n) / norm
		}
		if tf == 0 {
			continue
		}
		h.Score += s.idf[i] * tf * (K1 + 1) / (K1 + tf)
		h.Matched = append(h.Matched, t.Text)
		if t.Phrase {
			h.Phrases++
		}
	}
	return h
}
