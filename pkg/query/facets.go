package query

import (
	"cmp"
	"slices"
	"strings"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Facet is one value of a field and how many documents carry it. Its
// output is that of TopicFacetFields or ProviderFacetFields.
type Facet struct {
	Value string
	// Domain is set for provider facets: the domain first seen with the name.
	Domain string
	Count  int
}

// Counter tallies a facet one document at a time, so facets can be counted
// while streaming a corpus in flat memory.
type Counter struct {
	values func(*corpus.Document) []Facet
	counts map[string]*Facet
}

// TopicCounter counts each topic once per document.
func TopicCounter() *Counter {
	return &Counter{values: func(d *corpus.Document) []Facet {
		out := make([]Facet, 0, len(d.Topics))
		for _, t := range d.Topics {
			if t != "" && !slices.ContainsFunc(out, func(f Facet) bool { return f.Value == t }) {
				out = append(out, Facet{Value: t})
			}
		}
		return out
	}}
}

// ProviderCounter counts documents by provider name (or domain when a
// document names only a domain). Documents without a provider are not counted.
func ProviderCounter() *Counter {
	return &Counter{values: func(d *corpus.Document) []Facet {
		name := cmp.Or(d.Provider.Name, d.Provider.Domain)
		if name == "" {
			return nil
		}
		return []Facet{{Value: name, Domain: d.Provider.Domain}}
	}}
}

// CategoryCounter counts documents by category. Documents without one
// are not counted.
func CategoryCounter() *Counter {
	return &Counter{values: func(d *corpus.Document) []Facet {
		if d.Category == "" {
			return nil
		}
		return []Facet{{Value: d.Category}}
	}}
}

// Add counts one document.
func (c *Counter) Add(d *corpus.Document) {
	if c.counts == nil {
		c.counts = map[string]*Facet{}
	}
	for _, f := range c.values(d) {
		if have, ok := c.counts[f.Value]; ok {
			have.Count++
			continue
		}
		// Copies: a kept substring would keep its whole document's text
		// alive while the rest of the corpus streams past.
		f.Value, f.Domain, f.Count = strings.Clone(f.Value), strings.Clone(f.Domain), 1
		c.counts[f.Value] = &f
	}
}

// Facets returns the counts, most frequent first, then by value.
func (c *Counter) Facets() []Facet {
	out := make([]Facet, 0, len(c.counts))
	for _, f := range c.counts {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b Facet) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	return out
}
