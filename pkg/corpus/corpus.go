package corpus

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"sort"
	"strings"

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
	byID  map[string]*Document
}

// Load reads every document under roots into memory and resolves the
// related links between them.
func Load(ctx context.Context, roots []string, o Options) (*Corpus, error) {
	var docs []*Document
	var diags []Diagnostic
	files := 0
	err := Stream(ctx, roots, o, func(r Result) error {
		files++
		if r.Doc != nil {
			docs = append(docs, r.Doc)
		}
		diags = append(diags, r.Diags...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	c := New(docs)
	c.Files, c.Diags = files, diags
	return c, nil
}

// New builds a corpus from documents already in memory (tests, other
// loaders), resolving their links.
func New(docs []*Document) *Corpus {
	c := &Corpus{Docs: docs, Files: len(docs)}
	c.index()
	ResolveLinks(c.Docs)
	return c
}

func (c *Corpus) index() {
	c.byID = make(map[string]*Document, len(c.Docs))
	for _, d := range c.Docs {
		c.byID[d.ID] = d
	}
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
	if d, ok := c.byID[ref]; ok {
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
		if d, ok := c.byID[strings.TrimSuffix(filepath.ToSlash(ref), ext)]; ok {
			return d
		}
	}
	return nil
}

// ResolveLinks sets each related item's Target to the ID of the document
// whose URL, AMP URL or CDN AMP URL matches one of the item's URLs (see
// urlnorm.Key). When several documents share a URL the first in path order
// wins. It runs in time linear in the number of documents and links, and
// allocates little beyond its index: keys are hashed, not kept, and a
// hash that matches is confirmed by computing the document's key again.
func ResolveLinks(docs []*Document) {
	x := newURLIndex(docs)
	for _, d := range docs {
		for i := range d.Related {
			r := &d.Related[i]
			r.Target = ""
			for _, u := range [...]string{r.URL, r.AmpURL, r.CdnAmpURL} {
				if d := x.lookup(u); d != nil {
					r.Target = d.ID
					break
				}
			}
		}
	}
}

// urlIndex finds the first document, in path order, with a URL of a given
// key.
type urlIndex struct {
	docs  []*Document
	seed  maphash.Seed
	heads map[uint64]int32 // key hash → newest entry of its chain
	refs  []urlRef
	key   []byte // scratch: the key looked up
	other []byte // scratch: an entry's key, to confirm a match
}

// urlRef is one document URL in the index; entries with the same hash form
// a chain through next (-1 ends it).
type urlRef struct {
	doc  int32
	slot uint8 // 0: URL, 1: AmpURL, 2: CdnAmpURL
	next int32
}

func newURLIndex(docs []*Document) *urlIndex {
	x := &urlIndex{docs: docs, seed: maphash.MakeSeed(), heads: make(map[uint64]int32, len(docs)*2),
		refs: make([]urlRef, 0, len(docs)*2)}
	for di, d := range docs {
		for slot, u := range docURLs(d) {
			x.key = urlnorm.AppendKey(x.key[:0], u)
			if len(x.key) == 0 {
				continue
			}
			h := maphash.Bytes(x.seed, x.key)
			head, ok := x.heads[h]
			if !ok {
				head = -1
			} else if x.find(head) != nil {
				continue // an earlier document has this key
			}
			x.refs = append(x.refs, urlRef{doc: int32(di), slot: uint8(slot), next: head})
			x.heads[h] = int32(len(x.refs) - 1)
		}
	}
	return x
}

func docURLs(d *Document) [3]string { return [...]string{d.URL, d.AmpURL, d.CdnAmpURL} }

// lookup returns the document with a URL of u's key, or nil.
func (x *urlIndex) lookup(u string) *Document {
	if u == "" {
		return nil
	}
	x.key = urlnorm.AppendKey(x.key[:0], u)
	if len(x.key) == 0 {
		return nil
	}
	head, ok := x.heads[maphash.Bytes(x.seed, x.key)]
	if !ok {
		return nil
	}
	return x.find(head)
}

// find walks the chain from entry i for the document whose URL has the
// key in x.key. Of entries with one key only the first is ever added, so
// the chain holds at most one match.
func (x *urlIndex) find(i int32) *Document {
	for ; i >= 0; i = x.refs[i].next {
		ref := x.refs[i]
		d := x.docs[ref.doc]
		x.other = urlnorm.AppendKey(x.other[:0], docURLs(d)[ref.slot])
		if bytes.Equal(x.other, x.key) {
			return d
		}
	}
	return nil
}
