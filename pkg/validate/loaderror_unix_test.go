//go:build unix

package validate

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// TestNotLoadedFIFO: a FIFO named like a seed file is skipped, unread,
// with that one finding.
func TestNotLoadedFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "001_0123456789abcdef.md"), 0o644); err != nil {
		t.Skip(err)
	}
	assertRules(t, dir, corpus.Options{}, []string{RuleFileSkipped})
}
