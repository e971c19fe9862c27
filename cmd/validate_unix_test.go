//go:build unix

package cmd

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestValidateConfigFIFO: --config naming a FIFO is a usage error at
// once, not a process blocked waiting for a writer.
func TestValidateConfigFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	type result struct {
		errOut string
		status int
	}
	done := make(chan result, 1)
	go func() {
		_, errOut, status := validateCmd(t, seedsDir, "--config", fifo)
		done <- result{errOut, status}
	}()
	select {
	case r := <-done:
		if r.status != 2 || !strings.Contains(r.errOut, "not a regular file") {
			t.Errorf("--config FIFO: status %d, stderr %q; want 2 and \"not a regular file\"", r.status, r.errOut)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("--config FIFO blocks")
	}
}
