// Package parallel runs a function over the items of a slice on several
// goroutines, in chunks, for the views that read every document of a
// corpus (search, concordance, terms, dupes). Results stay deterministic
// as long as each call writes only to its item's slot or to its worker's
// own state, merged afterwards in a fixed order.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines For runs for n items taken chunk at a
// time: workers (0 or less: GOMAXPROCS), at most one per chunk, at least
// one. Callers size their per-worker state with it.
func Workers(workers, n, chunk int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunk = max(chunk, 1)
	return max(1, min(workers, (n+chunk-1)/chunk))
}

// For calls fn(w, i) for every i in [0, n) on Workers(workers, n, chunk)
// goroutines, w being the goroutine's number (from 0) so that fn can keep
// per-worker state in a slice of that length. Each goroutine takes the
// next chunk of items and runs it in order, so that one chunk is always
// one goroutine's. Once ctx is done no further chunk starts; For returns
// ctx.Err() then, nil when every item ran.
func For(ctx context.Context, workers, n, chunk int, fn func(w, i int)) error {
	chunk = max(chunk, 1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range Workers(workers, n, chunk) {
		wg.Go(func() {
			for ctx.Err() == nil {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					fn(w, i)
				}
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
