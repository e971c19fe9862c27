package corpus

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/seedscope/seedscope/pkg/parallel"
	"github.com/seedscope/seedscope/pkg/termsafe"
	"github.com/seedscope/seedscope/pkg/urlnorm"
)

// Corpus is a loaded set of documents in path order, with the diagnostics
// of the load. Every file looked at is either in Docs or named by an
// error-or-skip diagnostic in Diags.
type Corpus struct {
	Docs  []*Document
	Diags []Diagnostic
	// Files counts the files looked at: loaded plus skipped.
	Files int
	// byID is made by the first Find: most commands never look a
	// document up, and a map of every ID costs a load a tenth of a
	// second per 100k documents.
	byIDOnce sync.Once
	byID     map[string]*Document
}

// Load reads every document under roots into memory and resolves the
// related links between them.
func Load(ctx context.Context, roots []string, o Options) (*Corpus, error) {
	var diags []Diagnostic
	files := 0
	b := NewBuilder(true)
	err := Stream(ctx, roots, o, func(r Result) error {
		files++
		if r.Doc != nil {
			b.Add(r.Doc)
		}
		diags = append(diags, r.Diags...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	c := b.Corpus()
	c.Files, c.Diags = files, diags
	return c, nil
}

// New builds a corpus from documents already in memory (tests, other
// loaders), resolving their links.
func New(docs []*Document) *Corpus {
	b := NewBuilder(true)
	b.docs = slices.Grow(b.docs, len(docs))
	for _, d := range docs {
		b.Add(d)
	}
	return b.Corpus()
}

// Builder makes a corpus of documents handed to it one at a time in path
// order, as a load delivers them, doing as it goes the work that needs
// no later document: the index by ID, and (when asked) the index of
// document URLs and the related links that find their target in it
// already. Corpus then resolves the links left (to later documents, or
// to none) on every core. A load's collecting goroutine can so do most of
// the linking while the workers parse, instead of after the load.
type Builder struct {
	docs  []*Document
	links *linker // nil: links are left unresolved
}

// NewBuilder starts a corpus. With resolve false the related links of
// the documents are left as they are (Target empty for documents just
// parsed), for commands that print no link target.
func NewBuilder(resolve bool) *Builder {
	b := &Builder{}
	if resolve {
		b.links = newLinker()
	}
	return b
}

// Add appends the next document in path order.
func (b *Builder) Add(d *Document) {
	b.docs = append(b.docs, d)
	if b.links != nil {
		b.links.add(d)
	}
}

// Corpus finishes the links and returns the corpus of the documents
// added (Files counts them). The builder must not be used after.
func (b *Builder) Corpus() *Corpus {
	if b.links != nil {
		b.links.finish()
		b.links = nil
	}
	c := &Corpus{Docs: b.docs, Files: len(b.docs)}
	b.docs = nil
	return c
}

// byIDs returns the map of IDs to documents, made on the first call.
func (c *Corpus) byIDs() map[string]*Document {
	c.byIDOnce.Do(func() {
		c.byID = make(map[string]*Document, len(c.Docs))
		for _, d := range c.Docs {
			c.byID[d.ID] = d
		}
	})
	return c.byID
}

// Skipped counts the files that did not become documents.
func (c *Corpus) Skipped() int { return c.Files - len(c.Docs) }

// AmbiguousError lists the documents a prefix could mean.
type AmbiguousError struct {
	Prefix     string
	Candidates []string
}

func (e *AmbiguousError) Error() string { return strings.Join(e.Lines(), "\n  ") }

// Lines is the message line by line: what was asked, then the first
// candidates, one a line. A printer prefixes each line, so no candidate
// starts a line of its own.
func (e *AmbiguousError) Lines() []string {
	const show = 10
	c := e.Candidates
	lines := []string{fmt.Sprintf("%q matches %d documents:", e.Prefix, len(c))}
	lines = append(lines, c[:min(len(c), show)]...)
	if len(c) > show {
		lines = append(lines, fmt.Sprintf("… and %d more", len(c)-show))
	}
	return lines
}

// NotFoundError says no document has an ID or path like the one asked for.
type NotFoundError struct{ Ref string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("no document %q in the corpus", e.Ref) }

// Find returns the document an ID, a unique prefix of an ID, or a file path
// refers to. It fails with *AmbiguousError or *NotFoundError.
func (c *Corpus) Find(ref string) (*Document, error) {
	if d, ok := c.byIDs()[ref]; ok {
		return d, nil
	}
	var matches []*Document
	// A path as the file system spells it, or as seedscope prints it
	// (bytes that are not UTF-8 escaped).
	display := DisplayPath(ref)
	for _, d := range c.Docs {
		if d.Path == ref || d.Path == display {
			return d, nil
		}
		if strings.HasPrefix(d.ID, ref) {
			matches = append(matches, d)
		}
	}
	if len(matches) == 0 {
		if d := c.findByPath(ref); d != nil {
			return d, nil
		}
		matches = c.findDisplayed(ref)
	}
	switch len(matches) {
	case 0:
		return nil, &NotFoundError{ref}
	case 1:
		return matches[0], nil
	}
	ids := make([]string, len(matches))
	for i, d := range matches {
		ids[i] = d.ID
	}
	sort.Strings(ids)
	return nil, &AmbiguousError{Prefix: ref, Candidates: ids}
}

// findDisplayed finds the documents whose id, as a terminal shows it
// (termsafe.Clean: invisible and control characters as placeholders such
// as <U+200B>), is ref or starts with it: an id pasted from a table. An
// exact match wins.
func (c *Corpus) findDisplayed(ref string) []*Document {
	var matches []*Document
	for _, d := range c.Docs {
		shown := termsafe.Clean(d.ID, false)
		if shown == d.ID {
			continue // not shown differently: the prefix search had it
		}
		if shown == ref {
			return []*Document{d}
		}
		if strings.HasPrefix(shown, ref) {
			matches = append(matches, d)
		}
	}
	return matches
}

// findByPath finds the document of a path spelled another way than the
// load printed it (./seeds/x.txt, an absolute path, a path from another
// folder, the id with its file's extension): by the absolute, cleaned
// path, then by the id without the extension. Nil when none.
func (c *Corpus) findByPath(ref string) *Document {
	if abs, err := filepath.Abs(ref); err == nil {
		display := DisplayPath(abs)
		// filepath.Abs asks the system for the working directory: only
		// the paths that can match, those whose last name is ref's (Abs
		// keeps it, unless it is "." or ".."), are made absolute.
		name, displayName := filepath.Base(abs), filepath.Base(display)
		for _, d := range c.Docs {
			if n := filepath.Base(d.Path); n != name && n != displayName && n != "." && n != ".." {
				continue
			}
			if p, err := filepath.Abs(d.Path); err == nil && (p == abs || p == display) {
				return d
			}
		}
	}
	if ext := filepath.Ext(ref); ext != "" {
		if d, ok := c.byIDs()[strings.TrimSuffix(filepath.ToSlash(ref), ext)]; ok {
			return d
		}
	}
	return nil
}

// ResolveLinks sets each related item's Target to the ID of the document
// whose URL, AMP URL or CDN AMP URL matches one of the item's URLs (see
// urlnorm.Key), trying the item's URL, then its AMP URL, then its CDN AMP
// URL. When several documents share a URL the first in path order wins.
// It runs in time linear in the number of documents and links, and
// allocates little beyond its index, which keeps each document's key
// once.
func ResolveLinks(docs []*Document) {
	l := newLinker()
	for _, d := range docs {
		l.add(d)
	}
	l.finish()
}

// linker resolves related links with documents added in path order. A
// document's URLs go into the index when it is added; then each of its
// links is looked up in the index as it is. A link whose first URL (the
// first with a key) is found there has its final target: the first
// document in path order with that key is already in the index, and no
// later document can come before it. Any other link may lead to a later
// document: its document is noted, and finish looks its links up again
// in the whole index, on every core.
type linker struct {
	x       urlIndex
	s       keyScratch // add's
	pending []int32    // documents with a link left for finish
}

func newLinker() *linker {
	return &linker{x: urlIndex{seed: maphash.MakeSeed(), heads: map[uint64]int32{}}}
}

// add indexes the next document in path order and resolves the links it
// can already.
func (l *linker) add(d *Document) {
	di := int32(len(l.x.docs))
	l.x.docs = append(l.x.docs, d)
	l.x.insert(di, &l.s)
	later := false
	for i := range d.Related {
		r := &d.Related[i]
		r.Target = ""
		if !l.x.resolveNow(r, &l.s) {
			later = true
		}
	}
	if later {
		l.pending = append(l.pending, di)
	}
}

// finish resolves the links add left, in the whole index. Lookups only
// read the index, so the documents are shared among goroutines, each
// with its own scratch keys; each link is written by one goroutine.
func (l *linker) finish() {
	const chunk = 256
	scratch := make([]keyScratch, parallel.Workers(0, len(l.pending), chunk))
	_ = parallel.For(context.Background(), 0, len(l.pending), chunk, func(w, i int) {
		d := l.x.docs[l.pending[i]]
		for j := range d.Related {
			r := &d.Related[j]
			if r.Target == "" {
				r.Target = l.x.resolve(r, &scratch[w])
			}
		}
	})
	l.pending = nil
}

// urlIndex finds the first document, in path order, with a URL of a given
// key.
type urlIndex struct {
	docs  []*Document
	seed  maphash.Seed
	heads map[uint64]int32 // key hash → newest entry of its chain
	refs  []urlRef
	// keys holds the entries' keys end to end, so that confirming a match
	// compares bytes instead of computing the entry's key again.
	keys []byte
}

// keyScratch is one goroutine's buffers for the index's keys.
type keyScratch struct {
	key  []byte // the key looked up
	last []byte // insert's: the document's last key added
}

// urlRef is one document URL in the index: its key is keys[start:end].
// Entries with the same hash form a chain through next (-1 ends it).
type urlRef struct {
	doc        int32
	next       int32
	start, end int
}

// insert adds the URLs of document di whose keys no earlier document has.
func (x *urlIndex) insert(di int32, s *keyScratch) {
	s.last = s.last[:0]
	for _, u := range docURLs(x.docs[di]) {
		h, head, ok := x.chain(u, s)
		// A document's AMP URLs mostly have its URL's key, which the index
		// holds by now, whoever has it.
		if !ok || string(s.key) == string(s.last) || x.find(head, s) != nil {
			continue // no key, or an earlier document has it
		}
		s.last = append(s.last[:0], s.key...)
		start := len(x.keys)
		x.keys = append(x.keys, s.key...)
		x.refs = append(x.refs, urlRef{doc: di, next: head, start: start, end: len(x.keys)})
		x.heads[h] = int32(len(x.refs) - 1)
	}
}

// chain sets s.key to u's key and returns its hash and the newest entry
// of its chain (-1 when the index has none); ok is false when u has no
// key.
func (x *urlIndex) chain(u string, s *keyScratch) (h uint64, head int32, ok bool) {
	if u == "" {
		return 0, -1, false
	}
	s.key = urlnorm.AppendKey(s.key[:0], u)
	if len(s.key) == 0 {
		return 0, -1, false
	}
	h = maphash.Bytes(x.seed, s.key)
	if head, ok = x.heads[h]; !ok {
		head = -1
	}
	return h, head, true
}

func docURLs(d *Document) [3]string { return [...]string{d.URL, d.AmpURL, d.CdnAmpURL} }

func relatedURLs(r *Related) [3]string { return [...]string{r.URL, r.AmpURL, r.CdnAmpURL} }

// resolve is the target of r in the index: the ID of the document with a
// URL of the key of r's first URL that has one in the index; "" when none.
func (x *urlIndex) resolve(r *Related, s *keyScratch) string {
	for _, u := range relatedURLs(r) {
		if d := x.lookup(u, s); d != nil {
			return d.ID
		}
	}
	return ""
}

// resolveNow sets r's target when the index as it is decides it: the
// first of r's URLs with a key is in it (a later document cannot come
// first), or none of them has a key (no document can match). It reports
// whether it did; r is left alone when not.
func (x *urlIndex) resolveNow(r *Related, s *keyScratch) bool {
	for _, u := range relatedURLs(r) {
		_, head, ok := x.chain(u, s)
		if !ok {
			continue
		}
		d := x.find(head, s)
		if d == nil {
			return false
		}
		r.Target = d.ID
		return true
	}
	return true
}

// lookup returns the document with a URL of u's key, or nil.
func (x *urlIndex) lookup(u string, s *keyScratch) *Document {
	_, head, ok := x.chain(u, s)
	if !ok {
		return nil
	}
	return x.find(head, s)
}

// find walks the chain from entry i for the document whose URL has the
// key in s.key. Of entries with one key only the first is ever added, so
// the chain holds at most one match.
func (x *urlIndex) find(i int32, s *keyScratch) *Document {
	for ; i >= 0; i = x.refs[i].next {
		ref := x.refs[i]
		if bytes.Equal(x.keys[ref.start:ref.end], s.key) {
			return x.docs[ref.doc]
		}
	}
	return nil
}
