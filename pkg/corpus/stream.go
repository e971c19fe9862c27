package corpus

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Options tune a load. The zero value loads the default extensions with
// the auto parser, one worker per CPU and the default size limit.
type Options struct {
	Parser ParserName
	// Workers bounds the files read and parsed at once; 0 means GOMAXPROCS.
	// More than MaxWorkers is taken as MaxWorkers.
	Workers int
	// MaxFileSize skips larger files with a warning; 0 means
	// DefaultMaxFileSize, a negative value means no limit.
	MaxFileSize int64
	// Extensions overrides DefaultExtensions for files found in folders.
	Extensions []string
	// KeepData hands each file's bytes to the caller in Result.Data, for
	// callers that check the file themselves and should not read it again.
	KeepData bool
	// FollowLinks follows the symlinks met in folders (--follow). Without
	// it they are reported as skipped and not read; the roots themselves
	// are always followed. Either way each real file and folder is read
	// once (see Seen).
	FollowLinks bool
	// Fields maps the corpus's own front-matter keys onto document fields
	// (.seedscope.yaml's "fields:"); nil reads seedscope's keys only.
	Fields *FieldMap
	// Seen, when set, is shared with other Streams, so that a file read
	// by one is a duplicate in the next; nil gives each Stream its own.
	Seen *Seen
	// IDPrefix gives, for a root (as passed to Stream), the '/'-separated
	// path of its folder (a file root's: the file's folder) below the
	// corpus root, the folder whose .seedscope.yaml marks it: the IDs of
	// the files under the root start with it, so that a run on a
	// sub-folder gives the same IDs as a run on the whole corpus. A root
	// absent from the map is its own corpus root: IDs are relative to it,
	// and a file root's ID is its name without the extension.
	IDPrefix map[string]string
	// Progress, when set, is added 1 for each file delivered (to show
	// progress: a reader polls it).
	Progress *atomic.Int64
	// Check, when set, is called for every file with what the loader made
	// of it (see File), on the goroutine that read or parsed it, so that
	// files are checked in parallel, each read and parsed once; what it
	// returns is delivered in Result.Checked. A result found, in path
	// order, to be a second path to a file read before is checked again,
	// as the duplicate it is delivered as (no bytes), on the goroutine
	// that calls fn. Check must be safe for concurrent use.
	Check func(*File) any
	// DocumentStubs, with Check, delivers for each file that loads a
	// Document holding only its ID, Path and Kind, for a caller that asks
	// only which files loaded (Check sees the file itself): the body is
	// neither kept nor counted, and nothing is copied out of the bytes.
	DocumentStubs bool
	// SkipBody loads documents without their body, for a caller that
	// uses neither Body nor Words (counts of topics, providers, dates):
	// the body is not copied and its words are not counted (the largest
	// part of parsing a front-matter file after the front matter). Such a
	// document reports BodySkipped, and printing it panics rather than
	// showing an empty body.
	SkipBody bool
	// Select, when set, says which of the files the walk finds are read
	// (by their document ID and path): the others are neither read nor
	// delivered.
	Select func(id, path string) bool
	// ParseIf, when set, is asked with each file's bytes whether to parse
	// it: a file it refuses is delivered with Unparsed set and no
	// document, a caller that looks for a few documents reads every file
	// (each real file is still delivered once, see Seen) and parses only
	// those that may matter.
	ParseIf func(id, path string, data []byte) bool
	// CountWords, when set, says by a file's document ID and path
	// whether the words of its body are counted: the other documents
	// load with Words 0, for a caller that reads only their other fields
	// (counting the words of a plain-text body means cleaning it).
	CountWords func(id, path string) bool
	// Transient, for a caller that is done with each document when fn
	// returns (one that prints it): documents then keep pointing into
	// their file's bytes instead of copies of what they keep (see
	// compact), each file read into memory of its own that the collector
	// frees with its document. A caller that keeps documents keeps their
	// whole files. No effect with KeepData, whose bytes are the caller's.
	Transient bool
}

// borrows reports whether documents point into their file's bytes (see
// Transient).
func (o *Options) borrows() bool { return o.Transient && !o.KeepData }

// SeedExtensions are the extensions of the files the loader reads from
// folders: Extensions, or DefaultExtensions when unset.
func (o Options) SeedExtensions() []string {
	if o.Extensions != nil {
		return o.Extensions
	}
	return DefaultExtensions
}

func (o Options) maxFileSize() int64 {
	switch {
	case o.MaxFileSize == 0:
		return DefaultMaxFileSize
	case o.MaxFileSize < 0:
		return 0
	}
	return o.MaxFileSize
}

// MaxWorkers is the most parse workers a load runs (--workers). Each
// worker brings readers and result slots with it, allocated up front; past
// a few per CPU more workers only cost memory.
const MaxWorkers = 256

func (o Options) workers() int {
	if o.Workers > 0 {
		return min(o.Workers, MaxWorkers)
	}
	return min(runtime.GOMAXPROCS(0), MaxWorkers)
}

// Result is the outcome for one file: a document (with any warnings), or
// no document and at least one diagnostic saying why.
type Result struct {
	Path  string
	Doc   *Document
	Diags []Diagnostic
	// Data is the file's bytes as read, with Options.KeepData; nil when
	// the file was not read.
	Data []byte
	// Checked is what Options.Check returned for the file.
	Checked any
	// BaseID is the ID the file's path gives before IDs are made unique
	// (Doc.ID is BaseID unless another file claimed it first): its path
	// below the corpus root (see Options.IDPrefix) without the extension.
	// Two files with the same BaseID clash. A file named as a root outside
	// any corpus root has its whole path as given, without the extension,
	// so that files named one by one (as pre-commit passes them) clash
	// only when they differ by extension alone. Empty for a result that
	// is not a file (a folder that cannot be read).
	BaseID string
	// Unparsed marks a file read but left unparsed (Options.ParseIf).
	Unparsed bool
	// file is the device and inode of the file read (zero when none was),
	// links its number of hard links.
	file  fileID
	links uint64
}

// SameFile reports whether the result was read from the file fi
// describes (same device and inode, whatever the path): a command about
// to write a file can refuse to overwrite one of its inputs.
func (r Result) SameFile(fi fs.FileInfo) bool {
	return fi != nil && r.file != (fileID{}) && r.file == idOf(fi)
}

// Stream loads every file under roots and calls fn with each result in
// path order, whatever the number of workers. Files are read and parsed
// concurrently, by more readers than parse workers so that a cold disk has
// several reads queued while the CPUs parse; at most a bounded window of
// results waits to be delivered, so memory stays flat however large the
// corpus. IDs are made unique within the stream, and each real file is
// delivered as a document once: a second path to it (a hard link, a
// followed symlink, a root given twice) gives a "same file" warning. If fn
// returns an error, Stream stops and returns it.
func Stream(ctx context.Context, roots []string, o Options, fn func(Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	seen := o.Seen
	if seen == nil {
		seen = newSeen(o.FollowLinks || len(roots) > 1)
	}
	workers := o.workers()
	readers := max(8, 4*workers)
	// Files in flight (walked, not yet delivered) each hold one of these
	// result slots; their number bounds memory, and reusing them keeps
	// a load from making garbage per file.
	slots := make(chan chan Result, max(workers*16, readers*2))
	for range cap(slots) {
		slots <- make(chan Result, 1)
	}
	type job struct {
		e     entry
		data  []byte
		file  fileID
		links uint64
		out   chan Result
	}
	jobs := make(chan job, readers)
	read := make(chan job, workers*2)
	ordered := make(chan chan Result, cap(slots))

	var walkErr error
	go func() {
		defer close(jobs)
		defer close(ordered)
		w := newWalker(o, len(roots), seen, func(e entry) error {
			if o.Select != nil && !o.Select(e.id, e.path) {
				return nil
			}
			var out chan Result
			select {
			case out = <-slots:
			case <-ctx.Done():
				return ctx.Err()
			}
			// The job goes out before its slot in the order: a slot whose
			// job was never sent would block the reader forever.
			select {
			case jobs <- job{e: e, out: out}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case ordered <- out:
			case <-ctx.Done():
				return ctx.Err()
			}
			return nil
		})
		for _, r := range roots {
			if err := w.walkRoot(ctx, r); err != nil {
				walkErr = err
				return
			}
		}
	}()

	var readWG, parseWG sync.WaitGroup
	for range readers {
		readWG.Go(func() {
			for j := range jobs {
				if ctx.Err() != nil {
					j.out <- Result{Path: j.e.path} // cancelled: not delivered
					continue
				}
				data, r, ok := readEntry(j.e, o.borrows(), !o.KeepData)
				if !ok {
					o.check(&r, nil, nil)
					j.out <- r
					continue
				}
				j.data = data
				j.file, j.links = r.file, r.links
				read <- j
			}
		})
	}
	go func() {
		readWG.Wait()
		close(read)
	}()
	for range workers {
		parseWG.Go(func() {
			for j := range read {
				if ctx.Err() != nil {
					j.out <- Result{Path: j.e.path} // cancelled: not delivered
					continue
				}
				r := parseEntry(j.e, j.data, &o)
				r.file, r.links = j.file, j.links
				j.out <- r
			}
		})
	}

	var err error
	for out := range ordered {
		r := <-out
		slots <- out
		if err != nil || ctx.Err() != nil {
			continue // drain so the walker and workers can finish
		}
		// Results come in path order, so which path of a file counts as
		// the first is the same on every run.
		if !seen.firstSighting(&r) {
			r = duplicate(r)
			o.check(&r, nil, nil)
		}
		if o.Progress != nil {
			o.Progress.Add(1)
		}
		if err = fn(r); err != nil {
			cancel()
		}
	}
	parseWG.Wait()
	if err != nil {
		return err
	}
	if walkErr != nil && !errors.Is(walkErr, context.Canceled) {
		return walkErr
	}
	return ctx.Err()
}

// readEntry reads an entry's file, into memory of its own when own is
// set (else a pooled buffer). When there is nothing to parse (the
// walker's diagnostic, a read error) it returns the final result instead.
func readEntry(e entry, own, sniff bool) ([]byte, Result, bool) {
	r := Result{Path: e.path}
	if e.rel != "" || e.alone {
		r.BaseID = e.baseID()
	}
	if e.diag != nil {
		r.Diags = []Diagnostic{*e.diag}
		return nil, r, false
	}
	data, st, err := readRegular(e.path, e.limit, e.noFollow, own, sniff)
	if st != nil && st.mode.IsRegular() {
		r.file, r.links = st.id, st.links
	}
	if err != nil {
		var notRegular notRegularError
		var big tooBigError
		switch {
		case errors.As(err, &notRegular):
			r.Diags = []Diagnostic{warningAt(Pos{File: e.path}, "not a regular file (%s); skipped", modeName(fs.FileMode(notRegular)))}
		case errors.As(err, &big):
			r.Diags = []Diagnostic{*tooBig(e.path, int64(big), e.limit)}
		case errors.Is(err, errGrew):
			r.Diags = []Diagnostic{warningAt(Pos{File: e.path}, "file grew past the %s size limit (--max-file-size) while being read; skipped", FormatSize(e.limit))}
		case errors.Is(err, fs.ErrNotExist):
			r.Diags = []Diagnostic{*errorAt(Pos{File: e.path}, "file vanished before it could be read")}
		case e.noFollow && errors.Is(err, syscall.ELOOP):
			r.Diags = []Diagnostic{warningAt(Pos{File: e.path}, "replaced by a symlink after it was listed, not followed (--follow reads through links); skipped")}
		default:
			r.Diags = []Diagnostic{*errorAt(Pos{File: e.path}, "cannot read: %v", unwrapPathError(err))}
		}
		return nil, r, false
	}
	return data, r, true
}

type notRegularError fs.FileMode

func (notRegularError) Error() string { return "not a regular file" }

var errGrew = errors.New("file grew past the size limit")

// tooBigError is the size of a file found over the limit when opened.
type tooBigError int64

func (tooBigError) Error() string { return "file over the size limit" }

// readRegular reads a file that was a regular file when listed. It opens
// it without blocking and checks it again, so a file swapped for a FIFO
// since cannot hang the load, and it reads at most limit+1 bytes (limit 0:
// no limit), so a file that grew past the limit is caught. noFollow
// refuses a symlink swapped in since; own reads into memory of the
// file's own, sized to it, rather than a pooled buffer. With sniff, a
// file over sniffFrom bytes whose first SniffLen bytes hold a NUL (a
// binary file, see BinaryAt) is read no further: its data is those bytes,
// which are all the loader looks at before it skips the file. It returns
// what the open file's stat said (when it got that far), which says which
// file was read.
func readRegular(p string, limit int64, noFollow, own, sniff bool) ([]byte, *fileStat, error) {
	f, st, err := openRead(p, noFollow)
	if err != nil {
		return nil, st, err
	}
	defer f.Close()
	if !st.mode.IsRegular() {
		return nil, st, notRegularError(st.mode)
	}
	if limit > 0 && st.size > limit {
		return nil, st, tooBigError(st.size)
	}
	var head []byte
	if sniff && st.size > sniffFrom {
		head = make([]byte, SniffLen)
		n, err := io.ReadFull(f, head)
		head = head[:n]
		if BinaryAt(head) >= 0 {
			return head, st, nil
		}
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return nil, st, err
		}
	}
	var data []byte
	if own {
		data = make([]byte, 0, st.size+1)
	} else {
		data = getBuffer(int(st.size) + 1)
	}
	data = append(data, head...)
	for {
		room := data[len(data):cap(data)]
		if limit > 0 {
			room = room[:min(int64(len(room)), limit+1-int64(len(data)))]
		}
		n, err := f.Read(room)
		data = data[:len(data)+n]
		// A regular file read up to its size as the open file's stat gave
		// it is read whole: the read that would return EOF is skipped (one
		// system call a file). A file that grows once that many bytes are
		// read is read as it was; one that grew before gives more bytes
		// and is read on to EOF, within the limit.
		if err == io.EOF || n == 0 && len(room) == 0 || n > 0 && int64(len(data)) == st.size {
			break
		}
		if err != nil {
			return nil, st, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, st, errGrew
	}
	return data, st, nil
}

// fileStat is what readRegular learns of an open file.
type fileStat struct {
	mode  fs.FileMode // the type bits only
	size  int64
	id    fileID
	links uint64 // hard links (1 when unknown)
}

// sniffFrom is the size from which a file is sniffed for a NUL before it
// is read whole (readRegular): a binary file of gigabytes in a corpus
// read without a size limit costs one small read, not its size in memory.
const sniffFrom = 1 << 20

// fileBuffers recycles the buffers files are read into: no document keeps
// a reference to its file's bytes (see compact; Options.Transient reads
// without them), and reading a corpus then makes next to no garbage.
var fileBuffers sync.Pool

const (
	minFileBuffer = 16 << 10 // most seed files fit
	maxFileBuffer = 1 << 20  // larger ones are left to the GC
)

func getBuffer(n int) []byte {
	if n <= maxFileBuffer {
		if b, ok := fileBuffers.Get().(*[]byte); ok && cap(*b) >= n {
			return (*b)[:0]
		}
	}
	return make([]byte, 0, max(n, minFileBuffer))
}

func putBuffer(b []byte) {
	if cap(b) <= maxFileBuffer {
		b = b[:0]
		fileBuffers.Put(&b)
	}
}

// parseEntry parses a file's bytes, runs o.Check on the outcome, then
// hands the bytes on (o.KeepData) or gives the buffer back.
func parseEntry(e entry, data []byte, o *Options) Result {
	r := Result{Path: e.path, BaseID: e.baseID()}
	if o.ParseIf != nil && !o.ParseIf(e.id, e.path, data) {
		o.release(data)
		r.Unparsed = true
		return r
	}
	var t *parsedTree
	if o.Check != nil {
		t = &parsedTree{stubs: o.DocumentStubs}
		defer t.release()
	}
	// The document's path is printed in JSON and CSV: escaped as its ID is
	// (see escapeName). Result.Path stays the path to open.
	skipWords := o.CountWords != nil && !o.CountWords(e.id, e.path)
	doc, warnings, err := parseFile(DisplayPath(e.path), e.id, data, o.Parser, o.Fields, t, parseNeeds{
		skipBody: o.SkipBody, skipWords: skipWords, borrow: o.borrows()})
	if err != nil {
		var d *Diagnostic
		if !errors.As(err, &d) {
			d = errorAt(Pos{File: e.path}, "%v", err)
		}
		r.Diags = append(warnings, *d)
	} else {
		r.Doc, r.Diags = doc, warnings
	}
	o.check(&r, data, t)
	if o.KeepData {
		r.Data = data
	} else {
		o.release(data)
	}
	return r
}

// release gives a file's buffer back to the pool, unless it was read
// into memory of its own, which documents may point into.
func (o *Options) release(data []byte) {
	if !o.borrows() {
		putBuffer(data)
	}
}

// idFromRel drops the extension: "en/_index.md" gives "en/_index".
func idFromRel(rel string) string {
	return strings.TrimSuffix(rel, path.Ext(rel))
}

// idSet makes IDs unique within one load: a clash keeps the extension,
// then adds "~2", "~3"… in path order, so the outcome is deterministic.
type idSet map[string]bool

func newIDSet() idSet { return idSet{} }

func (s idSet) unique(id, p string) string {
	if !s[id] {
		s[id] = true
		return id
	}
	if withExt := id + path.Ext(p); !s[withExt] {
		s[withExt] = true
		return withExt
	}
	for n := 2; ; n++ {
		c := id + "~" + strconv.Itoa(n)
		if !s[c] {
			s[c] = true
			return c
		}
	}
}
