// Package clean turns the body of a scraped plain-text document into the
// text the reading views count: web boilerplate removed, broken entities
// repaired, white space normalised. Front-matter bodies are the author's
// own text and are kept as they are.
//
// The rules are data, listed in Rules (package rules holds them, so that
// the loader shares them) and documented in docs/cleaning.md. Per-document
// rules need only the document; lines repeated across many documents of
// one corpus need the corpus, so a Cleaner learns them first.
package clean

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/clean/rules"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// Rules is every cleaning rule, in the order they apply within a stage.
var Rules = rules.All

// Cleaner cleans the bodies of one corpus.
type Cleaner struct {
	// repeated holds the lines the repeated-lines rule drops.
	repeated map[string]bool
}

// New learns what the plain-text documents of one corpus share: the lines
// the repeated-lines rule drops (see rules.RepeatedMinDocs). Learn it from
// the whole loaded corpus, not only the documents a filter selects, so
// that a filter never changes a document's cleaned text. It is
// deterministic: the same documents give the same Cleaner in any order.
func New(docs []*corpus.Document) *Cleaner {
	var texts []*corpus.Document
	for _, d := range docs {
		if d.Kind == corpus.KindText {
			texts = append(texts, d)
		}
	}
	c := &Cleaner{}
	if len(texts) < rules.RepeatedMinDocs {
		return c
	}
	// Documents with one title are one story, however many copies: a
	// line counts once for all of them.
	slices.SortFunc(texts, func(a, b *corpus.Document) int { return cmp.Compare(a.Title, b.Title) })
	type seen struct{ docs, group int }
	counts := map[string]*seen{}
	titles := 0
	var buf []byte
	for i, d := range texts {
		if i == 0 || d.Title != texts[i-1].Title {
			titles++
		}
		buf = rules.AppendText(buf[:0], d.Body, nil)
		text := unsafe.String(unsafe.SliceData(buf), len(buf))
		for line := range strings.SplitSeq(text, "\n") {
			if line == "" || len(line) > rules.RepeatedMaxLen {
				continue
			}
			switch e := counts[line]; {
			case e == nil:
				counts[strings.Clone(line)] = &seen{1, titles}
			case e.group != titles:
				e.docs++
				e.group = titles
			}
		}
	}
	need := max(rules.RepeatedMinDocs, (titles*rules.RepeatedMinPercent+99)/100) // a share rounded up
	for line, e := range counts {
		if e.docs >= need {
			if c.repeated == nil {
				c.repeated = map[string]bool{}
			}
			c.repeated[line] = true
		}
	}
	return c
}

// Repeated lists the lines the repeated-lines rule drops, sorted.
func (c *Cleaner) Repeated() []string {
	out := make([]string, 0, len(c.repeated))
	for l := range c.repeated {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Body is d's cleaned body: every rule for a plain-text document, the body
// as written for a front-matter one.
func (c *Cleaner) Body(d *corpus.Document) string {
	if d.Kind != corpus.KindText {
		return d.Body
	}
	var extra func(string) bool
	if len(c.repeated) > 0 {
		extra = func(line string) bool { return c.repeated[line] }
	}
	return clean(d.Body, extra)
}

// Text applies the rules that need only the text itself (every rule but
// repeated-lines): what a document's words are counted on.
func Text(s string) string {
	return clean(s, nil)
}

// clean is rules.AppendText into a pooled buffer, copied out once, and
// not at all when nothing changed.
func clean(s string, extra func(string) bool) string {
	bp := bufs.Get().(*[]byte)
	b := rules.AppendText((*bp)[:0], s, extra)
	out := s
	if string(b) != s {
		out = string(b)
	}
	if cap(b) <= maxPooledBuf {
		*bp = b[:0]
		bufs.Put(bp)
	}
	return out
}

const maxPooledBuf = 1 << 20

var bufs = sync.Pool{New: func() any { return new([]byte) }}

// Document returns d with its body cleaned: d itself when cleaning changes
// nothing, else a copy that shares everything else with d.
func (c *Cleaner) Document(d *corpus.Document) *corpus.Document {
	body := c.Body(d)
	if body == d.Body {
		return d
	}
	cp := *d
	cp.Body = body
	return &cp
}

// Focus learns, from the plain-text documents of a corpus given one by
// one, the part of the corpus's Cleaner (New) that cleaning a few
// documents of it reads: whether each line the cleaning of these
// documents asks about is a repeated line. A Cleaner learnt so cleans
// these documents exactly as New's, without holding the corpus.
type Focus struct {
	// lines are the lines the repeated-lines rule is asked about when
	// the focused documents are cleaned: the lines left by the character
	// and line rules (see rules.AppendText), each given an index.
	lines map[string]int
}

// NewFocus returns the focus on docs (the plain-text ones among them).
func NewFocus(docs ...*corpus.Document) *Focus {
	f := &Focus{lines: map[string]int{}}
	for _, d := range docs {
		if d.Kind != corpus.KindText {
			continue
		}
		// The rule is asked about every line the others keep, whatever
		// it answers.
		rules.AppendText(nil, d.Body, func(line string) bool {
			if _, ok := f.lines[line]; !ok && len(line) <= rules.RepeatedMaxLen {
				f.lines[strings.Clone(line)] = len(f.lines)
			}
			return false
		})
	}
	return f
}

// Share is what one document of the corpus tells a Focus: for a
// plain-text document, its title and which of the focus's lines its
// cleaned text holds.
type Share struct {
	title string
	lines []int
}

// Share returns d's share, nil when d is not a plain-text document. It
// may be called from many goroutines.
func (f *Focus) Share(d *corpus.Document) *Share {
	if d.Kind != corpus.KindText {
		return nil
	}
	s := &Share{title: strings.Clone(d.Title)}
	if len(f.lines) == 0 {
		return s
	}
	bp := bufs.Get().(*[]byte)
	b := rules.AppendText((*bp)[:0], d.Body, nil)
	text := unsafe.String(unsafe.SliceData(b), len(b))
	for line := range strings.SplitSeq(text, "\n") {
		if i, ok := f.lines[line]; ok {
			s.lines = append(s.lines, i) // twice in one text counts once (Cleaner)
		}
	}
	if cap(b) <= maxPooledBuf {
		*bp = b[:0]
		bufs.Put(bp)
	}
	return s
}

// Cleaner is the Cleaner New learns from the plain-text documents whose
// shares are given (each document once, in any order), as far as the
// focused documents read it: they are cleaned as New's cleans them.
func (f *Focus) Cleaner(shares []*Share) *Cleaner {
	c := &Cleaner{}
	if len(shares) < rules.RepeatedMinDocs {
		return c
	}
	// As New counts: a line once per title.
	shares = slices.Clone(shares)
	slices.SortFunc(shares, func(a, b *Share) int { return cmp.Compare(a.title, b.title) })
	type seen struct{ docs, group int }
	counts := make([]seen, len(f.lines))
	titles := 0
	for i, s := range shares {
		if i == 0 || s.title != shares[i-1].title {
			titles++
		}
		for _, l := range s.lines {
			if e := &counts[l]; e.group != titles {
				e.docs++
				e.group = titles
			}
		}
	}
	need := max(rules.RepeatedMinDocs, (titles*rules.RepeatedMinPercent+99)/100)
	for line, i := range f.lines {
		if counts[i].docs >= need {
			if c.repeated == nil {
				c.repeated = map[string]bool{}
			}
			c.repeated[line] = true
		}
	}
	return c
}
