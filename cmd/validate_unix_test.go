//go:build unix

package cmd

import (
	"os"
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

// TestValidateFixFailed: a file --fix cannot write is a fix-failed error
// among the findings; the other files are fixed and every finding is
// printed.
func TestValidateFixFailed(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, strings.Repeat("n", 240)+".txt")
	ok := filepath.Join(dir, "001_0123456789abcdef.txt")
	ro := filepath.Join(dir, "002_0123456789abcdef.txt")
	for _, p := range []string{long, ok, ro} {
		if err := os.WriteFile(p, []byte("Headline & # 39; s\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := validateCmd(t, dir, "--fix", "--disable", "file-name")
	want := ro + ":1:1: error: not fixed (1 broken entity): the file is read-only [fix-failed]\n" +
		ro + ":1:10: warning: broken HTML entity \"& # 39;\" (should be \"&#39;\") [broken-entity]\n" +
		"1 error, 1 warning in 1 file (3 files checked)\n"
	if status != 1 || out != want || errOut != "seedscope: fixed 2 broken entities in 2 files\n" {
		t.Errorf("status %d\nstdout:\n%s\nwant:\n%s\nstderr: %q", status, out, want, errOut)
	}
	for _, p := range []string{long, ok} {
		if b, _ := os.ReadFile(p); string(b) != "Headline &#39; s\n" {
			t.Errorf("%s not fixed: %q", filepath.Base(p), b)
		}
	}
}
