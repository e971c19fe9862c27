package iostreams

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

func TestGrowPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	growPipe(w)
	n, err := unix.FcntlInt(w.Fd(), unix.F_GETPIPE_SZ, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n < pipeSize {
		// The kernel may refuse (a lower pipe-max-size, the user's quota of
		// pipe memory); growPipe then leaves the pipe alone. Tell which.
		if _, err := unix.FcntlInt(w.Fd(), unix.F_SETPIPE_SZ, pipeSize); err == nil {
			t.Fatalf("pipe buffer %d after growPipe, want %d", n, pipeSize)
		}
		t.Skipf("this system refuses a %d-byte pipe buffer", pipeSize)
	}

	// Not a pipe: left alone, without error.
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	growPipe(f)
	if _, err := f.WriteString("x"); err != nil {
		t.Fatal(err)
	}
}
