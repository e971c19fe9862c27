// Package corpus loads seed documents from disk into memory.
//
// It knows nothing of terminals or output formats: it turns files into
// Documents and Diagnostics, streams them in path order, and resolves the
// related links between documents.
package corpus

import (
	"cmp"
	"fmt"
	"time"
)

// Kind says which shape a document was read from.
type Kind string

const (
	KindFrontMatter Kind = "frontmatter"
	KindText        Kind = "text"
)

// Kinds lists the kinds, for flags and help.
var Kinds = []Kind{KindFrontMatter, KindText}

// Document is one seed document. Its JSON form is the stable shape every
// JSON-speaking command prints (see MarshalJSON): missing scalars are null,
// missing lists are empty arrays, no field is ever omitted.
type Document struct {
	ID          string
	Path        string
	Kind        Kind
	Title       string
	Excerpt     string
	Category    string
	Type        string
	PublishedAt *time.Time
	URL         string
	AmpURL      string
	CdnAmpURL   string
	Quality     *float64
	Heat        *float64
	Published   *bool
	Provider    Provider
	Topics      []string
	Images      []Image
	Related     []Related
	Body        string
	Words       int
	Secured     *string
	// Extra holds the front-matter keys seedscope does not know, as decoded
	// by YAML (maps, lists, strings, numbers, booleans, times).
	Extra map[string]any

	// bodySkipped marks a document loaded with Options.SkipBody.
	bodySkipped bool
}

// BodySkipped reports whether the document was loaded without its body
// (Options.SkipBody): Body is empty and Words is 0 whatever the file
// holds. Printing such a document (AppendJSON, MarshalJSON, the body and
// words of DocumentFields) panics, so it is never shown as if its body
// were empty.
func (d *Document) BodySkipped() bool { return d.bodySkipped }

// mustHaveBody panics for a document loaded without its body.
func (d *Document) mustHaveBody() {
	if d.bodySkipped {
		panic(fmt.Sprintf("corpus: document %q was loaded without its body (Options.SkipBody) and cannot be printed", d.ID))
	}
}

// Provider is the publisher of a document or of a related item.
type Provider struct {
	Name   string
	Domain string
	Images []Image
}

// Image is a picture attached to a document or provider.
type Image struct {
	URL    string
	Width  *float64
	Height *float64
	Title  string
}

// Related is an item of a document's related list. Target is the ID of the
// corpus document the item's URL points at, filled in by Resolve.
type Related struct {
	Title       string
	Excerpt     string
	URL         string
	AmpURL      string
	CdnAmpURL   string
	PublishedAt *time.Time
	Type        string
	Quality     *float64
	Provider    Provider
	Images      []Image
	Target      string
}

// URLs returns the document's non-empty URLs: main, AMP and CDN AMP.
func (d *Document) URLs() []string {
	return nonEmpty(d.URL, d.AmpURL, d.CdnAmpURL)
}

// URLs returns the related item's non-empty URLs.
func (r *Related) URLs() []string {
	return nonEmpty(r.URL, r.AmpURL, r.CdnAmpURL)
}

// PrimaryURL is the first of the item's URLs, or "".
func (r *Related) PrimaryURL() string {
	return cmp.Or(r.URL, r.AmpURL, r.CdnAmpURL)
}

func nonEmpty(ss ...string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ComparePublished orders publication times, earliest first, missing ones
// last.
func ComparePublished(a, b *time.Time) int {
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
