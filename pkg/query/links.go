package query

import (
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// Link is one related item of a document, seen as an edge From → URL (and
// → Target when the URL is a corpus document).
type Link struct {
	From        string     `json:"from"`
	Title       string     `json:"title"`
	Provider    string     `json:"provider"`
	PublishedAt *time.Time `json:"publishedAt"`
	URL         string     `json:"url"`
	Target      string     `json:"target"`
}

// Links returns a document's related items as links, in file order.
func Links(d *corpus.Document) []Link {
	out := make([]Link, len(d.Related))
	for i, r := range d.Related {
		out[i] = Link{
			From: d.ID, Title: r.Title, Provider: providerName(r.Provider),
			PublishedAt: r.PublishedAt, URL: r.PrimaryURL(), Target: r.Target,
		}
	}
	return out
}

// AllLinks returns every link of the corpus, document by document.
func AllLinks(docs []*corpus.Document) []Link {
	var out []Link
	for _, d := range docs {
		out = append(out, Links(d)...)
	}
	return out
}

// Backlinks returns the links whose target is id, in path order.
func Backlinks(docs []*corpus.Document, id string) []Link {
	var out []Link
	for _, d := range docs {
		for _, l := range Links(d) {
			if l.Target == id {
				out = append(out, l)
			}
		}
	}
	return out
}

func providerName(p corpus.Provider) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Domain
}

// MarshalJSON writes a link's fields in LinkFields' order, with null for
// what is missing, as documents do.
func (l Link) MarshalJSON() ([]byte, error) {
	return record.AppendJSON(nil, LinkFields, l)
}
