package columnar

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

func ptr[T any](v T) *T { return &v }

// testDocs are documents with every shape a field can take: null and
// present scalars, empty and full lists, nested lists of objects.
func testDocs() []*corpus.Document {
	at := time.Date(2020, 3, 4, 5, 6, 7, 0, time.FixedZone("", 2*3600))
	return []*corpus.Document{
		{ID: "a", Path: "a.md", Kind: corpus.KindFrontMatter, Title: "Alpha", PublishedAt: &at,
			Quality: ptr(74.5), Heat: ptr(math.NaN()), Published: ptr(true), Words: 3, Secured: ptr(""),
			Provider: corpus.Provider{Name: "Wired", Domain: "wired.com", Images: []corpus.Image{{URL: "/w.png", Width: ptr(50.0)}}},
			Topics:   []string{"AI", "AWS AI"},
			Related: []corpus.Related{
				{Title: "r1", URL: "https://x/1", Target: "b", Provider: corpus.Provider{Name: "BBC"},
					Images: []corpus.Image{{URL: "/1.png"}, {URL: "/2.png", Height: ptr(9.0)}}},
				{Title: "r2", PublishedAt: &at},
			},
			Extra: map[string]any{"k": []any{1, "two"}}},
		{ID: "b", Path: "b.txt", Kind: corpus.KindText, Body: "just text"},
		{ID: "c", Path: "c.md", Kind: corpus.KindFrontMatter, Topics: []string{"x"},
			Related: []corpus.Related{{Title: "only"}}},
	}
}

func writeParquet(t *testing.T, docs []*corpus.Document, o ParquetOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	pw, err := NewParquetWriter(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := pw.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readParquet(t *testing.T, data []byte) (*parquet.File, []map[string]any) {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(f)
	var out []map[string]any
	for {
		m := map[string]any{}
		if err := r.Read(&m); err != nil {
			break
		}
		out = append(out, m)
	}
	return f, out
}

// TestParquetSchemaFromFieldTable: every field of the table is a column
// of the type its kind maps to, in the table's order, nested fields too.
func TestParquetSchemaFromFieldTable(t *testing.T) {
	schema := ParquetSchema(corpus.DocumentFields.Infos())
	var check func(path string, fields []record.Info, node parquet.Node)
	check = func(path string, fields []record.Info, node parquet.Node) {
		got := node.Fields()
		if len(got) != len(fields) {
			t.Fatalf("%s: %d columns, the table has %d fields", path, len(got), len(fields))
		}
		for i, f := range fields {
			n := got[i]
			name := path + f.Name
			if n.Name() != f.Name {
				t.Errorf("column %d of %s is %s, want %s", i, path, n.Name(), f.Name)
			}
			if n.Optional() != (f.Nullable && !isList(f.Kind) && f.Kind != record.Object) {
				t.Errorf("%s: optional = %v, nullable = %v", name, n.Optional(), f.Nullable)
			}
			switch f.Kind {
			case record.String, record.Map, record.Any:
				wantLogical(t, name, n, "STRING")
			case record.Integer:
				wantPhysical(t, name, n, parquet.Int64)
			case record.Number:
				wantPhysical(t, name, n, parquet.Double)
			case record.Boolean:
				wantPhysical(t, name, n, parquet.Boolean)
			case record.Time:
				wantLogical(t, name, n, "TIMESTAMP(isAdjustedToUTC=true,unit=MICROS)")
			case record.StringList:
				wantLogical(t, name, n, "LIST")
				wantLogical(t, name+".element", listElem(n), "STRING")
			case record.Object:
				check(name+".", f.Sub, n)
			case record.ObjectList:
				wantLogical(t, name, n, "LIST")
				check(name+"[].", f.Sub, listElem(n))
			default:
				t.Errorf("%s: kind %s not checked", name, f.Kind)
			}
		}
	}
	check("", corpus.DocumentFields.Infos(), schema)
	for _, want := range []string{"provider", "related", "topics", "publishedAt", "extra"} {
		if _, ok := schema.Lookup(want); !ok && want != "provider" && want != "related" && want != "topics" {
			t.Errorf("no column %s", want)
		}
	}
}

func isList(k record.Kind) bool { return k == record.StringList || k == record.ObjectList }

func listElem(n parquet.Node) parquet.Node { return n.Fields()[0].Fields()[0] }

func wantLogical(t *testing.T, name string, n parquet.Node, want string) {
	t.Helper()
	lt := n.Type().LogicalType()
	if lt == nil || lt.String() != want {
		t.Errorf("%s: logical type %v, want %s", name, lt, want)
	}
}

func wantPhysical(t *testing.T, name string, n parquet.Node, want parquet.Kind) {
	t.Helper()
	if !n.Leaf() || n.Type().Kind() != want {
		t.Errorf("%s: %v, want %v", name, n, want)
	}
}

// TestParquetRoundTrip reads the file back: counts, scalars, nulls,
// lists, structs and timestamps.
func TestParquetRoundTrip(t *testing.T) {
	for codec := range Compressions {
		t.Run(codec, func(t *testing.T) {
			data := writeParquet(t, testDocs(), ParquetOptions{Compression: codec})
			f, rows := readParquet(t, data)
			if f.NumRows() != 3 || len(rows) != 3 {
				t.Fatalf("%d rows in the file, %d read; want 3", f.NumRows(), len(rows))
			}
			a, b, c := rows[0], rows[1], rows[2]
			eq := func(what string, got, want any) {
				t.Helper()
				if !deepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", what, got, want)
				}
			}
			eq("a.id", a["id"], "a")
			eq("a.title", a["title"], "Alpha")
			eq("b.title", b["title"], nil)
			eq("a.quality", a["quality"], 74.5)
			eq("a.heat (NaN is null)", a["heat"], nil)
			eq("a.published", a["published"], true)
			eq("b.published", b["published"], nil)
			eq("a.words", a["words"], int64(3))
			eq("a.secured (empty, not null)", a["secured"], "")
			eq("b.secured", b["secured"], nil)
			eq("b.body", b["body"], "just text")
			eq("a.extra", a["extra"], `{"k":[1,"two"]}`)
			eq("b.extra", b["extra"], `{}`)
			eq("a.topics", listOf(a["topics"]), []any{"AI", "AWS AI"})
			eq("b.topics", listOf(b["topics"]), []any{})
			eq("c.topics", listOf(c["topics"]), []any{"x"})
			prov := a["provider"].(map[string]any)
			eq("a.provider.name", prov["name"], "Wired")
			eq("a.provider.images[0].width", listOf(prov["images"])[0].(map[string]any)["width"], 50.0)
			eq("b.provider.name", b["provider"].(map[string]any)["name"], nil)
			rel := listOf(a["related"])
			eq("len(a.related)", len(rel), 2)
			r0 := rel[0].(map[string]any)
			eq("a.related[0].target", r0["target"], "b")
			eq("a.related[0].provider.name", r0["provider"].(map[string]any)["name"], "BBC")
			imgs := listOf(r0["images"])
			eq("len(a.related[0].images)", len(imgs), 2)
			eq("a.related[0].images[1].height", imgs[1].(map[string]any)["height"], 9.0)
			eq("a.related[1].images", listOf(rel[1].(map[string]any)["images"]), []any{})
			eq("c.related[0].title", listOf(c["related"])[0].(map[string]any)["title"], "only")
			eq("b.related", listOf(b["related"]), []any{})
			// The instant survives, as microseconds since the epoch in
			// UTC (the column's logical type says so: see the schema test).
			want := time.Date(2020, 3, 4, 3, 6, 7, 0, time.UTC)
			if got, ok := a["publishedAt"].(int64); !ok || !time.UnixMicro(got).Equal(want) {
				t.Errorf("a.publishedAt = %#v, want %v", a["publishedAt"], want)
			}
			eq("b.publishedAt", b["publishedAt"], nil)
		})
	}
}

// listOf returns a LIST column's elements, however the reader nests them.
func listOf(v any) []any {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			if m, ok := e.(map[string]any); ok && len(m) == 1 {
				if el, ok := m["element"]; ok {
					e = el
				}
			}
			out[i] = e
		}
		return out
	case map[string]any:
		return listOf(v["list"])
	case nil:
		return []any{}
	}
	return []any{v}
}

func deepEqual(a, b any) bool { return fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b) }

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestPipeline: documents written through the pipeline give the same
// file; a failing output surfaces in Write or Close.
func TestPipeline(t *testing.T) {
	var buf bytes.Buffer
	pw, err := NewParquetWriter(&buf, ParquetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := NewPipeline(pw)
	for _, d := range testDocs() {
		if err := p.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, rows := readParquet(t, buf.Bytes()); len(rows) != 3 || rows[2]["id"] != "c" {
		t.Errorf("rows = %v", rows)
	}

	pw, _ = NewParquetWriter(failingWriter{}, ParquetOptions{RowGroupBytes: 1})
	p = NewPipeline(pw)
	var werr error
	for range 1000 {
		if werr = p.Write(testDocs()[0]); werr != nil {
			break
		}
	}
	cerr := p.Close()
	if werr == nil && cerr == nil {
		t.Fatal("no error from a failing output")
	}
	for _, err := range []error{werr, cerr} {
		if err != nil && !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v, want disk full", err)
		}
	}
}

// TestParquetBounds: key columns carry min/max statistics for readers to
// skip row groups with; text columns (body) carry none.
func TestParquetBounds(t *testing.T) {
	f, _ := readParquet(t, writeParquet(t, testDocs(), ParquetOptions{}))
	md := f.Metadata()
	stats := map[string]bool{}
	for _, c := range md.RowGroups[0].Columns {
		stats[strings.Join(c.MetaData.PathInSchema, ".")] = c.MetaData.Statistics.MaxValue != nil
	}
	for path, want := range map[string]bool{"id": true, "provider.name": true, "topics.list.element": true, "body": false, "title": false, "related.list.element.url": false} {
		if got, ok := stats[path]; !ok || got != want {
			t.Errorf("%s: bounds %v (column found: %v), want %v", path, got, ok, want)
		}
	}
}

// TestParquetWorkersSameFile: row groups encoded on several goroutines
// make the same file, byte for byte, as one goroutine, for every codec
// and with many row groups in flight; so does a batch left at Close.
func TestParquetWorkersSameFile(t *testing.T) {
	var docs []*corpus.Document
	for i := range 120 {
		for _, d := range testDocs() {
			c := *d
			c.ID = fmt.Sprintf("%s-%03d", d.ID, i)
			c.Body = strings.Repeat("word ", i%17)
			docs = append(docs, &c)
		}
	}
	for codec := range Compressions {
		for _, rowGroup := range []int{1, 2 << 10, 64 << 10, 0} {
			serial := writeParquet(t, docs, ParquetOptions{Compression: codec, RowGroupBytes: rowGroup, Workers: 1})
			for _, workers := range []int{2, 3, maxWorkers, 99} {
				got := writeParquet(t, docs, ParquetOptions{Compression: codec, RowGroupBytes: rowGroup, Workers: workers})
				if !bytes.Equal(got, serial) {
					t.Errorf("%s, row groups of %d bytes, %d workers: the file differs from one worker's", codec, rowGroup, workers)
				}
			}
			if f, rows := readParquet(t, serial); len(rows) != len(docs) || rows[len(rows)-1]["id"] != docs[len(docs)-1].ID {
				t.Errorf("%s: %d rows in %d row groups, want %d", codec, len(rows), len(f.RowGroups()), len(docs))
			}
		}
	}
}

// TestParquetWorkersFailingOutput: with row groups in flight, an output
// that fails surfaces in Write or Close, and no goroutine is left behind
// (the race detector and the leak of a blocked goroutine would show).
func TestParquetWorkersFailingOutput(t *testing.T) {
	pw, err := NewParquetWriter(failingWriter{}, ParquetOptions{RowGroupBytes: 1, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for range 1000 {
		if werr = pw.Write(testDocs()[0]); werr != nil {
			break
		}
	}
	cerr := pw.Close()
	if werr == nil && cerr == nil {
		t.Fatal("no error from a failing output")
	}
	for _, err := range []error{werr, cerr} {
		if err != nil && !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v, want disk full", err)
		}
	}
}
