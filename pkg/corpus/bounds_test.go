//go:build unix

package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/seedscope/seedscope/internal/hostiletest"
	"github.com/seedscope/seedscope/internal/timing"
)

// TestHostileMergeAndOffsets checks the values kept from the merge-key
// and zone-offset files of the hostile corpus, with both parsers.
func TestHostileMergeAndOffsets(t *testing.T) {
	for _, parser := range Parsers {
		load := func(name string) *Document { return parseHostileFile(t, name, parser) }
		d := load("merge-keys.md")
		if j, err := json.Marshal(d.Extra); err != nil || string(j) != `{"base":{"a":1,"b":2},"x":{"a":1,"b":20,"c":3},"y":{"k":[1,2],"z":0}}` {
			t.Errorf("%s: merge-keys.md: extra = %s, %v", parser, j, err)
		}
		d = load("bad-offsets.md")
		j, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("%s: bad-offsets.md does not print as JSON: %v", parser, err)
		}
		for _, want := range []string{
			`"publishedAt":null`, `"stamp":"2020-01-01T00:00:00+24:00"`, `"minutes":"2020-01-01T00:00:00+05:60"`,
			`"fine":"2020-01-01T00:00:00-23:59"`, `"publishedAt":"2020-01-01T10:00:00-23:59"`,
		} {
			if !strings.Contains(string(j), want) {
				t.Errorf("%s: bad-offsets.md: JSON has no %s:\n%s", parser, want, j)
			}
		}
	}
}

func TestParseTimeOffsets(t *testing.T) {
	for _, tc := range []struct {
		in      string
		ok, rfc bool
	}{
		{"2020-01-01T00:00:00Z", true, true},
		{"2020-01-01T00:00:00+23:59", true, true},
		{"2020-01-01T00:00:00-23:59", true, true},
		{"2020-01-01T00:00:00.5+05:30", true, true},
		{"2020-01-01T00:00:00+24:00", false, false},
		{"2020-01-01T00:00:00-24:00", false, false},
		{"2020-01-01T00:00:00+23:60", false, false},
		{"2020-01-01T00:00:00+05:60", false, false},
		{"2020-01-01T00:00:00+00:99", false, false},
		{"2020-01-01 00:00:00+24:00", false, false},
		{"2020-01-01 00:00:00 +2400", false, false},
		{"2020-01-01 00:00:00 -0560", false, false},
		{"2020-01-01 00:00:00 -0559", true, false},
		{"2020-01-01 00:00:00", true, false},
		{"2020-01-01", true, false},
	} {
		tm, err := ParseTime(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseTime(%q) = %v, %v; want ok=%v", tc.in, tm, err, tc.ok)
		}
		if err == nil {
			if _, err := json.Marshal(tm); err != nil {
				t.Errorf("ParseTime(%q) gives a time JSON cannot hold: %v", tc.in, err)
			}
		}
		if _, err := ParseRFC3339(tc.in); (err == nil) != tc.rfc {
			t.Errorf("ParseRFC3339(%q): %v; want ok=%v", tc.in, err, tc.rfc)
		}
	}
}

// TestDocumentMemoryBounded loads ten files of each per-document bound
// (a related list of 349,000 empty mappings in 1 MiB, once 70 MB of
// objects each; one of 99,000, under the node limit and over the list
// limit) with 16 workers and checks that the heap stays bounded while
// loading (the trees of large front matter are built one at a time) and
// that what the loaded corpus keeps is bounded.
func TestDocumentMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20 MB of generated files")
	}
	dir := t.TempDir()
	for i := range 10 {
		for name, text := range map[string]string{"nodes": hostiletest.ManyNodes(349_000), "list": hostiletest.ManyNodes(99_000)} {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s%02d.md", name, i)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, parser := range Parsers {
		var docs []*Document
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		stop := sampleHeapPeak()
		withDeadline(t, "loading the bounded files", func() {
			err := Stream(context.Background(), []string{dir}, Options{Parser: parser, Workers: 16}, func(r Result) error {
				if r.Doc != nil {
					docs = append(docs, r.Doc)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		peak := stop()
		runtime.GC()
		runtime.ReadMemStats(&after)
		alloc, kept := after.TotalAlloc-before.TotalAlloc, int64(after.HeapAlloc)-int64(before.HeapAlloc)
		t.Logf("%s: %d documents, %d MB allocated, heap peak %d MB, %d MB kept", parser, len(docs), alloc>>20, peak>>20, kept>>20)
		if len(docs) != 10 {
			t.Errorf("%s: %d documents, want the 10 under the node limit", parser, len(docs))
		}
		for _, d := range docs {
			if len(d.Related) != MaxListItems {
				t.Errorf("%s: %s: %d related items, want %d", parser, d.Path, len(d.Related), MaxListItems)
			}
		}
		// Before the bounds, the load kept 1.4 GB and its heap grew past
		// it. What is allocated is garbage in proportion to the input (about
		// 50 bytes a byte of front matter); the heap at any time holds
		// about one tree (70 MB) beside what the documents keep.
		if peak > 400<<20 || kept > 64<<20 || alloc > 100*20<<20 {
			t.Errorf("%s: heap peak %d MB, kept %d MB, allocated %d MB for 20 files of 1 MiB", parser, peak>>20, kept>>20, alloc>>20)
		}
		runtime.KeepAlive(docs)
	}
}

// TestParseLinearTime times Parse on inputs of n and 2n units of each
// shape that was once quadratic (duplicate-key checks in the fast
// decoder and in yaml.v3's Node.Decode, a double-quoted line of escapes)
// or is big under the bounds, with both parsers: doubling the input must
// not come near quadrupling the time. The sizes are small enough for the
// maps to stay in cache (a quadratic path still quadruples there) and
// large enough for a quadratic path to dominate.
func TestParseLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	shapes := []struct {
		name string
		make func(n int) string
		n    int
	}{
		{"flat keys", func(n int) string { return hostiletest.ManyKeys(n, "") }, 5_000},
		{"nested keys", func(n int) string { return hostiletest.ManyKeys(n, "x") }, 5_000},
		{"nested flow keys", func(n int) string {
			var b strings.Builder
			for i := range n {
				b.WriteString(hostiletest.Key(i) + ": 1, ")
			}
			return "---\nx: {" + b.String() + "}\n---\n"
		}, 5_000},
		{"escapes", func(n int) string { return "---\ntitle: \"" + strings.Repeat(`\t`, n) + "\"\n---\n" }, 250_000},
		{"related items", func(n int) string { return hostiletest.LongList(n) }, 5_000},
		{"merged keys", func(n int) string {
			var b strings.Builder
			for i := range n {
				b.WriteString(hostiletest.Key(i) + ": 1, ")
			}
			return "---\nx: {a: 1, <<: {" + b.String() + "}}\n---\n"
		}, 5_000},
	}
	for _, s := range shapes {
		for _, parser := range Parsers {
			// A run of well under a millisecond is mostly the timer's and
			// the scheduler's noise: each timed run parses its input reps
			// times, enough for the smaller one to take a few milliseconds.
			reps := 1
			parse := func(data []byte) func() {
				return func() {
					for range reps {
						if _, w, err := Parse("f.md", "f", data, parser); err != nil || len(w) > 1 {
							t.Fatalf("%s: %v %v", s.name, err, w)
						}
					}
				}
			}
			small, large := []byte(s.make(s.n)), []byte(s.make(2*s.n))
			for reps < 64 {
				if t, _ := timing.BestOf2(3, parse(small), func() {}); t >= 5*time.Millisecond {
					break
				}
				reps *= 2
			}
			t1, t2, ratio := timing.DoublingRatio(5, 7, 3, parse(small), parse(large))
			t.Logf("%s (%s): %d× n %v, 2n %v, ratio %.2f", s.name, parser, reps, t1, t2, ratio)
			if ratio > 3 {
				t.Errorf("%s (%s): doubling the input took %.1f times as long (%v, %v): not linear", s.name, parser, ratio, t1, t2)
			}
		}
	}
}

// sampleHeapPeak watches the heap's size (live and not yet collected
// objects) until the returned function is called, which returns the
// largest size seen.
func sampleHeapPeak() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-result }
}
