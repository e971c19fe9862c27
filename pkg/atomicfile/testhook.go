//go:build seedscope_testhook

package atomicfile

import (
	"context"
	"os"
	"time"
)

// Built only with -tags seedscope_testhook, for the end-to-end signal
// tests: with SEEDSCOPE_TESTHOOK_BEFORE_RENAME=PATH set, a write creates
// PATH when it is about to rename its temporary file, then waits for its
// context to be cancelled (at most a minute), so that a test can send a
// signal at exactly that point.
func init() {
	ready := os.Getenv("SEEDSCOPE_TESTHOOK_BEFORE_RENAME")
	if ready == "" {
		return
	}
	beforeCommit = func(ctx context.Context) {
		os.WriteFile(ready, nil, 0o644)
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}
}
