package cmd

import (
	"runtime"
	"runtime/debug"
	"testing"
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
