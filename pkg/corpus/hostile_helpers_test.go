package corpus

import (
	"runtime"
	"testing"
	"time"
)

// hangLimit is a hang detector, not a timing assertion: the whole hostile
// load takes well under a second.
const hangLimit = 2 * time.Minute

// withDeadline runs fn and fails the test, with every goroutine's stack,
// if it has not returned within hangLimit.
func withDeadline(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(hangLimit):
		buf := make([]byte, 1<<20)
		t.Fatalf("%s still running after %v (hang):\n%s", what, hangLimit, buf[:runtime.Stack(buf, true)])
	}
}

// allocated returns the bytes fn allocated (all goroutines; the tests
// using it do not run in parallel).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
