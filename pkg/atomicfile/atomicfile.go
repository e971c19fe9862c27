// Package atomicfile writes a file so that readers see either the old
// content or the complete new content, never a half-written file, and so
// that an interrupted or failed write leaves the old file as it was.
//
// The path is resolved first (Resolve): a symlink is written through (the
// file it leads to is replaced, the link stays), and what is not a regular
// file — a device, a FIFO, /dev/stdout and the other descriptors of this
// process — is written to directly, as a shell redirect would, since a
// temporary file renamed over it would replace the device or the link
// rather than reach the reader.
package atomicfile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// maxLinks bounds the symlinks followed to the file written, as the
// system's own limit does (ELOOP).
const maxLinks = 40

// Target is a resolved output path.
type Target struct {
	path  string      // as given
	final string      // the file written, symlinks resolved
	info  fs.FileInfo // what is there now; nil for a new file
	// direct writes in place, without a temporary file: a device, a FIFO,
	// a socket, or (fd >= 0) a descriptor of this process.
	direct bool
	fd     int
}

// Resolve follows path's symlinks to the file a write would change.
func Resolve(path string) (*Target, error) {
	p := path
	for i := 0; ; i++ {
		if fd, ok := ownDescriptor(p); ok {
			fi, err := fdStat(fd)
			if err != nil {
				return nil, &fs.PathError{Op: "write", Path: path, Err: err}
			}
			return &Target{path: path, final: p, info: fi, direct: true, fd: fd}, nil
		}
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return &Target{path: path, final: p, fd: -1}, nil
		case err != nil:
			return nil, err
		case fi.Mode()&fs.ModeSymlink != 0:
			if i == maxLinks {
				return nil, &fs.PathError{Op: "write", Path: path, Err: errors.New("too many levels of symbolic links")}
			}
			to, err := os.Readlink(p)
			if err != nil {
				return nil, err
			}
			if !filepath.IsAbs(to) {
				to = filepath.Join(filepath.Dir(p), to)
			}
			p = to
		case fi.IsDir():
			return nil, &fs.PathError{Op: "write", Path: path, Err: errors.New("not a regular file")}
		default:
			return &Target{path: path, final: p, info: fi, direct: !fi.Mode().IsRegular(), fd: -1}, nil
		}
	}
}

// Existing describes the file a write would overwrite (for a symlink, the
// file it leads to), or nil when the write creates a new one. Callers
// compare it with their inputs (os.SameFile) to refuse to overwrite one.
func (t *Target) Existing() fs.FileInfo { return t.info }

// Direct reports whether the target is written in place, not replaced.
func (t *Target) Direct() bool { return t.direct }

// Write calls fill with a temporary file beside path (beside the file a
// symlink leads to), then syncs it, checks ctx and renames it over the
// file, and syncs the folder. If fill or any step fails or ctx is
// cancelled before the rename, the temporary file is removed and an
// existing file is left untouched. A new file gets mode 0666 less the
// umask; a replaced file keeps its mode. A target that is not a regular
// file is written to directly (see the package comment).
func Write(path string, fill func(io.Writer) error) error {
	return WriteContext(context.Background(), path, fill)
}

// WriteContext is Write with a context checked before the rename.
func WriteContext(ctx context.Context, path string, fill func(io.Writer) error) error {
	t, err := Resolve(path)
	if err != nil {
		return err
	}
	return t.Write(ctx, fill)
}

// Write writes the target (see WriteContext).
func (t *Target) Write(ctx context.Context, fill func(io.Writer) error) (err error) {
	if t.direct {
		return t.writeDirect(fill)
	}
	dir, base := filepath.Split(t.final)
	if dir == "" {
		dir = "."
	}
	perm := fs.FileMode(0o666) // less the umask, applied by the system
	if t.info != nil {
		perm = t.info.Mode().Perm()
	}
	tmp, err := createTemp(dir, base, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		forget(tmp.Name())
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	if t.info != nil {
		if err = tmp.Chmod(t.info.Mode().Perm()); err != nil { // exactly, whatever the umask
			return err
		}
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if beforeCommit != nil {
		beforeCommit(ctx)
	}
	if err = commit(ctx, tmp.Name(), t.final); err != nil {
		return err
	}
	return syncDir(dir)
}

// WritePath is Write for a writer that needs a file name, not an
// io.Writer (a database library): fill gets the name of a new, empty
// temporary file beside the target and must leave it complete and closed;
// then, as Write, the file gets its mode, is synced, and is renamed over
// the target unless ctx is cancelled. A target written directly (a
// device, a FIFO) gets the file's bytes copied to it.
func (t *Target) WritePath(ctx context.Context, fill func(name string) error) (err error) {
	if t.direct {
		dir, err := os.MkdirTemp("", "seedscope-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		name := filepath.Join(dir, filepath.Base(t.final))
		if err := fill(name); err != nil {
			return err
		}
		return t.writeDirect(func(w io.Writer) error {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		})
	}
	return t.Write(ctx, func(w io.Writer) error {
		tmp := w.(*os.File)
		// The library opens the file by its name and writes it whole;
		// Write then syncs, closes and renames this descriptor's file.
		return fill(tmp.Name())
	})
}

func (t *Target) writeDirect(fill func(io.Writer) error) error {
	var f *os.File
	var err error
	if t.fd >= 0 {
		f, err = dupDescriptor(t.fd, t.final)
	} else {
		// No O_CREATE, no O_TRUNC: the device or FIFO is there (opening
		// a FIFO waits for a reader, as a shell redirect does).
		f, err = os.OpenFile(t.final, os.O_WRONLY, 0)
	}
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// createTemp creates a new file in dir for base with perm (less the
// umask). The name is kept short enough for any base name.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	if len(base) > 64 {
		base = base[:64]
	}
	for range 10000 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		remember(name)
		return f, nil
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+".tmp-*"), Err: fs.ErrExist}
}

// The temporary files being written, so that a process about to exit on a
// signal can remove them (RemoveTemps), and the lock that orders renames
// with cancellation (Interrupt).
var (
	mu      sync.Mutex
	temps   = map[string]bool{}
	stopped bool // RemoveTemps ran: no more renames
)

func remember(name string) {
	mu.Lock()
	temps[name] = true
	mu.Unlock()
}

func forget(name string) {
	mu.Lock()
	delete(temps, name)
	mu.Unlock()
}

// beforeCommit, when set, runs before each rename: a test hook, set only
// in builds with the seedscope_testhook tag (testhook.go).
var beforeCommit func(context.Context)

// errStopped is returned by a write that was about to rename after
// RemoveTemps.
var errStopped = errors.New("stopped before the rename")

// commit renames tmp over final unless ctx is cancelled. It holds the lock
// Interrupt takes, so a cancellation comes either before the check (and
// the old file stays) or after the rename (and the new file is complete).
func commit(ctx context.Context, tmp, final string) error {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return errStopped
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Rename(tmp, final)
}

// Track registers a temporary file (or folder) that a writer of its own
// creates (a repair written beside the file it replaces, a tree of
// Parquet files), so that RemoveTemps removes
// it too; the returned function unregisters it once renamed or removed.
// Rename it with Commit.
func Track(name string) (untrack func()) {
	remember(name)
	return func() { forget(name) }
}

// Commit renames tmp over final as Write does: not once RemoveTemps has
// run (the process is exiting on a signal) nor once ctx is cancelled.
func Commit(ctx context.Context, tmp, final string) error { return commit(ctx, tmp, final) }

// SyncDir makes a rename in dir durable; a filesystem that cannot sync a
// folder is no failure.
func SyncDir(dir string) error { return syncDir(dir) }

// Interrupt runs cancel (a context's cancel function) while no rename is
// in progress.
func Interrupt(cancel func()) {
	mu.Lock()
	defer mu.Unlock()
	cancel()
}

// RemoveTemps removes every temporary file still being written and stops
// later renames. A process calls it before it exits without returning
// (a second Ctrl-C, a command blocked past its grace period), so that no
// temporary file is left behind and no existing file is replaced.
func RemoveTemps() {
	mu.Lock()
	defer mu.Unlock()
	stopped = true
	for name := range temps {
		os.RemoveAll(name) // a tracked name may be a folder being filled
		delete(temps, name)
	}
}

// syncDir makes a rename in dir durable. Filesystems that cannot sync a
// folder say so with EINVAL; that is not a failed write.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !syncUnsupported(err) {
		return err
	}
	return nil
}
