package parallel

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestWorkers(t *testing.T) {
	for _, c := range []struct{ workers, n, chunk, want int }{
		{4, 0, 64, 1},
		{4, 1, 64, 1},
		{4, 64, 64, 1},
		{4, 65, 64, 2},
		{4, 1000, 64, 4},
		{3, 10, 1, 3},
		{2, 10, 0, 2}, // a chunk of 0 is a chunk of 1
	} {
		if got := Workers(c.workers, c.n, c.chunk); got != c.want {
			t.Errorf("Workers(%d, %d, %d) = %d, want %d", c.workers, c.n, c.chunk, got, c.want)
		}
	}
	if got := Workers(0, 1<<20, 1); got < 1 {
		t.Errorf("Workers(0, …) = %d, want GOMAXPROCS", got)
	}
}

func TestForEveryItemOnce(t *testing.T) {
	for _, c := range []struct{ workers, n, chunk int }{
		{1, 0, 64}, {1, 1, 64}, {2, 100, 7}, {8, 1000, 64}, {3, 5, 1}, {0, 333, 10},
	} {
		seen := make([]int32, c.n)
		nw := Workers(c.workers, c.n, c.chunk)
		perWorker := make([]int, nw)
		err := For(context.Background(), c.workers, c.n, c.chunk, func(w, i int) {
			atomic.AddInt32(&seen[i], 1)
			perWorker[w]++ // one goroutine per w: no race
		})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for i, s := range seen {
			if s != 1 {
				t.Errorf("%+v: item %d ran %d times", c, i, s)
			}
		}
		for _, k := range perWorker {
			total += k
		}
		if total != c.n {
			t.Errorf("%+v: workers ran %d items, want %d", c, total, c.n)
		}
	}
}

// TestForChunkInOrder: a chunk's items run in order on one goroutine, so
// that a caller may append to the chunk's slot.
func TestForChunkInOrder(t *testing.T) {
	const n, chunk = 1000, 16
	slots := make([][]int, (n+chunk-1)/chunk)
	if err := For(context.Background(), 4, n, chunk, func(_, i int) { slots[i/chunk] = append(slots[i/chunk], i) }); err != nil {
		t.Fatal(err)
	}
	for k, s := range slots {
		for j, i := range s {
			if i != k*chunk+j {
				t.Fatalf("chunk %d holds %v", k, s)
			}
		}
	}
}

func TestForStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int64
	err := For(ctx, 2, 1_000_000, 10, func(_, i int) {
		if ran.Add(1) == 5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// Each worker finishes the chunk it holds, then stops.
	if n := ran.Load(); n > 2*10+10 {
		t.Errorf("%d items ran after the cancel, want at most a chunk a worker", n)
	}
	ran.Store(0)
	if err := For(ctx, 2, 100, 10, func(_, _ int) { ran.Add(1) }); !errors.Is(err, context.Canceled) || ran.Load() != 0 {
		t.Errorf("a done context: err %v, %d items ran; want context.Canceled and none", err, ran.Load())
	}
}
