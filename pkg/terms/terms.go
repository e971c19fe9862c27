// Package terms counts the words and n-grams of documents (a frequency
// list) and compares two selections by keyness (log-likelihood).
//
// Words are those of pkg/tokens, counted folded (tokens.Fold), in the
// title, excerpt and body (the cleaned body, as the caller gives it). An
// n-gram is n words in a row within one sentence: it never spans two
// fields, a line break, or a sentence or clause end (. ! ? ; : between two
// words). Stop words are left out: a word that is one, an n-gram that
// starts or ends with one ("of the", "in new york" are left out, "state of
// the art" is kept).
package terms

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/tokens"
)

// MaxN is the longest n-gram counted.
const MaxN = 5

//go:embed stopwords.txt
var defaultStopWords string

// StopWords is a set of folded words.
type StopWords map[string]struct{}

// DefaultStopWords is the English list embedded in seedscope
// (stopwords.txt: NLTK's 179 words).
func DefaultStopWords() StopWords {
	s, _ := ReadStopWords(strings.NewReader(defaultStopWords))
	return s
}

// ReadStopWords reads a stop-word list: the words of each line (folded),
// lines starting with # left out.
func ReadStopWords(r io.Reader) (StopWords, error) {
	s := StopWords{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			continue
		}
		for t := range tokens.Words(line) {
			s[tokens.Fold(t.Text)] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading stop words: %w", err)
	}
	return s, nil
}

// Options tune Count.
type Options struct {
	// N is the number of words of a term (1: words; 2: bigrams…).
	N int
	// Stop words are left out (nil: none).
	Stop StopWords
	// Body is the body text counted (the cleaned body); nil: as loaded.
	Body func(*corpus.Document) string
	// Workers count documents in parallel (0: one per CPU). The result
	// does not depend on it.
	Workers int
}

// Counts are the terms of a selection of documents.
type Counts struct {
	// Words is the number of words counted (stop words too): the base of
	// per-million rates.
	Words int64
	// Docs is the number of documents counted.
	Docs  int
	terms map[string]*entry
}

type entry struct {
	count, docs int64
}

// Count counts the terms of docs. Memory is one entry per distinct term
// per worker (a few dozen bytes and the term's text), merged at the end.
func Count(docs []*corpus.Document, o Options) *Counts {
	n := max(o.N, 1)
	body := o.Body
	if body == nil {
		body = func(d *corpus.Document) string { return d.Body }
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const block = 32
	workers = max(1, min(workers, (len(docs)+block-1)/block))
	counters := make([]*counter, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range counters {
		c := &counter{n: n, stop: o.Stop, index: map[string]int32{}, window: make([][]byte, n)}
		counters[w] = c
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(block)) - block
				if lo >= len(docs) {
					return
				}
				for i := lo; i < min(lo+block, len(docs)); i++ {
					d := docs[i]
					c.doc = int32(i)
					for _, s := range [...]string{d.Title, d.Excerpt, body(d)} {
						c.add(s)
					}
				}
			}
		}()
	}
	wg.Wait()
	out := &Counts{Docs: len(docs), terms: make(map[string]*entry, len(counters[0].index))}
	for _, c := range counters {
		out.Words += c.words
		for term, i := range c.index {
			e := c.entries[i]
			if t, ok := out.terms[term]; ok {
				t.count += e.count
				t.docs += e.docs
			} else {
				out.terms[term] = &entry{count: e.count, docs: e.docs}
			}
		}
	}
	return out
}

// counter counts the terms of the documents one worker reads.
type counter struct {
	n     int
	stop  StopWords
	words int64
	index map[string]int32
	// entries are the counts of index's terms; last is the document an
	// entry was last counted in (its document frequency counts once).
	entries []struct {
		entry
		last int32
	}
	doc int32
	// window holds the last words of the sentence (folded), size of them
	// from start on (a ring of n); key is where a term's text is built.
	window      [][]byte
	start, size int
	key         []byte
}

// add counts the terms of one text of the current document.
func (c *counter) add(s string) {
	c.start, c.size = 0, 0
	lastEnd := 0
	for t := range tokens.Words(s) {
		c.words++
		if c.n == 1 {
			c.key = appendFold(c.key[:0], t.Text)
			if _, stop := c.stop[string(c.key)]; !stop {
				c.count(c.key)
			}
			continue
		}
		if c.size > 0 && breaks(s[lastEnd:t.Start]) {
			c.start, c.size = 0, 0
		}
		lastEnd = t.End
		if c.size == c.n {
			c.start = (c.start + 1) % c.n
			c.size--
		}
		i := (c.start + c.size) % c.n
		c.window[i] = appendFold(c.window[i][:0], t.Text)
		c.size++
		if c.size < c.n {
			continue
		}
		first, last := c.window[c.start], c.window[(c.start+c.n-1)%c.n]
		if _, stop := c.stop[string(first)]; stop {
			continue
		}
		if _, stop := c.stop[string(last)]; stop {
			continue
		}
		c.key = c.key[:0]
		for j := range c.n {
			if j > 0 {
				c.key = append(c.key, ' ')
			}
			c.key = append(c.key, c.window[(c.start+j)%c.n]...)
		}
		c.count(c.key)
	}
}

// count adds one occurrence of the term key.
func (c *counter) count(key []byte) {
	i, ok := c.index[string(key)]
	if !ok {
		i = int32(len(c.entries))
		c.index[string(key)] = i
		c.entries = append(c.entries, struct {
			entry
			last int32
		}{last: -1})
	}
	e := &c.entries[i]
	e.count++
	if e.last != c.doc {
		e.docs++
		e.last = c.doc
	}
}

// breaks reports whether the text between two words ends a sentence, a
// clause or a line.
func breaks(gap string) bool {
	return strings.ContainsAny(gap, ".!?;:\n\r")
}

// appendFold appends tokens.Fold(w) to b, without allocating for ASCII.
func appendFold(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(b, tokens.Fold(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// Term is one term of a frequency list.
type Term struct {
	Term string
	// Count is the term's occurrences, Documents the documents it is in.
	Count, Documents int64
	// PerMillion is Count per million words counted.
	PerMillion float64
}

// List returns the terms counted at least minCount times, most frequent
// first, ties by term.
func (c *Counts) List(minCount int64) []Term {
	out := make([]Term, 0, len(c.terms))
	for t, e := range c.terms {
		if e.count >= minCount {
			out = append(out, Term{Term: t, Count: e.count, Documents: e.docs, PerMillion: perMillion(e.count, c.Words)})
		}
	}
	slices.SortFunc(out, func(a, b Term) int {
		if a.Count != b.Count {
			if a.Count > b.Count {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out
}

// Len is the number of distinct terms.
func (c *Counts) Len() int { return len(c.terms) }

func perMillion(n, words int64) float64 {
	if words == 0 {
		return 0
	}
	return float64(n) * 1e6 / float64(words)
}

// KeyTerm is a term of a selection compared with a reference.
type KeyTerm struct {
	Term string
	// Count, Documents and PerMillion are in the selection; Ref* in the
	// reference.
	Count, Documents       int64
	RefCount, RefDocuments int64
	PerMillion             float64
	RefPerMillion          float64
	// LogLikelihood is G2 (Rayson & Garside 2000); LogRatio the binary
	// log of the ratio of the relative frequencies (Hardie 2014), a zero
	// count taken as 0.5.
	LogLikelihood, LogRatio float64
	// Over: the term is relatively more frequent in the selection.
	Over bool
}

// Use is "over" when the term is more frequent in the selection than in
// the reference (relatively), "under" otherwise.
func (k KeyTerm) Use() string {
	if k.Over {
		return "over"
	}
	return "under"
}

// Compare returns the terms of target and ref counted together at least
// minCount times, by keyness: the terms over-used in target by
// log-likelihood descending, then the under-used ones by log-likelihood
// ascending (the most under-used last); ties by term.
func Compare(target, ref *Counts, minCount int64) []KeyTerm {
	var out []KeyTerm
	add := func(t string, a, b *entry) {
		var k KeyTerm
		k.Term = t
		if a != nil {
			k.Count, k.Documents = a.count, a.docs
		}
		if b != nil {
			k.RefCount, k.RefDocuments = b.count, b.docs
		}
		if k.Count+k.RefCount < minCount {
			return
		}
		k.PerMillion, k.RefPerMillion = perMillion(k.Count, target.Words), perMillion(k.RefCount, ref.Words)
		k.LogLikelihood = LogLikelihood(k.Count, k.RefCount, target.Words, ref.Words)
		k.LogRatio = LogRatio(k.Count, k.RefCount, target.Words, ref.Words)
		k.Over = float64(k.Count)*float64(ref.Words) > float64(k.RefCount)*float64(target.Words)
		out = append(out, k)
	}
	for t, a := range target.terms {
		add(t, a, ref.terms[t])
	}
	for t, b := range ref.terms {
		if _, ok := target.terms[t]; !ok {
			add(t, nil, b)
		}
	}
	slices.SortFunc(out, func(a, b KeyTerm) int {
		switch {
		case a.Over != b.Over:
			if a.Over {
				return -1
			}
			return 1
		case a.LogLikelihood != b.LogLikelihood:
			if (a.LogLikelihood > b.LogLikelihood) == a.Over {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out
}

// LogLikelihood is G2 for a term seen a times in a corpus of c words and
// b times in one of d words (Rayson & Garside 2000):
// 2·(a·ln(a/E1) + b·ln(b/E2)), E1 = c·(a+b)/(c+d), E2 = d·(a+b)/(c+d),
// a zero count adding nothing.
func LogLikelihood(a, b, c, d int64) float64 {
	if c+d == 0 || a+b == 0 {
		return 0
	}
	n := float64(a + b)
	e1 := float64(c) * n / float64(c+d)
	e2 := float64(d) * n / float64(c+d)
	g := 0.0
	if a > 0 {
		g += float64(a) * math.Log(float64(a)/e1)
	}
	if b > 0 {
		g += float64(b) * math.Log(float64(b)/e2)
	}
	return 2 * g
}

// LogRatio is log2 of (a/c)/(b/d), a zero count taken as 0.5 (Hardie
// 2014); 0 when a corpus is empty.
func LogRatio(a, b, c, d int64) float64 {
	if c == 0 || d == 0 {
		return 0
	}
	fa, fb := float64(a), float64(b)
	if a == 0 {
		fa = 0.5
	}
	if b == 0 {
		fb = 0.5
	}
	return math.Log2((fa / float64(c)) / (fb / float64(d)))
}
