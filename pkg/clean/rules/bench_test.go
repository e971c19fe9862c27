package rules

import (
	"os"
	"path/filepath"
	"testing"
)

// synthTexts reads the plain-text files of a synthetic corpus folder
// (SEEDSCOPE_BENCH_TEXT), else the seeds.
func benchTexts(b *testing.B) []string {
	dir := os.Getenv("SEEDSCOPE_BENCH_TEXT")
	if dir == "" {
		dir = "../../../seeds"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if len(data) >= 3 && string(data[:3]) == "---" {
			continue
		}
		out = append(out, string(data))
	}
	if len(out) == 0 {
		b.Skip("no plain-text files")
	}
	return out
}

// BenchmarkText cleans the plain-text bodies of a corpus folder
// (SEEDSCOPE_BENCH_TEXT=DIR, a folder of the synthetic corpus; default
// the seeds).
func BenchmarkText(b *testing.B) {
	texts := benchTexts(b)
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	var buf []byte
	for b.Loop() {
		for _, s := range texts {
			buf = AppendText(buf[:0], s, nil)
		}
	}
}
