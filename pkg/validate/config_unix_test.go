//go:build unix

package validate

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadConfigSpecial: a FIFO or a device given as the configuration
// file is refused at once, never opened for a blocking read.
func TestReadConfigSpecial(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{fifo, "/dev/zero"} {
		done := make(chan error, 1)
		go func() { _, err := ReadConfig(p); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("ReadConfig(%s) = %v, want \"not a regular file\"", p, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadConfig(%s) blocks", p)
		}
	}
}
