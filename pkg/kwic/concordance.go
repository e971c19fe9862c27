package kwic

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/tokens"
)

// Field is the part of a document a hit is in.
type Field uint8

const (
	Title Field = iota
	Excerpt
	Body
)

func (f Field) String() string {
	switch f {
	case Title:
		return "title"
	case Excerpt:
		return "excerpt"
	}
	return "body"
}

// SortKey orders the hits of a concordance.
type SortKey string

const (
	// SortPath keeps the documents' order (path order), then the hits'
	// order within each: title, excerpt, body, by offset.
	SortPath SortKey = "path"
	// SortLeft1 orders by the word just before the hit, folded.
	SortLeft1 SortKey = "left1"
	// SortRight1 orders by the word just after the hit, folded.
	SortRight1 SortKey = "right1"
	// SortDate orders by publication date, undated documents last.
	SortDate SortKey = "date"
)

// SortKeys lists the valid keys, for flags and help.
var SortKeys = []SortKey{SortPath, SortLeft1, SortRight1, SortDate}

// ParseSortKey checks a key given on the command line.
func ParseSortKey(s string) (SortKey, error) { return enum.Parse("sort key", s, SortKeys) }

// Hit is where one hit lies: the document (an index into the
// concordance's documents), the field, and the bytes of the field's text
// the hit covers.
type Hit struct {
	Doc        int32
	Field      Field
	Start, End int32
	// key is the folded word next to the hit the order asks for.
	key string
}

// Concordance is the hits of a query in some documents.
type Concordance struct {
	Docs []*corpus.Document
	Hits []Hit
	// Documents is the number of documents with a hit.
	Documents int
	// bodies are the texts of the bodies with a hit (the body function's,
	// which may be a cleaned copy), by document.
	bodies map[int32]string
}

// Options tune Find.
type Options struct {
	// Body is the text of a document's body hits are looked for in (the
	// cleaned body); nil: the body as loaded.
	Body func(*corpus.Document) string
	// Sort is the order of the hits.
	Sort SortKey
	// Workers search documents in parallel (0: one per CPU). The result
	// does not depend on it.
	Workers int
}

// Find looks for q in the title, excerpt and body of each document.
func Find(q *Query, docs []*corpus.Document, o Options) *Concordance {
	body := o.Body
	if body == nil {
		body = func(d *corpus.Document) string { return d.Body }
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	perDoc := make([][]Hit, len(docs))
	bodies := make([]string, len(docs))
	var next atomic.Int64
	const block = 64
	var wg sync.WaitGroup
	for range min(workers, max(1, len(docs)/block)) {
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
					var hits []Hit
					for f, text := range [...]string{d.Title, d.Excerpt, body(d)} {
						q.Find(text, func(m Match) bool {
							h := Hit{Doc: int32(i), Field: Field(f), Start: int32(m.Start), End: int32(m.End)}
							switch o.Sort {
							case SortLeft1:
								h.key = strings.Clone(tokens.Fold(m.Before))
							case SortRight1:
								h.key = strings.Clone(tokens.Fold(m.After))
							}
							hits = append(hits, h)
							return true
						})
						if f == int(Body) && len(hits) > 0 && hits[len(hits)-1].Field == Body {
							bodies[i] = text
						}
					}
					perDoc[i] = hits
				}
			}
		}()
	}
	wg.Wait()
	c := &Concordance{Docs: docs, bodies: map[int32]string{}}
	n := 0
	for _, h := range perDoc {
		n += len(h)
	}
	c.Hits = make([]Hit, 0, n)
	for i, h := range perDoc {
		if len(h) > 0 {
			c.Documents++
			c.Hits = append(c.Hits, h...)
		}
		if bodies[i] != "" {
			c.bodies[int32(i)] = bodies[i]
		}
	}
	c.sort(o.Sort)
	return c
}

// sort orders the hits by key; ties by document id, then position.
func (c *Concordance) sort(key SortKey) {
	if key == "" || key == SortPath {
		return // found in document order
	}
	slices.SortStableFunc(c.Hits, func(a, b Hit) int {
		da, db := c.Docs[a.Doc], c.Docs[b.Doc]
		switch key {
		case SortLeft1, SortRight1:
			if r := cmp.Compare(a.key, b.key); r != 0 {
				return r
			}
		case SortDate:
			if r := compareDates(da.PublishedAt, db.PublishedAt); r != 0 {
				return r
			}
		}
		return cmp.Or(cmp.Compare(da.ID, db.ID), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Field, b.Field), cmp.Compare(a.Start, b.Start))
	})
}

// compareDates orders dates, missing ones last.
func compareDates(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

// Text is the text of a hit's field.
func (c *Concordance) Text(h Hit) string {
	d := c.Docs[h.Doc]
	switch h.Field {
	case Title:
		return d.Title
	case Excerpt:
		return d.Excerpt
	}
	return c.bodies[h.Doc]
}

// Line is one hit in its context: a concordance line.
type Line struct {
	Doc     *corpus.Document
	Field   Field
	Offset  int // byte offset of the keyword in the field's text
	Left    string
	Keyword string // as written, white space shown as one space
	Right   string
}

// Line returns a hit in its context, width display columns each side.
func (c *Concordance) Line(h Hit, width int) Line {
	s := c.Text(h)
	left, right := Context(s, int(h.Start), int(h.End), width)
	return Line{Doc: c.Docs[h.Doc], Field: h.Field, Offset: int(h.Start), Left: left, Keyword: spaced(s[h.Start:h.End]), Right: right}
}

// KeywordWidth is the widest keyword of hits, in display columns.
func (c *Concordance) KeywordWidth(hits []Hit) int {
	w := 0
	for _, h := range hits {
		w = max(w, spacedWidth(c.Text(h)[h.Start:h.End]))
	}
	return w
}
