package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// DefaultExtensions are the file endings read as documents when walking a
// folder. A file named directly on the command line is read whatever its ending.
var DefaultExtensions = []string{".md", ".markdown", ".txt", ".text"}

// DefaultMaxFileSize is the largest file read; larger ones are skipped with
// a warning. Seed documents are a few KB; this leaves room for long
// articles while keeping one stray dump from eating memory.
const DefaultMaxFileSize = 16 << 20

// entry is one file to load, or one thing found while walking that is not
// loaded (diag set).
type entry struct {
	path string // as shown to the user: the root joined with the relative path
	rel  string // relative to the root, '/'-separated; the basis of the ID
	id   string // the document ID, unique within the load
	// limit is the size limit in force (0: none), checked again on read.
	limit int64
	diag  *Diagnostic
}

// ErrNoPath is wrapped by the error for a corpus path that does not exist.
var ErrNoPath = errors.New("no such file or folder")

// walker lists the files under the roots in a stable order: roots as
// given, each folder's entries sorted by name.
type walker struct {
	exts    map[string]bool
	maxSize int64
	emit    func(entry) error
	allIDs  idSet // every ID given, when there are several roots
}

func newWalker(o Options, roots int, emit func(entry) error) *walker {
	exts := map[string]bool{}
	for _, e := range o.extensions() {
		exts[strings.ToLower(e)] = true
	}
	w := &walker{exts: exts, maxSize: o.maxFileSize(), emit: emit}
	if roots > 1 {
		w.allIDs = newIDSet()
	}
	return w
}

// uniqueID gives a file its document ID. Two files of one root can only
// clash when they share a folder (an ID is the path without extension),
// so a set per folder suffices and memory does not grow with the corpus;
// only a load of several roots, whose IDs may clash across roots, keeps a
// set of every ID. IDs depend on file names alone, not on contents.
func (w *walker) uniqueID(folder idSet, rel string) string {
	id := folder.unique(idFromRel(rel), rel)
	if w.allIDs != nil {
		id = w.allIDs.unique(id, rel)
	}
	return id
}

// CheckPaths returns an error wrapping ErrNoPath for the first root that
// does not exist, so a command can fail before it loads anything.
func CheckPaths(roots []string) error {
	for _, r := range roots {
		if _, err := os.Stat(r); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: %w", r, ErrNoPath)
			}
			return err
		}
	}
	return nil
}

func (w *walker) walkRoot(ctx context.Context, root string) error {
	fi, err := os.Stat(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", root, ErrNoPath)
		}
		return err
	}
	if !fi.IsDir() {
		rel := path.Base(filepath.ToSlash(root))
		return w.file(root, rel, w.uniqueID(newIDSet(), rel), fi)
	}
	return w.dir(ctx, root, "", []fileID{idOf(fi)})
}

// fileID identifies a folder on disk, to spot symlink loops.
type fileID struct{ dev, ino uint64 }

func (w *walker) dir(ctx context.Context, dir, rel string, ancestors []fileID) error {
	des, err := os.ReadDir(dir)
	if err != nil {
		return w.emit(entry{path: dir, diag: errorAt(Pos{File: dir}, "cannot read folder: %v", unwrapPathError(err))})
	}
	ids := newIDSet()
	for _, de := range des {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue // hidden files and folders (.git, .seedscope.yaml)
		}
		p := filepath.Join(dir, name)
		r := path.Join(rel, name)
		isDoc := w.exts[strings.ToLower(path.Ext(name))]
		if de.Type().IsRegular() {
			// No stat for a plain file: the reader checks the open file's
			// type and size, which it must do anyway (the file may change).
			if isDoc {
				if err := w.emit(entry{path: p, rel: r, id: w.uniqueID(ids, r), limit: w.maxSize}); err != nil {
					return err
				}
			}
			continue
		}
		fi, err := os.Stat(p) // follows symlinks
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && de.Type()&fs.ModeSymlink != 0 {
				if err := w.emit(entry{path: p, diag: warnPtr(Pos{File: p}, "broken symlink; skipped")}); err != nil {
					return err
				}
				continue
			}
			if err := w.emit(entry{path: p, diag: errorAt(Pos{File: p}, "%v", unwrapPathError(err))}); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			id := idOf(fi)
			if containsID(ancestors, id) {
				if err := w.emit(entry{path: p, diag: warnPtr(Pos{File: p}, "symlink loop: folder is its own ancestor; skipped")}); err != nil {
					return err
				}
				continue
			}
			if err := w.dir(ctx, p, r, append(ancestors, id)); err != nil {
				return err
			}
			continue
		}
		if !isDoc {
			continue
		}
		if err := w.file(p, r, w.uniqueID(ids, r), fi); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) file(p, rel, id string, fi fs.FileInfo) error {
	e := entry{path: p, rel: rel, id: id, limit: w.maxSize}
	switch {
	case !fi.Mode().IsRegular():
		e.diag = warnPtr(Pos{File: p}, "not a regular file (%s); skipped", modeName(fi.Mode()))
	case w.maxSize > 0 && fi.Size() > w.maxSize:
		e.diag = tooBig(p, fi.Size(), w.maxSize)
	}
	return w.emit(e)
}

func tooBig(p string, size, limit int64) *Diagnostic {
	return warnPtr(Pos{File: p}, "file is %s, over the %s size limit (--max-file-size); skipped",
		FormatSize(size), FormatSize(limit))
}

func containsID(ids []fileID, id fileID) bool {
	if id == (fileID{}) {
		return false
	}
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "irregular file"
}

func warnPtr(p Pos, format string, args ...any) *Diagnostic {
	d := warningAt(p, format, args...)
	return &d
}

// unwrapPathError drops the path from an *fs.PathError: the diagnostic
// names the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FormatSize prints a byte count in binary units, e.g. "16 MiB".
func FormatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %ciB", int64(v), "KMGTPE"[exp])
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTPE"[exp])
}

// ParseSize reads a byte count such as "16MiB", "512 KiB", "2MB" or
// "1000000". Units are binary (KB = KiB = 1024 bytes). The number is
// decimal digits with an optional fraction ("1.5MiB"); signs, exponents,
// NaN, Inf and hexadecimal are refused, and so is a size that is not a
// whole number of bytes ("0.5", "0.3KiB").
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	if !isDecimal(t) {
		return 0, fmt.Errorf("invalid size %q: use a number of bytes or a unit such as 512KiB, 64MiB", s)
	}
	f, err := strconv.ParseFloat(t, 64)
	v := f * float64(mult)
	switch {
	case err != nil || v > maxSize:
		return 0, fmt.Errorf("invalid size %q: over the largest size, %s", s, FormatSize(maxSize))
	case v != math.Trunc(v):
		return 0, fmt.Errorf("invalid size %q: not a whole number of bytes", s)
	}
	return int64(v), nil
}

// maxSize is the largest size ParseSize accepts: 1 EiB, well inside int64.
const maxSize = 1 << 60

// isDecimal reports whether s is digits, optionally followed by a point
// and more digits.
func isDecimal(s string) bool {
	intPart, frac, hasPoint := strings.Cut(s, ".")
	digits := func(x string) bool {
		if x == "" {
			return false
		}
		for i := 0; i < len(x); i++ {
			if x[i] < '0' || x[i] > '9' {
				return false
			}
		}
		return true
	}
	return digits(intPart) && (!hasPoint || digits(frac))
}
