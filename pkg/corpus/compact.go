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
		if hasPrefix(*c.pending[owner].p, *p) {
			c.pending = append(c.pending, pendingString{p: p, of: owner})
			return
		}
	}
	c.pending = append(c.pending, pendingString{p: p, of: -1})
	c.size += len(*p)
}

// hasPrefix is strings.HasPrefix for a prefix p that is not empty,
// comparing p's last byte first: the strings compared are mostly URLs
// and titles of one document, which share their first bytes and seldom
// the rest, and the one test saves most of a call to compare memory.
func hasPrefix(s, p string) bool {
	return len(s) >= len(p) && s[len(p)-1] == p[len(p)-1] && s[:len(p)] == p
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

// visitStrings calls fn with a pointer to each string field of d but ID
// and Kind (always one of the constants), outside Extra; shared says
// whether the value tends to repeat across documents. The fields are those
// of the field table, in compactOrder. checkOwnMemory, in the tests, finds
// any string it misses.
func (d *Document) visitStrings(fn func(p *string, shared bool)) {
	visitFields(unsafe.Pointer(d), compactDocument, false, fn)
}

func visitFields(base unsafe.Pointer, specs []*fieldSpec, shared bool, fn func(p *string, shared bool)) {
	for _, f := range specs {
		p := f.at(base)
		sh := shared || f.shared
		switch f.code {
		case cString:
			fn((*string)(p), sh)
		case cOptString:
			if s := *(**string)(p); s != nil {
				fn(s, sh)
			}
		case cStrings:
			l := *(*[]string)(p)
			for i := range l {
				fn(&l[i], sh)
			}
		case cProvider:
			visitFields(p, compactProvider, sh, fn)
		case cImages:
			l := *(*[]Image)(p)
			for i := range l {
				visitFields(unsafe.Pointer(&l[i]), compactImage, sh, fn)
			}
		case cRelated:
			l := *(*[]Related)(p)
			for i := range l {
				visitFields(unsafe.Pointer(&l[i]), compactRelated, sh, fn)
			}
		}
	}
}

// compactOrder is the order compact visits a record's fields in: the
// table's, less the document's id and kind, with each AMP URL before the
// URL it usually extends, so the URL shares the AMP URL's bytes.
func compactOrder(specs []fieldSpec) []*fieldSpec {
	var out []*fieldSpec
	for i := range specs {
		f := &specs[i]
		if f == specByName(documentSpecs, "id") || f == specByName(documentSpecs, "kind") {
			continue
		}
		out = append(out, f)
		if n := len(out); n >= 2 && f.Name == "ampUrl" && out[n-2].Name == "url" {
			out[n-2], out[n-1] = out[n-1], out[n-2]
		}
	}
	return out
}

var (
	compactDocument = compactOrder(documentSpecs)
	compactRelated  = compactOrder(relatedSpecs)
	compactProvider = compactOrder(providerSpecs)
	compactImage    = compactOrder(imageSpecs)
)
