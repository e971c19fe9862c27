package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	assertContent(t, path, "new")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o666&^umask() {
		t.Errorf("mode = %v, want %v (0666 less the umask)", fi.Mode().Perm(), 0o666&^umask())
	}

	// A replaced file keeps its mode.
	os.Chmod(path, 0o600)
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "newer"); return err }); err != nil {
		t.Fatal(err)
	}
	assertContent(t, path, "newer")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", fi.Mode().Perm())
	}

	// A failure half-way leaves the old content and no temporary file.
	boom := errors.New("disk on fire")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	assertContent(t, path, "newer")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only out.json", len(entries))
	}
}

func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	if err := Write(filepath.Join(dir, "missing", "out"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
	if err := Write(dir, func(io.Writer) error { return nil }); err == nil {
		t.Error("writing over a folder succeeded")
	}
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Errorf("%s = %q, %v; want %q", path, b, err, want)
	}
}
