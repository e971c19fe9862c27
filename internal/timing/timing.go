// Package timing helps the tests that show a function runs in linear
// time: they time it on inputs of n and 2n units and compare.
package timing

import (
	"runtime"
	"runtime/debug"
	"time"
)

// BestOf2 times a and b alternately, rounds times each, and returns the
// shortest time of each: alternating gives both the same share of a
// noisy machine, and the shortest run is the one least disturbed. Each
// run starts after a collection and runs without one, so that whether a
// collection falls inside a run does not decide its time.
func BestOf2(rounds int, a, b func()) (time.Duration, time.Duration) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	ta, tb := time.Duration(1<<62), time.Duration(1<<62)
	for range rounds {
		for _, r := range []struct {
			fn   func()
			best *time.Duration
		}{{a, &ta}, {b, &tb}} {
			debug.SetGCPercent(100)
			runtime.GC()
			debug.SetGCPercent(-1)
			start := time.Now()
			r.fn()
			*r.best = min(*r.best, time.Since(start))
		}
	}
	return ta, tb
}
