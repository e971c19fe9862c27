package cmd

import (
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"
)

func TestSetGCPercent(t *testing.T) {
	defer keepGCPercent()()
	debug.SetGCPercent(100)
	tests := []struct {
		gogc, gomemlimit string
		want             int
	}{
		{"", "", gcPercentHolding},
		{"200", "", 100}, // the user's GOGC wins
		{"", "1GiB", 100},
	}
	for _, tt := range tests {
		t.Setenv("GOGC", tt.gogc)
		t.Setenv("GOMEMLIMIT", tt.gomemlimit)
		debug.SetGCPercent(100)
		setGCPercent(gcPercentHolding)
		if got := gcPercent(); got != tt.want {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: GC percent %d, want %d", tt.gogc, tt.gomemlimit, got, tt.want)
		}
	}
}

func TestHoldingPercent(t *testing.T) {
	for _, tt := range []struct {
		live, heap uint64
		want       int
	}{
		{0, 0, gcPercentHolding},          // no collection yet
		{100, 90, gcPercentHolding},       // less than live: count from live
		{100, 100, gcPercentHolding},      // the heap is all live
		{100, 145, 64 + gcPercentHolding}, // garbage since: beyond 45/64 of the way
		{312 << 20, 484 << 20, 79 + gcPercentHolding},
	} {
		if got := holdingPercent(tt.live, tt.heap); got != tt.want {
			t.Errorf("holdingPercent(%d, %d) = %d, want %d", tt.live, tt.heap, got, tt.want)
		}
	}
}

// TestHoldGCStartsNoCollection: pacing a held corpus leaves the goal above
// the heap of the moment, so setting it starts no collection.
func TestHoldGCStartsNoCollection(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer keepGCPercent()()
	debug.SetGCPercent(100)
	held := make([][]byte, 0, 64)
	for range 64 {
		held = append(held, make([]byte, 1<<20))
	}
	runtime.GC() // 64 MiB live
	garbage := make([][]byte, 0, 32)
	for range 32 {
		garbage = append(garbage, make([]byte, 1<<20))
	}
	garbage = nil
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	holdGC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(held)
	if after.NumGC != before.NumGC {
		t.Errorf("holdGC started %d collections", after.NumGC-before.NumGC)
	}
	if p := gcPercent(); p <= gcPercentHolding {
		t.Errorf("GC percent %d with garbage on the heap, want more than %d", p, gcPercentHolding)
	}
}

// TestExecuteRestoresGCPercent: the pacing a command sets ends with it.
func TestExecuteRestoresGCPercent(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer keepGCPercent()()
	debug.SetGCPercent(77)
	if r := execute(t, false, "list", seedsDir); r.status != 0 {
		t.Fatalf("list: status %d, %s", r.status, r.stderr)
	}
	if got := gcPercent(); got != 77 {
		t.Errorf("GC percent after list = %d, want 77", got)
	}
}

func TestStreamingPercent(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 400},        // no collection yet: the heap minimum at 400 % is 16 MiB
		{2 * mib, 450},  // a streaming export: goal 18 MiB
		{8 * mib, 200},  // goal 24 MiB = live + headroom
		{16 * mib, 100}, // the default doubles it
		{64 * mib, 100}, // never below the default while it is small
		{65 * mib, 25},  // a huge file in flight: a quarter over it
		{1 << 30, 25},
	} {
		got := streamingPercent(tt.live, 0, 100)
		if got != tt.want {
			t.Errorf("streamingPercent(%d MiB, 0, 100) = %d, want %d", tt.live/mib, got, tt.want)
		}
	}
	// Whatever is live and held outside the heap, the goal (as the
	// runtime computes it) is live + the headroom left, or the default's
	// 2 × live where that is more, to a percent.
	for _, floor := range []uint64{100, gcPercentParquet} {
		for _, raw := range []uint64{0, 1, 4 * mib, streamHeadroom - 1, streamHeadroom, 34 * mib} {
			for live := uint64(1); live <= 64*mib; live += live/7 + 1 {
				p := uint64(streamingPercent(live, raw, int(floor)))
				goal := max(live*(100+p)/100, heapMinimum*p/100)
				want := max(live+streamHeadroom-min(raw, streamHeadroom), live*(100+floor)/100, heapMinimum*floor/100)
				if goal > want || goal < want-want/100-1 {
					t.Fatalf("live %d, raw %d, floor %d: percent %d gives goal %d, want %d", live, raw, floor, p, goal, want)
				}
			}
		}
	}
}

// TestPaceStreaming: the pacer sets the percent for what each collection
// finds live, stops when a command sets its own, and leaves the user's
// GOGC alone.
func TestPaceStreaming(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer keepGCPercent()()
	debug.SetGCPercent(100)

	const mib = 1 << 20
	var mu sync.Mutex
	live, raw, measured := uint64(2*mib), uint64(0), 0
	memory := func(l, r uint64) {
		mu.Lock()
		live, raw = l, r
		mu.Unlock()
	}
	stop := startPacer(&streamPacer{floor: 100, measure: func() (uint64, uint64) {
		mu.Lock()
		defer mu.Unlock()
		measured++
		return live, raw
	}})
	defer stop()
	if got, want := gcPercent(), streamingPercent(2*mib, 0, 100); got != want {
		t.Fatalf("at the start: GC percent %d, want %d", got, want)
	}
	waitPercent := func(want int) {
		t.Helper()
		for range 200 {
			collect(1)
			if gcPercent() == want {
				return
			}
		}
		t.Fatalf("GC percent %d, want %d", gcPercent(), want)
	}
	memory(64*mib, 0)
	waitPercent(100) // the default's doubling is more than the headroom
	memory(8*mib, 0)
	waitPercent(200) // it set itself again for the next collection
	memory(2*mib, 34*mib)
	waitPercent(100) // a million-file folder's listing takes the headroom

	// A streaming Parquet export lets the pacer go below the default.
	memory(64*mib, 0)
	setStreamingFloor(gcPercentParquet)
	if got := gcPercent(); got != gcPercentParquet {
		t.Errorf("floor %d at 64 MiB live: GC percent %d", gcPercentParquet, got)
	}
	memory(2*mib, 0)
	waitPercent(streamingPercent(2*mib, 0, gcPercentParquet))

	setGCPercent(gcPercentParquet) // a command's own target ends the pacing
	mu.Lock()
	before := measured
	mu.Unlock()
	memory(2*mib, 0)
	collect(5)
	if got := gcPercent(); got != gcPercentParquet {
		t.Errorf("after setGCPercent(%d) and collections: GC percent %d", gcPercentParquet, got)
	}
	mu.Lock()
	defer mu.Unlock()
	if measured != before {
		t.Errorf("the stopped pacer measured %d more times", measured-before)
	}
}

func TestPaceStreamingLeavesGOGC(t *testing.T) {
	t.Setenv("GOGC", "300")
	defer keepGCPercent()()
	debug.SetGCPercent(300)
	stop := paceStreaming()
	defer stop()
	collect(3)
	if got := gcPercent(); got != 300 {
		t.Errorf("GOGC=300: GC percent %d after pacing", got)
	}
}

// collect runs n collections, each followed by a pause in which the
// finalizers it queued (the pacer's) can run.
func collect(n int) {
	for range n {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}
