package corpus

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/seedscope/seedscope/internal/synth"
)

// benchFiles is the size of the generated corpus the loading benchmarks
// read; SEEDSCOPE_BENCH_FILES overrides it (e.g. 100000 for the figures
// in docs/performance.md, though .ci/bench times the real commands).
func benchFiles(b *testing.B) int {
	if s := os.Getenv("SEEDSCOPE_BENCH_FILES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("SEEDSCOPE_BENCH_FILES=%q: want a positive count", s)
		}
		return n
	}
	return 2000
}

func benchCorpus(b *testing.B) (dir string, files int, bytes int64) {
	b.Helper()
	files = benchFiles(b)
	dir = b.TempDir()
	if err := synth.Write(dir, files, 1, runtime.GOMAXPROCS(0)); err != nil {
		b.Fatal(err)
	}
	for i := range files {
		bytes += int64(len(synth.File(i, files, 1)))
	}
	return dir, files, bytes
}

func BenchmarkParse(b *testing.B) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_882eb17234bc9889.txt"))
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		data []byte
	}{
		{"seed", seed},
		{"synthetic", synth.File(1, 1000, 1)}, // front matter with related items
	}
	for _, in := range inputs {
		for _, parser := range Parsers {
			b.Run(in.name+"/"+string(parser), func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := Parse("f.txt", "f", in.data, parser); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkStream(b *testing.B) {
	benchLoading(b, func(dir string, parser ParserName) (int, error) {
		n := 0
		err := Stream(context.Background(), []string{dir}, Options{Parser: parser}, func(r Result) error {
			n++
			return nil
		})
		return n, err
	})
}

func BenchmarkLoad(b *testing.B) {
	benchLoading(b, func(dir string, parser ParserName) (int, error) {
		c, err := Load(context.Background(), []string{dir}, Options{Parser: parser})
		if err != nil {
			return 0, err
		}
		return c.Files, nil
	})
}

// benchLoading times load, which reads the corpus in dir and says how many
// files it looked at, with each parser.
func benchLoading(b *testing.B, load func(dir string, parser ParserName) (int, error)) {
	dir, files, size := benchCorpus(b)
	for _, parser := range Parsers {
		b.Run(string(parser), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if n, err := load(dir, parser); err != nil || n != files {
					b.Fatalf("read %d of %d files: %v", n, files, err)
				}
			}
			b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// BenchmarkLoadLiveHeap reports the heap a loaded corpus keeps alive, per
// byte of its files (the figure behind list's peak memory; see
// docs/performance.md).
func BenchmarkLoadLiveHeap(b *testing.B) {
	dir, _, size := benchCorpus(b)
	var ms runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		c, err := Load(context.Background(), []string{dir}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		runtime.KeepAlive(c)
		b.ReportMetric(float64(ms.HeapAlloc-before)/float64(size), "live-B/file-B")
	}
}

// BenchmarkResolveLinks: the serial resolution links had (one index, then
// every link on one goroutine), the linker as a whole (ResolveLinks), and
// the part of it left after a load when documents are added as they
// arrive (finish: the links to later documents, on every core).
func BenchmarkResolveLinks(b *testing.B) {
	const n = 20000
	var docs []*Document
	for i := range n {
		name := synth.Name(i, 1)
		if d, _, err := Parse(name, name, synth.File(i, n, 1), ParserAuto); err == nil {
			docs = append(docs, d)
		}
	}
	run := func(name string, resolve func()) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resolve()
			}
			b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
	run("serial", func() { serialResolveLinks(docs) })
	run("linker", func() { ResolveLinks(docs) })
	b.Run("after-load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			l := newLinker()
			for _, d := range docs {
				l.add(d)
			}
			b.StartTimer()
			l.finish()
		}
		b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

// BenchmarkBodyWords compares what counting a body's words costs at load:
// the Unicode words of the cleaned body (bodyWords) against the blank-
// separated words of the body as read (CountWords, the count before the
// cleaning rules), on the synthetic corpus's plain-text and front-matter
// bodies.
func BenchmarkBodyWords(b *testing.B) {
	var text, fm []string
	for i := 0; len(text) < 200 || len(fm) < 200; i++ {
		d, _, err := Parse("f.txt", "f", synth.File(i, 100_000, 1), ParserAuto)
		if err != nil {
			b.Fatal(err)
		}
		if d.Kind == KindText {
			text = append(text, d.Body)
		} else {
			fm = append(fm, d.Body)
		}
	}
	for _, set := range []struct {
		name   string
		kind   Kind
		bodies []string
	}{{"text", KindText, text}, {"frontmatter", KindFrontMatter, fm}} {
		n := 0
		for _, s := range set.bodies {
			n += len(s)
		}
		b.Run(set.name+"/blank-separated", func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				for _, s := range set.bodies {
					CountWords(s)
				}
			}
		})
		b.Run(set.name+"/cleaned-unicode", func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range set.bodies {
					bodyWords(set.kind, s)
				}
			}
		})
	}
}
