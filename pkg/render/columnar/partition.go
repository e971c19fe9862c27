package columnar

import (
	"bufio"
	"container/list"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// PartitionKeys are the keys --partition-by takes, and the folder name
// each gives (year=2020, month=2020-03, provider_name=Wired). The provider
// folder is not "provider=": that is the name of the provider column, and
// a partition column beside it would hide it.
var PartitionKeys = map[string]string{
	"year":     "year",
	"month":    "month",
	"provider": "provider_name",
}

// DefaultPartition is the folder value of a document without the key (no
// publication date, no provider name): Hive's name for null, which DuckDB
// and Spark read as NULL.
const DefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// maxValueBytes bounds a folder value: a longer one is cut and ended with
// a hash of the whole, so that two long names stay apart and a folder name
// stays well under the 255 bytes file systems allow.
const maxValueBytes = 120

// PartitionValue returns the folder value of d for key (a key of
// PartitionKeys): the UTC year or year-month of publication, or the
// provider's name escaped (EscapePartitionValue).
func PartitionValue(d *corpus.Document, key string) string {
	switch key {
	case "year", "month":
		if d.PublishedAt == nil {
			return DefaultPartition
		}
		t := d.PublishedAt.UTC()
		if key == "year" {
			return strconv.Itoa(t.Year())
		}
		return fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month()))
	case "provider":
		return EscapePartitionValue(d.Provider.Name)
	}
	panic("columnar: unknown partition key " + key)
}

// EscapePartitionValue makes a value (a provider's name, which the corpus,
// not the user, chooses) safe as one folder-name component: as Hive does,
// bytes that are special in paths, URLs or shells — / \ . at the start,
// control bytes, % and the rest of `"#%'*/:=?\{}[]^<>|` — and bytes that
// are not UTF-8 become %XX. The empty value is DefaultPartition. A value
// longer than 120 bytes once escaped is cut and ended with "~" and a hash
// of the whole name. The result never contains a path separator, is never
// "." or "..", and never empty.
func EscapePartitionValue(v string) string {
	if v == "" {
		return DefaultPartition
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		c := v[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(v[i:])
			if r != utf8.RuneError || size > 1 {
				b.WriteString(v[i : i+size])
				i += size
				continue
			}
		}
		if c < 0x20 || c == 0x7f || c >= utf8.RuneSelf || strings.IndexByte("\"#%'*/:=?\\{}[]^<>|", c) >= 0 || (c == '.' && i == 0) {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
		i++
	}
	s := b.String()
	if len(s) > maxValueBytes {
		cut := maxValueBytes - 10
		for cut > 0 && (s[cut-1] == '%' || (cut >= 2 && s[cut-2] == '%') || !utf8.RuneStart(s[cut])) {
			cut--
		}
		h := fnv.New32a()
		h.Write([]byte(v))
		s = fmt.Sprintf("%s~%08x", s[:cut], h.Sum32())
	}
	return s
}

// PartitionOptions tune a partitioned export.
type PartitionOptions struct {
	ParquetOptions
	// Key is a key of PartitionKeys.
	Key string
	// MaxOpen bounds the files open at once (0: 8). A document for a
	// partition whose file was closed starts the next part file.
	MaxOpen int
}

// WritePartitioned writes the documents each gives to a Hive-style tree
// under dir: <key>=<value>/part-<n>.parquet. The tree is written to a
// temporary folder beside dir and renamed into place at the end: when
// writing fails or ctx is cancelled, dir is left as it was. An existing
// dir is replaced only when it is empty or holds nothing but such a tree
// (a previous export); anything else is refused.
func WritePartitioned(ctx context.Context, dir string, o PartitionOptions, each func(write func(*corpus.Document) error) error) error {
	folder, ok := PartitionKeys[o.Key]
	if !ok {
		return fmt.Errorf("unknown partition key %q", o.Key)
	}
	old, err := checkReplaceable(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	tmp, err := makeTempDir(parent, base)
	if err != nil {
		return err
	}
	untrack := atomicfile.Track(tmp)
	defer untrack()
	p := &partitions{root: tmp, folder: folder, key: o.Key, o: o, open: map[string]*list.Element{}, next: map[string]int{}, lru: list.New()}
	if p.o.MaxOpen <= 0 {
		p.o.MaxOpen = 8
	}
	if p.o.RowGroupBytes <= 0 {
		p.o.RowGroupBytes = 4 << 20 // several files are open at once
	}
	if p.o.Workers <= 0 {
		p.o.Workers = 1 // each open file would hold row groups in flight
	}
	err = each(p.write)
	if cerr := p.closeAll(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = swapDir(ctx, tmp, dir, old)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return atomicfile.SyncDir(parent)
}

// checkReplaceable reports whether dir exists, and refuses a dir that is
// not a previous partitioned export (or empty).
func checkReplaceable(dir string) (exists bool, err error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	notTree := &fs.PathError{Op: "write", Path: dir, Err: errors.New("exists and is not a partitioned Parquet export: remove it or give another folder")}
	if !fi.IsDir() {
		return false, notTree
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.Contains(e.Name(), "=") {
			return false, notTree
		}
		files, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			return false, err
		}
		for _, f := range files {
			if !f.Type().IsRegular() || !strings.HasPrefix(f.Name(), "part-") || !strings.HasSuffix(f.Name(), ".parquet") {
				return false, notTree
			}
		}
	}
	return true, nil
}

func makeTempDir(parent, base string) (string, error) {
	if len(base) > 64 {
		base = base[:64]
	}
	for range 1000 {
		name := filepath.Join(parent, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 36))
		err := os.Mkdir(name, 0o777)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, err
	}
	return "", &fs.PathError{Op: "mkdir", Path: filepath.Join(parent, "."+base+".tmp-*"), Err: fs.ErrExist}
}

// swapDir puts the new tree tmp at dir. An old tree is moved aside first,
// then removed; if the rename fails (or is cancelled) it is moved back.
func swapDir(ctx context.Context, tmp, dir string, old bool) error {
	if !old {
		return atomicfile.Commit(ctx, tmp, dir)
	}
	aside := tmp + ".old"
	if err := os.Rename(dir, aside); err != nil {
		return err
	}
	if err := atomicfile.Commit(ctx, tmp, dir); err != nil {
		if rerr := os.Rename(aside, dir); rerr != nil {
			return fmt.Errorf("%w (and the previous export is left at %s: %v)", err, aside, rerr)
		}
		return err
	}
	return os.RemoveAll(aside)
}

// partitions are the part files being written.
type partitions struct {
	root, folder, key string
	o                 PartitionOptions
	open              map[string]*list.Element // of *part, most recent first
	lru               *list.List
	next              map[string]int
}

type part struct {
	value string
	f     *os.File
	bw    *bufio.Writer
	pw    *ParquetWriter
}

func (p *partitions) write(d *corpus.Document) error {
	v := PartitionValue(d, p.key)
	if e, ok := p.open[v]; ok {
		p.lru.MoveToFront(e)
		return e.Value.(*part).pw.Write(d)
	}
	if p.lru.Len() >= p.o.MaxOpen {
		e := p.lru.Back()
		if err := p.close(e); err != nil {
			return err
		}
	}
	sub := filepath.Join(p.root, p.folder+"="+v)
	if err := os.MkdirAll(sub, 0o777); err != nil {
		return err
	}
	n := p.next[v]
	p.next[v] = n + 1
	f, err := os.OpenFile(filepath.Join(sub, "part-"+strconv.Itoa(n)+".parquet"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	pw, err := NewParquetWriter(bw, p.o.ParquetOptions)
	if err != nil {
		f.Close()
		return err
	}
	pt := &part{value: v, f: f, bw: bw, pw: pw}
	p.open[v] = p.lru.PushFront(pt)
	return pw.Write(d)
}

func (p *partitions) close(e *list.Element) error {
	pt := e.Value.(*part)
	p.lru.Remove(e)
	delete(p.open, pt.value)
	err := pt.pw.Close()
	if err == nil {
		err = pt.bw.Flush()
	}
	if err == nil {
		err = pt.f.Sync()
	}
	if cerr := pt.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (p *partitions) closeAll() error {
	var first error
	for p.lru.Len() > 0 {
		if err := p.close(p.lru.Front()); err != nil && first == nil {
			first = err
		}
	}
	return first
}
