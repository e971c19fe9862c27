package cmd

import (
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
