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
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
	rel  string // relative to the root, '/'-separated, names escaped (see escapeName); the basis of the ID
	id   string // the document ID, unique within the load
	// limit is the size limit in force (0: none), checked again on read.
	limit int64
	// noFollow opens the file without following a symlink: it was listed
	// as a regular file, and a link swapped in since must not be read.
	noFollow bool
	// alone marks a file named as a root outside any corpus root (see
	// Result.BaseID).
	alone bool
	diag  *Diagnostic
}

// baseID is the entry's Result.BaseID.
func (e *entry) baseID() string {
	if e.alone {
		return idFromRel(path.Join(escapePath(filepath.ToSlash(e.path))))
	}
	return idFromRel(e.rel)
}

// ErrNoPath is wrapped by the error for a corpus path that does not exist.
var ErrNoPath = errors.New("no such file or folder")

// Seen remembers, by device and inode, the folders and files a load has
// read, so that each is read once whatever the paths that lead to it:
// symlinks, hard links, a bind mount, or paths given twice or nested
// ("dir dir", "dir dir/sub"). One Stream keeps its own; callers that run
// several Streams over the roots of one command share one from NewSeen.
//
// Folders are always remembered (one entry per folder). Files are
// remembered when they may be met again: files with several hard links,
// and every file when symlinks are followed or there are several roots;
// the one-root default keeps no set of files, so its memory does not grow
// with the corpus.
type Seen struct {
	folders map[fileID]string // the path a folder was first read as
	files   map[fileID]struct{}
	all     bool // remember every file, not only hard-linked ones
}

// NewSeen returns a Seen to share between the Streams of one command.
func NewSeen() *Seen { return newSeen(true) }

func newSeen(all bool) *Seen {
	return &Seen{folders: map[fileID]string{}, files: map[fileID]struct{}{}, all: all}
}

// firstSighting records the file a result was read from and reports
// whether it is the first time. Results not read from a file pass.
func (s *Seen) firstSighting(r *Result) bool {
	if r.file == (fileID{}) || !(s.all || r.links > 1) {
		return true
	}
	if _, dup := s.files[r.file]; dup {
		return false
	}
	s.files[r.file] = struct{}{}
	return true
}

// duplicate is the result for a file read before under another path.
func duplicate(r Result) Result {
	return Result{Path: r.Path, Diags: []Diagnostic{warningAt(Pos{File: r.Path},
		"same file as one already read (a hard link, a followed symlink or a path given twice); skipped")}}
}

// walker lists the files under the roots in a stable order: roots as
// given, each folder's entries sorted by name.
type walker struct {
	exts    map[string]bool
	maxSize int64
	follow  bool // follow symlinks met in folders
	seen    *Seen
	emit    func(entry) error
	allIDs  idSet // every ID given, when there are several roots
	prefix  map[string]string
}

func newWalker(o Options, roots int, seen *Seen, emit func(entry) error) *walker {
	exts := map[string]bool{}
	for _, e := range o.SeedExtensions() {
		exts[strings.ToLower(e)] = true
	}
	w := &walker{exts: exts, maxSize: o.maxFileSize(), follow: o.FollowLinks, seen: seen, emit: emit, prefix: o.IDPrefix}
	if roots > 1 || seen.all {
		w.allIDs = newIDSet()
	}
	return w
}

// uniqueID gives entry i of a folder, at rel (escaped name esc), its
// document ID. Two files of one root can only clash when they share a
// folder (an ID is the path without extension), so a set per folder
// suffices (see folderIDs) and memory does not grow with the corpus; only
// a load of several roots, whose IDs may clash across roots, keeps a set
// of every ID. IDs depend on file names alone, not on contents.
func (w *walker) uniqueID(ids *folderIDs, i int, esc, rel string) string {
	// rel is the folder's path, joined with esc: the IDs of a folder are
	// that path followed by their part within the folder.
	id := rel[:len(rel)-len(esc)] + ids.unique(i, esc)
	return w.globalID(id, rel)
}

// globalID makes a folder's ID unique across roots, when there are
// several.
func (w *walker) globalID(id, rel string) string {
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

// walkRoot walks one path named by the user. It is followed if it is a
// symlink, whatever Options.FollowLinks says.
func (w *walker) walkRoot(ctx context.Context, root string) error {
	fi, err := os.Stat(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", root, ErrNoPath)
		}
		return err
	}
	prefix := escapePath(w.prefix[root])
	if !fi.IsDir() {
		rel := path.Join(prefix, escapeName(path.Base(filepath.ToSlash(root))))
		_, rooted := w.prefix[root]
		return w.fileEntry(entry{path: root, rel: rel, id: w.globalID(idFromRel(rel), rel), alone: !rooted}, fi)
	}
	return w.dir(ctx, root, prefix, nil, true)
}

// escapePath escapes each name of a '/'-separated path (see escapeName).
func escapePath(p string) string {
	if p == "" || p == "." {
		return ""
	}
	names := strings.Split(p, "/")
	for i, n := range names {
		names[i] = escapeName(n)
	}
	return strings.Join(names, "/")
}

// fileID identifies a file or folder on disk: its device and inode.
type fileID struct{ dev, ino uint64 }

// dir walks one folder, unless it was read before (a symlink loop, a
// diamond of symlinks, a nested or repeated root): each real folder is
// read once. follow opens it through a symlink (a root or a followed
// link); a folder listed as such is opened without following one.
func (w *walker) dir(ctx context.Context, dir, rel string, ancestors []fileID, follow bool) error {
	f, err := openDir(dir, follow)
	if err != nil {
		return w.emit(entry{path: dir, diag: errorAt(Pos{File: dir}, "cannot read folder: %v", unwrapPathError(err))})
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return w.emit(entry{path: dir, diag: errorAt(Pos{File: dir}, "cannot read folder: %v", unwrapPathError(err))})
	}
	id := idOf(fi)
	if id != (fileID{}) {
		if first, ok := w.seen.folders[id]; ok {
			f.Close()
			msg := "folder already read as " + first + "; skipped"
			if slices.Contains(ancestors, id) {
				msg = "symlink loop: folder is its own ancestor; skipped"
			}
			return w.emit(entry{path: dir, diag: warnPtr(Pos{File: dir}, "%s", msg)})
		}
		w.seen.folders[id] = dir
	}
	l, err := readListing(f, w.exts)
	f.Close()
	if err != nil {
		return w.emit(entry{path: dir, diag: errorAt(Pos{File: dir}, "cannot read folder: %v", unwrapPathError(err))})
	}
	defer l.free()
	ids := newFolderIDs(l)
	defer ids.release()
	ancestors = append(ancestors, id)
	for i := range l.len() {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := string(l.name(i))
		p := filepath.Join(dir, name)
		esc := escapeName(name)
		r := path.Join(rel, esc)
		isDoc := l.has(i, flagDoc)
		var err error
		switch l.kind(i) {
		case kindRegular:
			// No stat for a plain file: the reader checks the open file's
			// type and size, which it must do anyway (the file may change).
			err = w.emit(entry{path: p, rel: r, id: w.uniqueID(ids, i, esc, r), limit: w.maxSize, noFollow: true})
		case kindDir:
			err = w.dir(ctx, p, r, ancestors, false)
		case kindSymlink:
			err = w.link(ctx, p, r, isDoc, func() string { return w.uniqueID(ids, i, esc, r) }, ancestors)
		default: // a FIFO, socket or device with a document's name: reported, never opened
			var fi fs.FileInfo
			if fi, err = os.Lstat(p); err != nil {
				err = w.emit(entry{path: p, diag: errorAt(Pos{File: p}, "%v", unwrapPathError(err))})
			} else {
				err = w.file(p, r, w.uniqueID(ids, i, esc, r), fi, true)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// link handles a symlink met in a folder. Without FollowLinks it is
// reported and not read, so a link to /etc/passwd is not exported and
// nothing is dropped silently; with it, the file or folder it leads to is
// read, once (see Seen).
//
// uniqueID gives the file its ID, when it is read.
func (w *walker) link(ctx context.Context, p, rel string, isDoc bool, uniqueID func() string, ancestors []fileID) error {
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return w.emit(entry{path: p, diag: warnPtr(Pos{File: p}, "broken symlink; skipped")})
	case err != nil:
		return w.emit(entry{path: p, diag: errorAt(Pos{File: p}, "%v", unwrapPathError(err))})
	case !w.follow && fi.IsDir():
		return w.emit(entry{path: p, diag: warnPtr(Pos{File: p}, "symlink to a folder, not followed (--follow reads through links); skipped")})
	case !w.follow && isDoc:
		return w.emit(entry{path: p, diag: warnPtr(Pos{File: p}, "symlink, not followed (--follow reads through links); skipped")})
	case !w.follow:
		return nil // not a document, as a file of this name would not be
	case fi.IsDir():
		return w.dir(ctx, p, rel, ancestors, true)
	case isDoc:
		return w.file(p, rel, uniqueID(), fi, false)
	}
	return nil
}

// file emits a file whose type is known from a stat.
func (w *walker) file(p, rel, id string, fi fs.FileInfo, noFollow bool) error {
	return w.fileEntry(entry{path: p, rel: rel, id: id, noFollow: noFollow}, fi)
}

func (w *walker) fileEntry(e entry, fi fs.FileInfo) error {
	p := e.path
	e.limit = w.maxSize
	switch {
	case !fi.Mode().IsRegular():
		e.diag = warnPtr(Pos{File: p}, "not a regular file (%s); skipped", modeName(fi.Mode()))
	case w.maxSize > 0 && fi.Size() > w.maxSize:
		e.diag = tooBig(p, fi.Size(), w.maxSize)
	}
	return w.emit(e)
}

// escapeName makes a file name valid UTF-8 for IDs and printed paths
// without letting two names become one: each byte that is not part of
// valid UTF-8 is written \xNN, and a backslash that starts "\xNN" in the
// name itself is written \x5c, so the mapping can be undone (replace every
// \xNN by byte NN). JSON would otherwise print every invalid byte as
// U+FFFD, and "a\xff.md" and "a\xfe.md" would share an ID and a path.
// Other names are returned unchanged.
func escapeName(s string) string {
	if utf8.ValidString(s) && !hasHexEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' && filepath.Separator != '\\' && hasHexEscape(s[i:i+min(4, len(s)-i)]) {
			b.WriteString(`\x5c`)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
			i++
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"

// hasHexEscape reports whether s holds a backslash, x and two hex digits
// (never on Windows, where the backslash separates folders).
func hasHexEscape(s string) bool {
	if filepath.Separator == '\\' {
		return false
	}
	for i := strings.Index(s, `\x`); i >= 0 && i+3 < len(s); {
		if isHex(s[i+2]) && isHex(s[i+3]) {
			return true
		}
		j := strings.Index(s[i+1:], `\x`)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// DisplayPath is a path as printed in JSON, CSV and tables: the path with
// each name escaped as by escapeName, valid UTF-8 and distinct for
// distinct paths.
func DisplayPath(p string) string { return escapeName(p) }

func tooBig(p string, size, limit int64) *Diagnostic {
	return warnPtr(Pos{File: p}, "file is %s, over the %s size limit (--max-file-size); skipped",
		FormatSize(size), FormatSize(limit))
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

// WalkIDs calls fn, in path order, with the ID and path of each file a
// Stream of the same roots and options would read, without opening any
// of them: the IDs are those Stream gives (the same walker makes them;
// they depend on file names alone), for a cost that is the walk's. Things
// the walk already knows are not documents (a FIFO, a file over the size
// limit, a symlink not followed, an unreadable folder) are left out;
// files that Stream would then skip (content that does not parse, or a
// second hard link to a file already read) are not known without reading
// them, and are included. If fn returns an error, WalkIDs stops and
// returns it.
func WalkIDs(ctx context.Context, roots []string, o Options, fn func(id, path string) error) error {
	seen := o.Seen
	if seen == nil {
		seen = newSeen(o.FollowLinks || len(roots) > 1)
	}
	w := newWalker(o, len(roots), seen, func(e entry) error {
		if e.diag != nil {
			return nil
		}
		return fn(e.id, e.path)
	})
	for _, r := range roots {
		if err := w.walkRoot(ctx, r); err != nil {
			return err
		}
	}
	return nil
}
