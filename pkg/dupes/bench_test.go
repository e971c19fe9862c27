package dupes

import (
	"context"
	"testing"

	"github.com/seedscope/seedscope/internal/synth"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// synthDocs parses n documents of the benchmark corpus.
func synthDocs(b *testing.B, n int) []*corpus.Document {
	b.Helper()
	docs := make([]*corpus.Document, 0, n)
	for i := range n {
		name := synth.Name(i, 1)
		d, _, err := corpus.Parse(name+".txt", name, synth.File(i, n, 1), corpus.ParserAuto)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func BenchmarkFind(b *testing.B) {
	docs := synthDocs(b, 5000)
	body := func(d *corpus.Document) string { return d.Body }
	b.ResetTimer()
	for b.Loop() {
		res, err := Find(context.Background(), docs, body, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Candidates), "candidates")
		b.ReportMetric(float64(len(res.Clusters)), "clusters")
	}
}
