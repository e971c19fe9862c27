package validate

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/seedscope/seedscope/internal/synth"
)

// BenchmarkRun validates a synthetic corpus (2,000 files, or
// SEEDSCOPE_BENCH_FILES) with the default rules: the whole run, walk,
// read, parse, per-file and corpus-wide rules. .ci/bench times the
// command on 100k files against the raw read.
func BenchmarkRun(b *testing.B) {
	files := 2000
	if s := os.Getenv("SEEDSCOPE_BENCH_FILES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("SEEDSCOPE_BENCH_FILES=%q: want a positive count", s)
		}
		files = n
	}
	dir := b.TempDir()
	if err := synth.Write(dir, files, 1, runtime.GOMAXPROCS(0)); err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for i := range files {
		bytes += int64(len(synth.File(i, files, 1)))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Run(context.Background(), []string{dir}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Files != files {
			b.Fatalf("%d files checked, want %d", rep.Files, files)
		}
	}
}
