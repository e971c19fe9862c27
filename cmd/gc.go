package cmd

import (
	"os"
	"runtime/debug"
)

// While a command holds the whole corpus, the heap is nearly all live
// documents: a load makes little garbage, and output makes some but keeps
// nothing. Collecting at a small growth of the heap then costs little CPU
// and keeps peak memory close to the corpus's own size, where Go's default
// (collect when the heap doubles) would let it reach twice that. The
// figures are in docs/performance.md. A user who sets GOGC or GOMEMLIMIT
// chose their own trade-off, and it is left alone.
const (
	gcPercentLoading = 50
	gcPercentHolding = 5
)

// setGCPercent sets the collector's target for the rest of the command.
func setGCPercent(percent int) {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(percent)
	}
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
