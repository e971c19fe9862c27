package cmd

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"

	"github.com/seedscope/seedscope/pkg/corpus"
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
//
// A command that streams keeps little alive: the results in flight, the
// pools, a facet's counts (about 2 MiB for an export). At Go's default
// the heap then doubles from its 4 MiB minimum between collections: 263
// collections in a streaming export of the 100k synthetic corpus, each
// turning on write barriers and making the workers help mark. Until a
// command sets a target of its own (loading), the collector is paced so
// that the heap grows by streamHeadroom between collections, or doubles
// (grows by half for Parquet) where that is more (paceStreaming): 33
// collections, and in 8 alternating pairs on 2 cores wall ×0.86 and CPU
// ×0.875, peak 25 → 38 MiB (docs/performance.md).
const (
	gcPercentLoading = 100
	gcPercentHolding = 5
	gcPercentParquet = 50

	streamHeadroom = 16 << 20
	bigLiveHeap    = 64 << 20
	bigLivePercent = 25
	// heapMinimum is the runtime's smallest heap goal at GOGC=100; it
	// scales with the GC percent (defaultHeapMinimum in
	// runtime/mgcpacer.go).
	heapMinimum = 4 << 20
)

// userPacesGC reports whether the user set the collector's target
// (GOGC) or limit (GOMEMLIMIT): they chose their own trade-off.
func userPacesGC() bool {
	return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != ""
}

// setGCPercent sets the collector's target for the rest of the command,
// ending the streaming pacing.
func setGCPercent(percent int) {
	if userPacesGC() {
		return
	}
	if p := streaming.Load(); p != nil {
		p.stop()
	}
	debug.SetGCPercent(percent)
}

// streamingPercent is the GC percent whose heap goal is live + headroom,
// or live × (1 + floor/100) where that is more (floor 100: the
// default's 2 × live). A live heap over bigLiveHeap is, for a command
// that streams, a huge text file in flight (read whole with
// --max-file-size 0; a binary one is sniffed and never read whole):
// doubling it would let the garbage after it grow as large again, and
// further on a busy machine, where marking lags, so the goal is then a
// quarter over live. The headroom is streamHeadroom less the memory
// held outside the heap (raw): a folder of a million files, whose
// listing is that memory, keeps the floor's peak. The goal is the larger
// of live × (1 + percent/100) and heapMinimum × percent/100, so the
// percent is the smaller of the two that reach live + headroom; it is at
// most about 480 (at 3.3 MiB live).
func streamingPercent(live, raw uint64, floor int) int {
	if live > bigLiveHeap && floor >= 100 {
		return bigLivePercent
	}
	if raw >= streamHeadroom {
		return floor
	}
	headroom := streamHeadroom - raw
	live = max(live, 1)
	p := min(headroom*100/live, (live+headroom)*100/heapMinimum)
	return max(int(p), floor)
}

// streaming is the pacer of the command running, if it streams.
var streaming atomic.Pointer[streamPacer]

// A streamPacer sets the GC percent after each collection from what it
// found live (streamingPercent), until stopped.
type streamPacer struct {
	// measure returns what the last collection found live and what loads
	// hold outside the heap.
	measure func() (live, raw uint64)
	mu      sync.Mutex
	floor   int // the lowest percent set
	stopped bool
}

// paceStreaming starts pacing the collector for a command that streams
// (see above); stop ends it. The user's GOGC or GOMEMLIMIT is left alone.
func paceStreaming() (stop func()) {
	if userPacesGC() {
		return func() {}
	}
	return startPacer(&streamPacer{measure: memoryNow, floor: 100})
}

// startPacer makes p the command's pacer and sets the percent now and
// after each collection.
func startPacer(p *streamPacer) (stop func()) {
	streaming.Store(p)
	if p.pace() {
		runtime.SetFinalizer(&gcCycle{pacer: p}, (*gcCycle).collected)
	}
	return p.stop
}

func memoryNow() (live, raw uint64) {
	live, _ = readHeap()
	return live, uint64(corpus.RawMemory())
}

// pace sets the GC percent for what the last collection found live, and
// reports whether the pacer still runs.
func (p *streamPacer) pace() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return false
	}
	live, raw := p.measure()
	debug.SetGCPercent(streamingPercent(live, raw, p.floor))
	return true
}

// setStreamingFloor lets the command's pacer go down to floor percent,
// not the default's 100: a streaming command whose live heap grows with
// the corpus (a Parquet export's footer) keeps its peak near what it
// holds, and still collects less often while that is small.
func setStreamingFloor(floor int) {
	if userPacesGC() {
		return
	}
	p := streaming.Load()
	if p == nil {
		debug.SetGCPercent(floor)
		return
	}
	p.mu.Lock()
	p.floor = floor
	p.mu.Unlock()
	p.pace()
}

// stop ends the pacing: no percent is set once it returns.
func (p *streamPacer) stop() {
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
	streaming.CompareAndSwap(p, nil)
}

// A gcCycle is garbage from the moment it is made: its finalizer runs
// after the next collection, and sets itself again for the one after.
type gcCycle struct {
	pacer *streamPacer
	_     [2]uint64 // not a tiny allocation, which may never be finalized
}

func (c *gcCycle) collected() {
	if c.pacer.pace() {
		runtime.SetFinalizer(c, (*gcCycle).collected)
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

// gcPercent is the collector's target now.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}
