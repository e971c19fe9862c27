package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// BenchmarkTable100k: list's table of 100,000 documents on a 100-column
// terminal, ids whole or shortened against the corpus (corpus.ShortIDs:
// one sort of the ids).
func BenchmarkTable100k(b *testing.B) {
	docs := benchDocs(100_000)
	for i, d := range docs {
		d.ID = fmt.Sprintf("2020-01-%02d-artificial-intelligence-%d", i%31, i)
	}
	b.Run("ids whole", func(b *testing.B) {
		for b.Loop() {
			if err := WriteAll(io.Discard, Table, Documents, Options{Width: 100}, docs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ids shortened", func(b *testing.B) {
		for b.Loop() {
			o := Options{Width: 100, ShortID: corpus.NewShortIDs(docs).Short}
			if err := WriteAll(io.Discard, Table, Documents, o, docs); err != nil {
				b.Fatal(err)
			}
		}
	})
}
