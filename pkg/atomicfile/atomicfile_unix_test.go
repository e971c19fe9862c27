//go:build unix

package atomicfile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// umask reads the process's umask (tests only: it is set and restored).
func umask() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		out = append(out, de.Name())
	}
	return out
}

// TestWriteUmask: a new file gets 0666 less the umask, whatever it is; a
// replaced file keeps its own mode.
func TestWriteUmask(t *testing.T) {
	for _, mask := range []int{0, 0o022, 0o027, 0o077} {
		t.Run(strconv.FormatInt(int64(mask), 8), func(t *testing.T) {
			old := syscall.Umask(mask)
			defer syscall.Umask(old)
			dir := t.TempDir()
			p := filepath.Join(dir, "new.json")
			if err := Write(p, writeString("x")); err != nil {
				t.Fatal(err)
			}
			if fi, _ := os.Stat(p); fi.Mode().Perm() != fs.FileMode(0o666&^mask) {
				t.Errorf("new file: mode %v, want %v", fi.Mode().Perm(), fs.FileMode(0o666&^mask))
			}
			os.Chmod(p, 0o604)
			if err := Write(p, writeString("y")); err != nil {
				t.Fatal(err)
			}
			if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o604 {
				t.Errorf("replaced file: mode %v, want 0604 kept", fi.Mode().Perm())
			}
		})
	}
}

// TestWriteThroughLinks: a symlink (or a chain of them) is written through:
// the link stays, the file it leads to gets the content and keeps its mode.
func TestWriteThroughLinks(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	target := filepath.Join(sub, "target.json")
	os.WriteFile(target, []byte("old"), 0o640)
	os.Symlink("sub/target.json", filepath.Join(dir, "link1"))
	os.Symlink(filepath.Join(dir, "link1"), filepath.Join(dir, "link2"))
	os.Symlink("sub/missing.json", filepath.Join(dir, "dangling"))
	os.Symlink("loop-b", filepath.Join(dir, "loop-a"))
	os.Symlink("loop-a", filepath.Join(dir, "loop-b"))

	for _, link := range []string{"link1", "link2"} {
		p := filepath.Join(dir, link)
		if err := Write(p, writeString("via "+link)); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(p); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symlink", link)
		}
		assertContent(t, target, "via "+link)
		if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
			t.Errorf("target mode %v, want 0640 kept", fi.Mode().Perm())
		}
	}
	// A dangling link creates the file it names.
	if err := Write(filepath.Join(dir, "dangling"), writeString("created")); err != nil {
		t.Fatal(err)
	}
	assertContent(t, filepath.Join(sub, "missing.json"), "created")
	if err := Write(filepath.Join(dir, "loop-a"), writeString("x")); err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("link loop: %v", err)
	}
	if got := names(t, sub); !slices.Equal(got, []string{"missing.json", "target.json"}) {
		t.Errorf("sub holds %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"dangling", "link1", "link2", "loop-a", "loop-b", "sub"}) {
		t.Errorf("folder holds %q", got)
	}
	// Existing names what a write would overwrite.
	tg, err := Resolve(filepath.Join(dir, "link2"))
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(target); !os.SameFile(tg.Existing(), fi) {
		t.Errorf("Existing() is not the link's target")
	}
	if tg, _ := Resolve(filepath.Join(dir, "new")); tg.Existing() != nil {
		t.Errorf("Existing() of a new file = %v", tg.Existing())
	}
}

// TestWriteNonRegular: devices, FIFOs and this process's descriptors are
// written to directly: no temporary file, no rename, the reader gets the
// bytes and the special file stays what it was.
func TestWriteNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := Write(fifo, writeString("through the fifo")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the fifo" {
		t.Errorf("FIFO reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", fi.Mode())
	}
	if got := names(t, dir); !slices.Equal(got, []string{"fifo"}) {
		t.Errorf("folder holds %q", got)
	}
	if err := Write(os.DevNull, writeString("discarded")); err != nil {
		t.Errorf("/dev/null: %v", err)
	}
	if fi, _ := os.Stat(os.DevNull); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/null is no longer a device")
	}

	// A descriptor of this process, as /dev/stdout is: the bytes go down
	// the pipe, and the descriptor stays open.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	paths := []string{"/dev/fd/" + strconv.Itoa(int(w.Fd()))}
	if _, err := os.Stat("/proc/self/fd"); err == nil {
		paths = append(paths, "/proc/self/fd/"+strconv.Itoa(int(w.Fd())))
		// A link to the descriptor, as /dev/stdout is to /proc/self/fd/1.
		link := filepath.Join(dir, "stdout")
		os.Symlink("/proc/self/fd/"+strconv.Itoa(int(w.Fd())), link)
		paths = append(paths, link)
	}
	for _, p := range paths {
		tg, err := Resolve(p)
		if err != nil {
			t.Fatal(err)
		}
		if !tg.Direct() || tg.Existing() == nil || tg.Existing().Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("%s: direct=%v existing=%v; want the pipe, written directly", p, tg.Direct(), tg.Existing())
		}
		if err := Write(p, writeString(p+"\n")); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		buf := make([]byte, len(p)+1)
		if _, err := io.ReadFull(r, buf); err != nil || string(buf) != p+"\n" {
			t.Errorf("%s: the pipe got %q, %v", p, buf, err)
		}
	}
	if _, err := w.Write([]byte("still open")); err != nil {
		t.Errorf("the descriptor was closed: %v", err)
	}
}

// TestWriteCancelled: a cancelled context, or RemoveTemps (a process about
// to exit on a signal), stops the write before the rename: the old file
// stays and no temporary file is left.
func TestWriteCancelled(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	os.WriteFile(p, []byte("old"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	err := WriteContext(ctx, p, func(w io.Writer) error {
		io.WriteString(w, "new")
		Interrupt(cancel)
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	assertContent(t, p, "old")
	if got := names(t, dir); !slices.Equal(got, []string{"out.json"}) {
		t.Errorf("folder holds %q", got)
	}

	defer func() { mu.Lock(); stopped = false; mu.Unlock() }()
	err = Write(p, func(w io.Writer) error {
		io.WriteString(w, "new")
		if n := len(names(t, dir)); n != 2 {
			t.Errorf("%d entries while writing, want out.json and the temporary file", n)
		}
		RemoveTemps()
		if got := names(t, dir); !slices.Equal(got, []string{"out.json"}) {
			t.Errorf("RemoveTemps left %q", got)
		}
		return nil
	})
	if !errors.Is(err, errStopped) {
		t.Errorf("err = %v, want errStopped", err)
	}
	assertContent(t, p, "old")
}

// TestWriteLongName: the temporary file's name fits however long the
// target's name is.
func TestWriteLongName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, strings.Repeat("n", 250)+".json")
	if err := Write(p, writeString("x")); err != nil {
		t.Fatal(err)
	}
	assertContent(t, p, "x")
}
