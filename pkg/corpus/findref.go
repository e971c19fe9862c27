package corpus

import (
	"path/filepath"
	"strings"

	"github.com/seedscope/seedscope/pkg/termsafe"
)

// RefMatcher says which documents Find(ref) can return or list as
// candidates, from their ID and Path alone: a caller that knows the IDs
// and paths of a corpus (a walk, see Options.Select) loads only those
// documents, and FindIn on them answers as Find on the whole corpus.
type RefMatcher struct {
	ref, display, noExt string
	abs, absDisplay     string
	name, displayName   string
	hasAbs              bool
}

// NewRefMatcher returns the matcher of ref.
func NewRefMatcher(ref string) *RefMatcher {
	m := &RefMatcher{ref: ref, display: DisplayPath(ref)}
	if ext := filepath.Ext(ref); ext != "" {
		m.noExt = strings.TrimSuffix(filepath.ToSlash(ref), ext)
	}
	if abs, err := filepath.Abs(ref); err == nil {
		m.hasAbs, m.abs, m.absDisplay = true, abs, DisplayPath(abs)
		m.name, m.displayName = filepath.Base(abs), filepath.Base(m.absDisplay)
	}
	return m
}

// May reports whether Find could return, or list, the document with this
// ID and Path (Document.Path: the path as DisplayPath shows it), whatever
// the other documents: each test of Find, loosened to "any document".
func (m *RefMatcher) May(id, path string) bool {
	switch {
	case id == m.ref, path == m.ref, path == m.display, strings.HasPrefix(id, m.ref):
		return true
	case m.noExt != "" && id == m.noExt:
		return true
	}
	if shown := termsafe.Clean(id, false); shown != id && strings.HasPrefix(shown, m.ref) {
		return true
	}
	if m.hasAbs {
		if n := filepath.Base(path); n == m.name || n == m.displayName || n == "." || n == ".." {
			if p, err := filepath.Abs(path); err == nil && (p == m.abs || p == m.absDisplay) {
				return true
			}
		}
	}
	return false
}

// FindIn is Find on a corpus of docs (in path order), without resolving
// their links.
func FindIn(docs []*Document, ref string) (*Document, error) {
	b := NewBuilder(false)
	for _, d := range docs {
		b.Add(d)
	}
	return b.Corpus().Find(ref)
}
