package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
)

// withEncodeWorkers runs f with n encoding goroutines, whatever the
// machine's cores.
func withEncodeWorkers(t testing.TB, n int, f func()) {
	t.Helper()
	old := encodeWorkers
	encodeWorkers = func() int { return n }
	defer func() { encodeWorkers = old }()
	f()
}

// oneByOne is the output of writing records with Write, one at a time (as
// a stream does): what writing them all at once must give.
func oneByOne[T any](t *testing.T, f Format, r Selectable[T], sel Selection, o Options, records []T) string {
	t.Helper()
	var b bytes.Buffer
	wr, err := NewRecordWriter(&b, f, r, sel, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range records {
		if err := wr.Write(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := wr.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkAllAtOnce[T any](t *testing.T, name string, r Selectable[T], records []T) {
	t.Helper()
	o := Options{JSON: JSONOptions{EscapeHTML: true}}
	safe := o
	safe.SafeCSV = true
	header := o
	header.Header = true
	for _, c := range []struct {
		f   Format
		sel Selection
		o   Options
	}{
		{TSV, Selection{}, o}, {TSV, Selection{}, header}, {JSON, Selection{}, o}, {NDJSON, Selection{}, o},
		{CSV, Selection{}, o}, {CSV, Selection{}, safe}, {Table, Selection{}, o},
		{JSON, Selection{Fields: []string{"title", "url"}}, o},
		{JSON, Selection{Fields: []string{"title", "url"}, Pretty: true}, o},
		{NDJSON, Selection{Fields: []string{"url", "title"}}, o},
		{NDJSON, Selection{Fields: []string{"url"}, Pretty: true}, o},
		{CSV, Selection{Columns: []string{"url", "title"}}, safe},
	} {
		want := oneByOne(t, c.f, r, c.sel, c.o, records)
		for _, workers := range []int{1, 2, 3, 8} {
			withEncodeWorkers(t, workers, func() {
				var b bytes.Buffer
				if err := WriteRecords(&b, c.f, r, c.sel, c.o, records); err != nil {
					t.Fatal(err)
				}
				if b.String() != want {
					t.Errorf("%s, %d records, %s %+v, %d workers: all at once differs from one by one", name, len(records), c.f, c.sel, workers)
				}
			})
		}
	}
}

// TestWriteRecordsAllAtOnce: records written all at once, encoded on
// several goroutines, are byte for byte those written one by one, in
// every format and selection that encodes them so, for any number of
// records around the chunk size, and for records large enough to be
// handed on in several pieces.
func TestWriteRecordsAllAtOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, orderedChunk - 1, orderedChunk, orderedChunk + 1, 5*orderedChunk + 7} {
		docs := benchDocs(n)
		for i, d := range docs {
			d.Title = fmt.Sprintf("=title %d <&> \"quoted\"\ttab", i)
		}
		checkAllAtOnce(t, "documents", DocumentRecords, docs)
		checkAllAtOnce(t, "links", LinkRecords, query.AllLinks(docs))
	}
	big := benchDocs(3*orderedChunk + 1)
	for i, d := range big {
		d.Body = strings.Repeat(fmt.Sprintf("line %d of a long body, \"quoted\" <b>\n", i), 2000+i*97)
	}
	checkAllAtOnce(t, "large documents", DocumentRecords, big)
}

// failingRec is a record type whose JSON fails for some records: value
// holds a channel, which encoding/json refuses.
type failingRec struct {
	n    int
	fail bool
}

var failingTable = record.Table[failingRec]{
	{Info: record.Info{Name: "n", Kind: record.Integer}, Value: func(f failingRec) any { return f.n }},
	{Info: record.Info{Name: "v", Kind: record.Object}, Value: func(f failingRec) any {
		if f.fail {
			return make(chan int)
		}
		return map[string]int{"n": f.n}
	}},
}

// TestWriteOrderedStopsAtEncodingError: the output is that of every
// record before the one that fails, and the error is the encoder's.
func TestWriteOrderedStopsAtEncodingError(t *testing.T) {
	for _, at := range []int{0, 1, orderedChunk - 1, orderedChunk, 3*orderedChunk + 5} {
		records := make([]failingRec, 5*orderedChunk)
		for i := range records {
			records[i] = failingRec{n: i, fail: i == at || i == at+orderedChunk+2}
		}
		var want bytes.Buffer
		e := newJSONEncoder(JSONOptions{})
		for _, r := range records[:at] {
			b, err := appendRecord(e, nil, failingTable, r)
			if err != nil {
				t.Fatal(err)
			}
			want.Write(append(b, '\n'))
		}
		_, wantErr := appendRecord(e, nil, failingTable, records[at])
		for _, workers := range []int{2, 3, 7} {
			var got bytes.Buffer
			err := writeOrdered(&got, records, true, workers, func() appendFunc[failingRec] {
				e := newJSONEncoder(JSONOptions{})
				return func(b []byte, v failingRec, _ bool) ([]byte, error) {
					b, err := appendRecord(e, b, failingTable, v)
					return append(b, '\n'), err
				}
			})
			if err == nil || err.Error() != wantErr.Error() {
				t.Errorf("failingRec at %d, %d workers: error %v, want %v", at, workers, err, wantErr)
			}
			if got.String() != want.String() {
				t.Errorf("failingRec at %d, %d workers: %d bytes out, want the %d of the records before", at, workers, got.Len(), want.Len())
			}
		}
	}
}

// brokenPipe takes limit bytes, then fails as a closed pipe does.
type brokenPipe struct {
	limit, n int
	failed   bool
	after    int // writes tried after the one that failed
}

var errBrokenPipe = errors.New("write: broken pipe")

func (p *brokenPipe) Write(b []byte) (int, error) {
	if p.failed {
		p.after++
		return 0, errBrokenPipe
	}
	if p.n+len(b) > p.limit {
		p.failed = true
		k := p.limit - p.n
		p.n = p.limit
		return k, errBrokenPipe
	}
	p.n += len(b)
	return len(b), nil
}

// TestWriteRecordsWriteError: a write error (a reader that went away)
// stops the output and is returned, as when writing one by one, and no
// encoding goroutine is left behind.
func TestWriteRecordsWriteError(t *testing.T) {
	docs := benchDocs(20 * orderedChunk)
	before := runtime.NumGoroutine()
	for _, f := range []Format{NDJSON, CSV, JSON, TSV} {
		for _, limit := range []int{0, 100, 50 << 10} {
			withEncodeWorkers(t, 3, func() {
				p := &brokenPipe{limit: limit}
				err := WriteRecords(p, f, DocumentRecords, Selection{}, Options{}, docs)
				if !errors.Is(err, errBrokenPipe) {
					t.Errorf("%s, pipe closed after %d bytes: error %v, want %v", f, limit, err, errBrokenPipe)
				}
				if p.after > 0 {
					t.Errorf("%s, pipe closed after %d bytes: %d writes after the one that failed, want none", f, limit, p.after)
				}
			})
		}
	}
	// A goroutine of an earlier test may still be on its way out: wait
	// for the count to settle, as leak checkers do; a leak never does.
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if after > before {
		t.Errorf("%d goroutines after the writes, %d before", after, before)
	}
}

// TestWriteOrderedBoundsMemory counts, at every write, the records
// encoded but not yet written: at most orderedBuffers chunks a goroutine,
// however slow the output and however many records.
func TestWriteOrderedBoundsMemory(t *testing.T) {
	const workers = 3
	records := make([]int, 200*orderedChunk)
	for i := range records {
		records[i] = i
	}
	var encoded, written, worst atomic.Int64
	out := writerFunc(func(b []byte) (int, error) {
		written.Add(int64(bytes.Count(b, []byte{'\n'})))
		if ahead := encoded.Load() - written.Load(); ahead > worst.Load() {
			worst.Store(ahead)
		}
		runtime.Gosched() // a slow reader: let the encoders run ahead
		return len(b), nil
	})
	err := writeOrdered(out, records, true, workers, func() appendFunc[int] {
		return func(b []byte, v int, _ bool) ([]byte, error) {
			encoded.Add(1)
			return append(fmt.Appendf(b, "%d", v), '\n'), nil
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if written.Load() != int64(len(records)) {
		t.Fatalf("%d records written, want %d", written.Load(), len(records))
	}
	if limit := int64(workers * orderedBuffers * orderedChunk); worst.Load() > limit {
		t.Errorf("%d records encoded ahead of the output, want at most %d", worst.Load(), limit)
	}
	t.Logf("at most %d records encoded ahead of the output", worst.Load())
}

// TestWriteOrderedBoundsBytes: records large enough that a chunk's output
// is handed on in pieces; the bytes encoded ahead of the output stay
// within the goroutines' buffers, each a piece and at most one record
// more.
func TestWriteOrderedBoundsBytes(t *testing.T) {
	const workers, size = 2, 100 << 10
	records := make([]int, 4*orderedChunk)
	var encoded, written, worst atomic.Int64
	out := writerFunc(func(b []byte) (int, error) {
		written.Add(int64(len(b)))
		if ahead := encoded.Load() - written.Load(); ahead > worst.Load() {
			worst.Store(ahead)
		}
		runtime.Gosched()
		return len(b), nil
	})
	err := writeOrdered(out, records, true, workers, func() appendFunc[int] {
		return func(b []byte, v int, _ bool) ([]byte, error) {
			encoded.Add(size)
			return append(b, make([]byte, size)...), nil
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if written.Load() != int64(len(records)*size) {
		t.Fatalf("%d bytes written, want %d", written.Load(), len(records)*size)
	}
	if limit := int64(workers * orderedBuffers * (orderedPiece + size)); worst.Load() > limit {
		t.Errorf("%d bytes encoded ahead of the output, want at most %d", worst.Load(), limit)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// TestWriteOrderedPanic: an encoder's panic is raised again on the
// caller's goroutine (where writing one by one would raise it), not on
// an encoding goroutine that would end the program unrecovered.
func TestWriteOrderedPanic(t *testing.T) {
	records := make([]int, 10*orderedChunk)
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the encoder's panic", r)
		}
	}()
	_ = writeOrdered(io.Discard, records, true, 3, func() appendFunc[int] {
		n := 0
		return func(b []byte, v int, _ bool) ([]byte, error) {
			if n++; n == 100 {
				panic("boom")
			}
			return append(b, 'x'), nil
		}
	})
	t.Error("no panic")
}

// BenchmarkWriteRecordsCorpus: a held corpus's documents written one by
// one (as before: on one core) and all at once (encoded on every core),
// in the formats list and export write.
func BenchmarkWriteRecordsCorpus(b *testing.B) {
	docs := benchDocs(20000)
	for i, d := range docs {
		d.Body = strings.Repeat("One two three four five six seven eight nine ten. ", 40+i%50)
	}
	o := Options{JSON: JSONOptions{EscapeHTML: true}}
	for _, f := range []Format{NDJSON, CSV, JSON, TSV} {
		b.Run(string(f)+"/one-by-one", func(b *testing.B) {
			for b.Loop() {
				wr := NewWriter(io.Discard, f, Documents, o)
				for _, d := range docs {
					if err := wr.Write(d); err != nil {
						b.Fatal(err)
					}
				}
				if err := wr.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(f)+"/all-at-once", func(b *testing.B) {
			for b.Loop() {
				if err := WriteRecords(io.Discard, f, DocumentRecords, Selection{}, o, docs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestKeepsRecords: a record writer of a format that does not keep its
// records (KeepsRecords) is done with a record when Write returns:
// documents overwritten after Write still print as they were, which a
// stream of documents pointing into their files relies on
// (corpus.Options.Transient). A table keeps its rows until Close.
func TestKeepsRecords(t *testing.T) {
	sels := map[Format][]Selection{
		JSON:   {{}, {Fields: []string{"title", "body"}}, {Pretty: true}},
		NDJSON: {{}, {Fields: []string{"title", "body"}}},
		CSV:    {{}, {Columns: []string{"title", "body"}}},
		TSV:    {{}, {Columns: []string{"title", "body"}}},
		Table:  {{}},
	}
	for _, fi := range Registry() {
		if fi.Writes&Records == 0 || fi.Binary {
			continue
		}
		f := fi.Name
		if KeepsRecords(f) != (f == Table) {
			t.Errorf("KeepsRecords(%s) = %v", f, KeepsRecords(f))
		}
		if len(sels[f]) == 0 {
			t.Fatalf("format %s: no selection to try", f)
		}
		for _, sel := range sels[f] {
			docs := benchDocs(3)
			// Each document's text lives in a buffer of its own, as a
			// transient document's lives in its file.
			bufs := make([][]byte, len(docs))
			for i, d := range docs {
				bufs[i] = fmt.Appendf(nil, "title %dbody %d", i, i)
				text := unsafe.String(unsafe.SliceData(bufs[i]), len(bufs[i]))
				cut := strings.Index(text, "body")
				d.Title, d.Body = text[:cut], text[cut:]
			}
			want := oneByOne(t, f, DocumentRecords, sel, Options{}, docs)
			var out bytes.Buffer
			wr, err := NewRecordWriter(&out, f, DocumentRecords, sel, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range docs {
				if err := wr.Write(d); err != nil {
					t.Fatal(err)
				}
				copy(bufs[i], bytes.Repeat([]byte{'#'}, len(bufs[i]))) // what a reused buffer does
			}
			if err := wr.Close(); err != nil {
				t.Fatal(err)
			}
			if kept := out.String() != want; kept != KeepsRecords(f) {
				t.Errorf("%s %+v: KeepsRecords %v, but the output changed with the records after Write: %v", f, sel, KeepsRecords(f), kept)
			}
		}
	}
}
