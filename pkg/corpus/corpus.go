package corpus

import (
	"context"
	"fmt"
	"sort"
	"strings"

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
	c := &Corpus{}
	err := Stream(ctx, roots, o, func(r Result) error {
		c.Files++
		if r.Doc != nil {
			c.Docs = append(c.Docs, r.Doc)
		}
		c.Diags = append(c.Diags, r.Diags...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.index()
	ResolveLinks(c.Docs)
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

func (e *AmbiguousError) Error() string {
	const show = 10
	c := e.Candidates
	more := ""
	if len(c) > show {
		more = fmt.Sprintf("\n  … and %d more", len(c)-show)
		c = c[:show]
	}
	return fmt.Sprintf("%q matches %d documents:\n  %s%s", e.Prefix, len(e.Candidates), strings.Join(c, "\n  "), more)
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
	for _, d := range c.Docs {
		if d.Path == ref {
			return d, nil
		}
		if strings.HasPrefix(d.ID, ref) {
			matches = append(matches, d)
		}
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

// ResolveLinks sets each related item's Target to the ID of the document
// whose URL, AMP URL or CDN AMP URL matches one of the item's URLs (see
// urlnorm.Key). When several documents share a URL the first in path order
// wins. It runs in time linear in the number of documents and links.
func ResolveLinks(docs []*Document) {
	index := make(map[string]string, len(docs)*2)
	// keyOf remembers the key of every document URL: related items mostly
	// repeat those URLs, and computing a key allocates.
	keyOf := make(map[string]string, len(docs)*2)
	for _, d := range docs {
		for _, u := range d.URLs() {
			k := urlnorm.Key(u)
			keyOf[u] = k
			if k != "" {
				if _, taken := index[k]; !taken {
					index[k] = d.ID
				}
			}
		}
	}
	for _, d := range docs {
		for i := range d.Related {
			r := &d.Related[i]
			r.Target = ""
			for _, u := range r.URLs() {
				k, ok := keyOf[u]
				if !ok {
					k = urlnorm.Key(u)
				}
				if id, ok := index[k]; ok && k != "" {
					r.Target = id
					break
				}
			}
		}
	}
}
