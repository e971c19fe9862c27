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

// DoublingRatio times small (a function on an input of n units) and
// large (the same on 2n) with BestOf2, rounds rounds a try, and returns
// the shortest time of each over the tries and large's over small's. It
// tries again, tries times at most, while the ratio is over bound: a busy
// machine can slow every run of one try, but a path worse than linear is
// over the bound whatever the noise, since its shortest runs are too.
func DoublingRatio(tries, rounds int, bound float64, small, large func()) (t1, t2 time.Duration, ratio float64) {
	t1, t2 = time.Duration(1<<62), time.Duration(1<<62)
	for range tries {
		a, b := BestOf2(rounds, small, large)
		t1, t2 = min(t1, a), min(t2, b)
		if ratio = float64(t2) / float64(max(t1, time.Microsecond)); ratio <= bound {
			break
		}
	}
	return t1, t2, ratio
}
