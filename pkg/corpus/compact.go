package corpus

import (
	"strings"
	"sync"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/arena"
)

// A parsed document's strings are substrings of its file's buffer (or
// fresh copies where unescaping made them). compact moves them into one
// block of exactly their total size: the document then holds only the
// text it uses, not the file's keys, quotes and indentation, and the
// buffer can be read into again. Short values that repeat across a corpus
// (provider names and domains, topics, types) are shared instead, from a
// table kept per parse worker.

const (
	// maxInterned is the longest string shared through the table.
	maxInterned = 64
	// maxInternEntries bounds the table; later values are copied instead.
	maxInternEntries = 8192
	// chunkSize is the memory the blocks of documents are cut from: one
	// allocation per document would round each up to an allocation size
	// class, wasting 5–10% of the text.
	chunkSize = 256 << 10

	// lookBack is how many earlier strings of a document a string is
	// compared with for sharing their bytes.
	lookBack = 8
)

type compactor struct {
	interned arena.Table
	pending  []pendingString // strings for the block
	size     int
	blocks   arena.Arena
}

// pendingString is a string of the document being compacted: copied into
// the block itself (of < 0), or sharing the copy of entry of, which it
// begins.
type pendingString struct {
	p  *string
	of int
}

var compactors = sync.Pool{New: func() any {
	return &compactor{interned: arena.Table{Max: maxInternEntries}, blocks: arena.Arena{Size: chunkSize}}
}}

// compact gives d's strings memory of their own (see above).
func compact(d *Document) {
	c := compactors.Get().(*compactor)
	c.compact(d)
	compactors.Put(c)
}

func (c *compactor) compact(d *Document) {
	c.pending, c.size = c.pending[:0], 0
	d.visitStrings(c.add)
	// The walker's ID is the path less its root and extension.
	idInPath := strings.Index(d.Path, d.ID)
	if idInPath < 0 {
		c.add(&d.ID, false)
	}
	block := c.blocks.Block(c.size)
	for _, e := range c.pending {
		if e.of >= 0 {
			*e.p = (*c.pending[e.of].p)[:len(*e.p)]
			continue
		}
		start := len(block)
		block = append(block, *e.p...)
		*e.p = unsafe.String(unsafe.SliceData(block[start:]), len(*e.p))
	}
	clear(c.pending) // drop the pointers into d
	if idInPath >= 0 {
		d.ID = d.Path[idInPath : idInPath+len(d.ID)]
	}
	if d.Extra != nil {
		d.Extra = c.value(d.Extra).(map[string]any)
	}
}

// add takes one string of the document: shared values are looked up in
// the table (and added while it has room), the rest wait for the block.
func (c *compactor) add(p *string, shared bool) {
	if *p == "" {
		*p = "" // an empty substring still points into the file
		return
	}
	if shared && len(*p) <= maxInterned {
		if s, ok := c.interned.Intern(*p); ok {
			*p = s
			return
		}
	}
	// A string that begins one of the last few of the document (a URL
	// its AMP variant extends, an image titled as its document) shares
	// its bytes.
	// The last few entries are looked at, whatever they are: skipping the
	// ones that share to reach the last few copies made a document of
	// many equal values quadratic. A sharing entry stands for its copy.
	for i := len(c.pending) - 1; i >= 0 && i >= len(c.pending)-lookBack; i-- {
		owner := i
		if e := c.pending[i]; e.of >= 0 {
			owner = e.of
		}
		if strings.HasPrefix(*c.pending[owner].p, *p) {
			c.pending = append(c.pending, pendingString{p: p, of: owner})
			return
		}
	}
	c.pending = append(c.pending, pendingString{p: p, of: -1})
	c.size += len(*p)
}

// value copies the strings of an Extra value: a rarely used field, so one
// allocation per string is fine.
func (c *compactor) value(v any) any {
	switch v := v.(type) {
	case string:
		if len(v) <= maxInterned {
			if s, ok := c.interned.Intern(v); ok {
				return s
			}
		}
		return strings.Clone(v)
	case []any:
		for i := range v {
			v[i] = c.value(v[i])
		}
		return v
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[c.value(k).(string)] = c.value(x)
		}
		return out
	}
	return v // numbers, booleans, times, nil
}

// visitStrings calls fn with a pointer to each string field of d but ID,
// outside Extra; shared says whether the value tends to repeat across
// documents. checkOwnMemory, in the tests, finds any string it misses.
func (d *Document) visitStrings(fn func(p *string, shared bool)) {
	fn(&d.Path, false)
	// Kind is always one of the constants.
	fn(&d.Title, false)
	fn(&d.Excerpt, false)
	fn(&d.Category, true)
	fn(&d.Type, true)
	fn(&d.AmpURL, false) // before the URL it usually extends
	fn(&d.URL, false)
	fn(&d.CdnAmpURL, false)
	d.Provider.visitStrings(fn)
	for i := range d.Topics {
		fn(&d.Topics[i], true)
	}
	visitImages(d.Images, fn)
	for i := range d.Related {
		r := &d.Related[i]
		fn(&r.Title, false)
		fn(&r.Excerpt, false)
		fn(&r.AmpURL, false)
		fn(&r.URL, false)
		fn(&r.CdnAmpURL, false)
		fn(&r.Type, true)
		r.Provider.visitStrings(fn)
		visitImages(r.Images, fn)
		fn(&r.Target, false)
	}
	fn(&d.Body, false)
	if d.Secured != nil {
		fn(d.Secured, false)
	}
}

func (p *Provider) visitStrings(fn func(p *string, shared bool)) {
	fn(&p.Name, true)
	fn(&p.Domain, true)
	for i := range p.Images {
		fn(&p.Images[i].URL, true) // a provider's logo: the same on all its documents
		fn(&p.Images[i].Title, true)
	}
}

func visitImages(images []Image, fn func(p *string, shared bool)) {
	for i := range images {
		fn(&images[i].URL, false)
		fn(&images[i].Title, false)
	}
}
