package cmd

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// While a command holds the whole corpus, the heap is nearly all live
// documents: a load makes little garbage, and output makes some but keeps
// nothing. Collecting at a small growth of the heap then costs little CPU
// and keeps peak memory close to the corpus's own size, where Go's default
// (collect when the heap doubles) would let it reach twice that. The
// growth is counted from the heap as the load leaves it (holdGC), not
// from what the last collection found live: a target below the heap of
// the moment starts a collection at once, marking the whole corpus for
// the little garbage the load made (export and list then allocate about
// 3 MB more on 100,000 files). The figures are in
// docs/performance.md. A user who sets GOGC or GOMEMLIMIT chose their own
// trade-off, and it is left alone.
//
// While loading, the heap grows by the documents themselves, so each
// collection marks everything loaded so far and finds little garbage:
// collecting when the heap doubles (Go's default) rather than at +50 %
// halves the collections of a load (11 instead of 21 on 100,000 files)
// for a peak about 3 % higher (garbage waits longer). Measured on
// 100,000 synthetic files, list --format csv and export --format ndjson,
// 12 paired runs on 2 busy cores: user CPU 3.16 s against 3.51 s, and
// 3.29 s against 3.46 s (means of 6), wall lower in 10 of the 12 pairs,
// peak 502–518 MiB against 485–501 MiB.
//
// A Parquet export that streams keeps what the file's footer will hold
// (the metadata of every row group, which grows with the corpus) and the
// row groups being encoded, and makes garbage of everything else:
// collecting at +50 % keeps its peak near what it holds. On a million
// synthetic files in one folder the peak is 228 MiB at Go's default, 177
// MiB at +50 % and 159 MiB at +25 %; on 100,000 files +50 % against +25 %
// is 6 % less wall and CPU (medians of 4 runs each: 1.80 s against
// 1.91 s, peak 84 against 74 MiB), which the reading and parsing that
// every export shares had made the larger part of its time.
const (
	gcPercentLoading = 100
	gcPercentHolding = 5
	gcPercentParquet = 50
)

// setGCPercent sets the collector's target for the rest of the command.
func setGCPercent(percent int) {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(percent)
	}
}

// holdGC paces the collector for a command that holds what it loaded:
// the next collection comes when the heap has grown by about
// gcPercentHolding of what is live, counted from the heap as it is now.
func holdGC() {
	setGCPercent(holdingPercent(readHeap()))
}

// holdingPercent is the GC percent whose heap goal (live × (1 +
// percent/100)) lies gcPercentHolding % of live beyond the heap, and far
// enough that the collector does not start at once: Go's pacer may start
// a collection once the heap has gone 45/64 of the way from live to the
// goal (minTriggerRatioNum in runtime/mgcpacer.go).
func holdingPercent(live, heap uint64) int {
	if live == 0 || heap <= live {
		return gcPercentHolding
	}
	const num, den = 45, 64
	return int(((heap-live)*den/num*100+live-1)/live) + gcPercentHolding
}

// readHeap returns what the last collection found live and the heap's
// objects now, live or not yet collected.
func readHeap() (live, heap uint64) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0, 0
	}
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// keepGCPercent returns a function that puts the collector's target back
// as it is now.
func keepGCPercent() func() {
	p := gcPercent()
	return func() { debug.SetGCPercent(p) }
}

// gcPercent is the collector's target now (reading it means setting it).
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}
