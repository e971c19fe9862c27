package columnar

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// BenchmarkParquetWriter writes the documents of SEEDSCOPE_BENCH_CORPUS
// (a folder; skipped when unset) to Parquet, after loading them: the cost
// of the writer alone. Compare with BenchmarkNDJSON.
func BenchmarkParquetWriter(b *testing.B) {
	docs := benchDocs(b)
	b.ResetTimer()
	for range b.N {
		pw, err := NewParquetWriter(io.Discard, ParquetOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			if err := pw.Write(d); err != nil {
				b.Fatal(err)
			}
		}
		if err := pw.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNDJSON is the same documents as NDJSON, for scale.
func BenchmarkNDJSON(b *testing.B) {
	docs := benchDocs(b)
	b.ResetTimer()
	var buf []byte
	for range b.N {
		for _, d := range docs {
			buf = d.AppendJSON(buf[:0])
			io.Discard.Write(buf)
		}
	}
}

func benchDocs(b *testing.B) []*corpus.Document {
	dir := os.Getenv("SEEDSCOPE_BENCH_CORPUS")
	if dir == "" {
		b.Skip("SEEDSCOPE_BENCH_CORPUS is not set")
	}
	c, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if len(c.Docs) > 20000 {
		c.Docs = c.Docs[:20000]
	}
	return c.Docs
}
