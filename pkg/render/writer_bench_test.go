package render

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
)

// benchDocs are documents of the bundled seeds' size and shape.
func benchDocs(n int) []*corpus.Document {
	q, h := 74.0, 94.0
	at := time.Date(2020, 1, 7, 20, 2, 0, 0, time.UTC)
	docs := make([]*corpus.Document, n)
	for i := range docs {
		docs[i] = &corpus.Document{
			ID: fmt.Sprintf("%03d_882eb17234bc9889", i), Path: "seeds/x.txt", Kind: corpus.KindFrontMatter,
			Title: "Amazon Doubles Down on Ring Partnerships With Law Enforcement <b>&</b>", Excerpt: "In other cases, municipalities may be utilizing other technology",
			Type: "article", Category: "news", PublishedAt: &at, URL: "https://www.wired.com/story/ces-2020", Quality: &q, Heat: &h,
			Provider: corpus.Provider{Name: "Wired", Domain: "wired.com"}, Topics: []string{"AI", "AWS AI"},
			Related: []corpus.Related{{Title: "x", URL: "https://example.com/a", Target: "003"}},
			Body:    "One two three four five six seven eight nine ten.", Words: 10,
		}
	}
	return docs
}

// BenchmarkWriter: records through the writer in each streaming format
// (documents use their own JSON appender; links go through the shared
// encoder).
func BenchmarkWriter(b *testing.B) {
	docs := benchDocs(1000)
	links := query.AllLinks(docs)
	for len(links) < 1000 {
		links = append(links, links...)
	}
	o := Options{JSON: JSONOptions{EscapeHTML: true}}
	for _, f := range []Format{JSON, NDJSON, CSV} {
		b.Run("documents/"+string(f), func(b *testing.B) {
			for b.Loop() {
				if err := WriteAll(io.Discard, f, Documents, o, docs); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("links/"+string(f), func(b *testing.B) {
			for b.Loop() {
				if err := WriteAll(io.Discard, f, Links, o, links); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
