// Package columnar writes documents for the engines built for corpora
// larger than one machine: Parquet files (DuckDB, Spark, Polars, pandas)
// and SQLite databases with a full-text index (sqlite3, Datasette,
// sqlite-utils).
//
// Both are generated from the document field table (corpus.DocumentFields):
// a new field in the table is a new column, with the type its kind maps
// to here, without a line of this package changing.
package columnar

import (
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"unsafe"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/compress/gzip"
	"github.com/parquet-go/parquet-go/compress/snappy"
	"github.com/parquet-go/parquet-go/compress/uncompressed"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// ParquetNode is the Parquet type of one field: the one place a field
// kind meets a Parquet type.
//
//	string        BYTE_ARRAY (STRING)                 VARCHAR
//	integer       INT64                               BIGINT
//	number        DOUBLE                              DOUBLE
//	boolean       BOOLEAN                             BOOLEAN
//	time          INT64 (TIMESTAMP(MICROS, UTC))      TIMESTAMP WITH TIME ZONE
//	list<string>  LIST of STRING                      VARCHAR[]
//	object        group of its fields                 STRUCT(…)
//	list<object>  LIST of groups                      STRUCT(…)[]
//	map, any      BYTE_ARRAY (STRING) of JSON text    VARCHAR
//
// A nullable field is OPTIONAL, any other REQUIRED; lists are never null
// (an empty list is []), and their elements are required.
func ParquetNode(f record.Info) parquet.Node {
	var n parquet.Node
	switch f.Kind {
	case record.String:
		n = parquet.String()
	case record.Integer:
		n = parquet.Int(64)
	case record.Number:
		n = parquet.Leaf(parquet.DoubleType)
	case record.Boolean:
		n = parquet.Leaf(parquet.BooleanType)
	case record.Time:
		n = parquet.Timestamp(parquet.Microsecond)
	case record.StringList:
		return parquet.List(parquet.String())
	case record.Object:
		return group(f.Sub)
	case record.ObjectList:
		return parquet.List(group(f.Sub))
	case record.Map, record.Any:
		n = parquet.String()
	default:
		panic(fmt.Sprintf("columnar: field %s: no Parquet type for kind %q", f.Name, f.Kind))
	}
	if f.Nullable {
		n = parquet.Optional(n)
	}
	return n
}

// ParquetSchema is the schema of documents: a column per field of the
// table, in its order.
func ParquetSchema(fields []record.Info) *parquet.Schema {
	return parquet.NewSchema("document", group(fields))
}

// orderedGroup is a Parquet group whose fields keep the table's order
// (parquet.Group sorts them by name).
type orderedGroup struct{ fields []parquet.Field }

type namedField struct {
	parquet.Node
	name string
}

func (f namedField) Name() string { return f.name }

func (f namedField) Value(base reflect.Value) reflect.Value {
	if base.Kind() == reflect.Interface || base.Kind() == reflect.Pointer {
		if base.IsNil() {
			return reflect.Value{}
		}
		base = base.Elem()
	}
	if base.Kind() == reflect.Map {
		return base.MapIndex(reflect.ValueOf(f.name))
	}
	return base.FieldByName(f.name)
}

func group(fields []record.Info) *orderedGroup {
	g := &orderedGroup{}
	for _, f := range fields {
		g.fields = append(g.fields, namedField{ParquetNode(f), f.Name})
	}
	return g
}

func (g *orderedGroup) ID() int                     { return 0 }
func (g *orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g *orderedGroup) Optional() bool              { return false }
func (g *orderedGroup) Repeated() bool              { return false }
func (g *orderedGroup) Required() bool              { return true }
func (g *orderedGroup) Leaf() bool                  { return false }
func (g *orderedGroup) Fields() []parquet.Field     { return g.fields }
func (g *orderedGroup) Encoding() encoding.Encoding { return nil }
func (g *orderedGroup) Compression() compress.Codec { return nil }
func (g *orderedGroup) GoType() reflect.Type {
	m := parquet.Group{}
	for _, f := range g.fields {
		m[f.Name()] = f
	}
	return m.GoType()
}
func (g *orderedGroup) String() string {
	var b strings.Builder
	b.WriteString("group {")
	for _, f := range g.fields {
		fmt.Fprintf(&b, " %s: %s;", f.Name(), f)
	}
	b.WriteString(" }")
	return b.String()
}

// Compressions are the codecs --compression names, new for each file.
var Compressions = map[string]func() compress.Codec{
	"zstd":   func() compress.Codec { return &zstdCodec{} },
	"snappy": func() compress.Codec { return &snappy.Codec{} },
	"gzip":   func() compress.Codec { return &gzip.Codec{Level: gzip.DefaultCompression} },
	"none":   func() compress.Codec { return &uncompressed.Codec{} },
}

// boundedColumns are the string columns whose page and row-group bounds
// (min and max values, which readers use to skip data) are written: keys
// worth filtering on. Other strings — text, URLs, JSON — get none: their
// bounds would be long values kept in memory until the footer, for every
// row group, and filter nothing.
var boundedColumns = map[string]bool{
	"id": true, "path": true, "kind": true, "category": true, "type": true,
	"provider.name": true, "provider.domain": true, "topics.list.element": true,
}

// skipBounds lists the string columns of schema without bounds.
func skipBounds(schema *parquet.Schema) []parquet.WriterOption {
	var out []parquet.WriterOption
	for _, path := range schema.Columns() {
		leaf, ok := schema.Lookup(path...)
		if !ok || leaf.Node.Type().Kind() != parquet.ByteArray || boundedColumns[strings.Join(path, ".")] {
			continue
		}
		out = append(out, parquet.SkipPageBounds(path...))
	}
	return out
}

// ParquetOptions tune a Parquet file.
type ParquetOptions struct {
	// Compression names a codec of Compressions; "" is zstd.
	Compression string
	// RowGroupBytes ends a row group once about this many bytes of
	// values are buffered (0: 8 MiB). Memory holds one row group.
	RowGroupBytes int
	// CreatedBy names the writer in the file's metadata.
	CreatedBy string
	// Workers bounds the row groups encoded and compressed at once, each
	// on a goroutine of its own (0: GOMAXPROCS; at most maxWorkers; 1: on the
	// goroutine that calls Write). Each holds a row group in memory, and
	// the file's bytes are the same whatever the number.
	Workers int
}

const defaultRowGroupBytes = 4 << 20

// maxWorkers bounds ParquetOptions.Workers: past a few, more row groups
// in flight only cost memory.
const maxWorkers = 4

// ParquetWriter writes documents to one Parquet file, a row group at a
// time: memory holds the row group being written, not the file. It is not
// safe for concurrent use; Pipeline runs one on a goroutine of its own.
type ParquetWriter struct {
	w               *parquet.Writer
	plan            []column
	cols            [][]parquet.Value
	row             parquet.Row
	buffered, limit int
	scratch         []byte

	// With several workers, the row group being filled is a batch of
	// rows handed whole to a goroutine; the encoded row groups are
	// committed to the file in order (see dispatch).
	workers  int
	batch    *rowGroup
	inFlight []*rowGroup // dispatched, oldest first
	spare    []*rowGroup
}

// rowGroup is a batch of rows encoded on a goroutine of its own: values
// holds the rows back to back, ends where each ends.
type rowGroup struct {
	rg     *parquet.ConcurrentRowGroupWriter
	values []parquet.Value
	ends   []int
	done   chan struct{}
	err    error
}

// column is a field's place in the rows: its leaf columns, and how its
// sub-fields are laid out.
type column struct {
	kind     record.Kind
	nullable bool
	leaf     int // first leaf column
	end      int // one past the last
	repDepth int // repetition level of the list's elements
	sub      []column
}

// NewParquetWriter starts a Parquet file of documents on out.
func NewParquetWriter(out io.Writer, o ParquetOptions) (*ParquetWriter, error) {
	codec, ok := Compressions[cmpOr(o.Compression, "zstd")]
	if !ok {
		return nil, fmt.Errorf("unknown compression %q", o.Compression)
	}
	fields := corpus.DocumentFields.Infos()
	schema := ParquetSchema(fields)
	opts := []parquet.WriterOption{schema, parquet.Compression(codec()),
		parquet.MaxRowsPerRowGroup(1 << 40), parquet.PageBufferSize(256 << 10)}
	opts = append(opts, skipBounds(schema)...)
	if o.CreatedBy != "" {
		opts = append(opts, parquet.CreatedBy(o.CreatedBy, "", ""))
	}
	pw := &ParquetWriter{w: parquet.NewWriter(out, opts...), limit: o.RowGroupBytes, workers: o.Workers}
	if pw.limit <= 0 {
		pw.limit = defaultRowGroupBytes
	}
	if pw.workers <= 0 {
		pw.workers = runtime.GOMAXPROCS(0)
	}
	pw.workers = min(pw.workers, maxWorkers)
	next := 0
	pw.plan = layout(fields, &next, 0)
	pw.cols = make([][]parquet.Value, next)
	return pw, nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// layout places fields on leaf columns, depth-first as the schema orders
// them; rep is the repetition depth of the enclosing lists.
func layout(fields []record.Info, next *int, rep int) []column {
	out := make([]column, len(fields))
	for i, f := range fields {
		c := column{kind: f.Kind, nullable: f.Nullable, leaf: *next}
		switch f.Kind {
		case record.Object:
			c.sub = layout(f.Sub, next, rep)
		case record.ObjectList:
			c.repDepth = rep + 1
			c.sub = layout(f.Sub, next, rep+1)
		case record.StringList:
			c.repDepth = rep + 1
			*next++
		default:
			*next++
		}
		c.end = *next
		out[i] = c
	}
	return out
}

// Write adds d to the row group, and ends the row group once it holds
// enough.
func (pw *ParquetWriter) Write(d *corpus.Document) error {
	for i := range pw.cols {
		pw.cols[i] = pw.cols[i][:0]
	}
	pw.record(corpus.FieldsOf(d), pw.plan, 0, 0)
	if pw.workers > 1 {
		return pw.add2batch()
	}
	pw.row = pw.row[:0]
	for _, c := range pw.cols {
		pw.row = append(pw.row, c...)
	}
	if _, err := pw.w.WriteRows([]parquet.Row{pw.row}); err != nil {
		return err
	}
	if pw.buffered >= pw.limit {
		pw.buffered = 0
		return pw.w.Flush()
	}
	return nil
}

// add2batch appends the row in cols to the batch, and hands the batch
// to a goroutine once it holds a row group: the same rows per row group
// as the serial path, so the same file.
func (pw *ParquetWriter) add2batch() error {
	if pw.batch == nil {
		if n := len(pw.spare); n > 0 {
			pw.batch, pw.spare = pw.spare[n-1], pw.spare[:n-1]
		} else {
			pw.batch = &rowGroup{rg: pw.w.BeginRowGroup()}
		}
	}
	b := pw.batch
	for _, c := range pw.cols {
		b.values = append(b.values, c...)
	}
	b.ends = append(b.ends, len(b.values))
	if pw.buffered < pw.limit {
		return nil
	}
	pw.buffered = 0
	return pw.dispatch()
}

// dispatch starts encoding the batch, after committing the oldest row
// groups while as many as there are workers are in flight.
func (pw *ParquetWriter) dispatch() error {
	for len(pw.inFlight) >= pw.workers {
		if err := pw.commitOldest(); err != nil {
			return err
		}
	}
	b := pw.batch
	pw.batch = nil
	b.done = make(chan struct{})
	pw.inFlight = append(pw.inFlight, b)
	go b.encode()
	return nil
}

// encode writes the rows one at a time, as the serial path does, so that
// pages end where they would there, and compresses the last pages.
func (b *rowGroup) encode() {
	defer close(b.done)
	start := 0
	for _, end := range b.ends {
		if _, b.err = b.rg.WriteRows([]parquet.Row{b.values[start:end]}); b.err != nil {
			return
		}
		start = end
	}
	b.err = b.rg.Flush()
}

// commitOldest waits for the oldest row group in flight and writes it
// to the file.
func (pw *ParquetWriter) commitOldest() error {
	b := pw.inFlight[0]
	pw.inFlight = pw.inFlight[1:]
	<-b.done
	err := b.err
	if err == nil {
		_, err = b.rg.Commit()
	}
	// The values point into documents: drop them so they can be freed.
	clear(b.values)
	b.values, b.ends = b.values[:0], b.ends[:0]
	pw.spare = append(pw.spare, b)
	return err
}

// Close ends the last row group and writes the footer. It does not close
// the underlying writer.
func (pw *ParquetWriter) Close() error {
	var err error
	if pw.batch != nil && len(pw.batch.ends) > 0 {
		err = pw.dispatch()
	}
	for len(pw.inFlight) > 0 {
		if cerr := pw.commitOldest(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	return pw.w.Close()
}

func (pw *ParquetWriter) add(col int, v parquet.Value, rep, def int) {
	pw.cols[col] = append(pw.cols[col], v.Level(rep, def, col))
}

// nulls writes an absent value to every leaf column of c: a null field,
// or an empty list.
func (pw *ParquetWriter) nulls(c *column, rep, def int) {
	for col := c.leaf; col < c.end; col++ {
		pw.add(col, parquet.NullValue(), rep, def)
	}
}

func (pw *ParquetWriter) str(s string) parquet.Value {
	pw.buffered += len(s)
	return parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// record writes the fields of r: rep is the repetition level of their
// first value, def the definition level of the record (every enclosing
// optional or repeated level present).
func (pw *ParquetWriter) record(r corpus.Fields, plan []column, rep, def int) {
	for i := range plan {
		c := &plan[i]
		var v parquet.Value
		ok := true
		switch c.kind {
		case record.String:
			var s string
			s, ok = r.String(i)
			v = pw.str(s)
		case record.Integer:
			v = parquet.Int64Value(r.Int(i))
		case record.Number:
			var x float64
			x, ok = r.Number(i)
			v = parquet.DoubleValue(x)
		case record.Boolean:
			var b bool
			b, ok = r.Bool(i)
			v = parquet.BooleanValue(b)
		case record.Time:
			t, present := r.Time(i)
			ok = present
			v = parquet.Int64Value(t.UnixMicro())
		case record.Map, record.Any:
			pw.scratch = r.AppendJSON(pw.scratch[:0], i)
			v = pw.str(string(pw.scratch))
		case record.StringList:
			l := r.Strings(i)
			if len(l) == 0 {
				pw.nulls(c, rep, def)
				continue
			}
			for j, s := range l {
				pw.add(c.leaf, pw.str(s), pick(j, rep, c.repDepth), def+1)
			}
			continue
		case record.Object:
			pw.record(r.Object(i), c.sub, rep, def)
			continue
		case record.ObjectList:
			n := r.Len(i)
			if n == 0 {
				pw.nulls(c, rep, def)
				continue
			}
			for j := range n {
				pw.record(r.Elem(i, j), c.sub, pick(j, rep, c.repDepth), def+1)
			}
			continue
		}
		pw.buffered += 8
		switch {
		case !ok:
			pw.add(c.leaf, parquet.NullValue(), rep, def)
		case c.nullable:
			pw.add(c.leaf, v, rep, def+1)
		default:
			pw.add(c.leaf, v, rep, def)
		}
	}
}

// pick is the repetition level of a list's j-th element: the enclosing
// level for the first, the list's own for the others.
func pick(j, rep, depth int) int {
	if j == 0 {
		return rep
	}
	return depth
}

// DuckDBType is the type DuckDB reads a field's Parquet column as (its
// DESCRIBE, with names unquoted): what docs/export.md lists.
func DuckDBType(f record.Info) string {
	switch f.Kind {
	case record.String, record.Map, record.Any:
		return "VARCHAR"
	case record.Integer:
		return "BIGINT"
	case record.Number:
		return "DOUBLE"
	case record.Boolean:
		return "BOOLEAN"
	case record.Time:
		return "TIMESTAMP WITH TIME ZONE"
	case record.StringList:
		return "VARCHAR[]"
	case record.Object, record.ObjectList:
		parts := make([]string, len(f.Sub))
		for i, s := range f.Sub {
			parts[i] = s.Name + " " + DuckDBType(s)
		}
		t := "STRUCT(" + strings.Join(parts, ", ") + ")"
		if f.Kind == record.ObjectList {
			t += "[]"
		}
		return t
	}
	panic(fmt.Sprintf("columnar: field %s: no DuckDB type for kind %q", f.Name, f.Kind))
}

// parquetTypeText describes a field's Parquet type for people.
func parquetTypeText(f record.Info) string {
	var t string
	switch f.Kind {
	case record.String:
		t = "STRING"
	case record.Map, record.Any:
		t = "STRING (JSON text)"
	case record.Integer:
		t = "INT64"
	case record.Number:
		t = "DOUBLE"
	case record.Boolean:
		t = "BOOLEAN"
	case record.Time:
		t = "TIMESTAMP(MICROS, UTC)"
	case record.StringList:
		return "LIST<STRING>"
	case record.Object:
		return "group"
	case record.ObjectList:
		return "LIST<group>"
	}
	if f.Nullable {
		return "optional " + t
	}
	return t
}

// SchemaTable is the Markdown table of the export columns: each field
// (nested ones by dot path, [] for a list's elements), its kind, its
// Parquet type, DuckDB's type for it and its SQLite column type (nested
// fields live in their parent's JSON in SQLite, and in links for related
// items). docs/export.md holds it; a test keeps it in step.
func SchemaTable() string {
	var b strings.Builder
	b.WriteString("| Field | Kind | Parquet | DuckDB | SQLite |\n|---|---|---|---|---|\n")
	var walk func(prefix string, fields []record.Info, top bool)
	walk = func(prefix string, fields []record.Info, top bool) {
		for _, f := range fields {
			duck := DuckDBType(f)
			if len(f.Sub) > 0 {
				duck = "STRUCT(…)"
				if f.Kind == record.ObjectList {
					duck += "[]"
				}
			}
			sqlType := "(in the parent's JSON)"
			if top {
				sqlType = SQLType(f)
				if f.Kind != record.String && f.Kind != record.Time && SQLType(f) == "TEXT" {
					sqlType = "TEXT (JSON)"
				}
			}
			fmt.Fprintf(&b, "| `%s%s` | %s | %s | %s | %s |\n", prefix, f.Name, strings.ReplaceAll(string(f.Kind), "|", `\|`), parquetTypeText(f), duck, sqlType)
			sub := prefix + f.Name + "."
			if f.Kind == record.ObjectList {
				sub = prefix + f.Name + "[]."
			}
			walk(sub, f.Sub, false)
		}
	}
	walk("", corpus.DocumentFields.Infos(), true)
	return b.String()
}

// Pipeline writes documents through w on a goroutine of its own, so that
// encoding and compressing the columns overlaps reading the corpus: Write
// hands the document over (up to 64 wait) and returns; an error of the
// writer is returned by a later Write, and by Close, which waits for the
// writer and closes it. The documents must not change once written.
type Pipeline struct {
	docs   chan *corpus.Document
	failed chan struct{} // closed once err is set by a Write
	done   chan struct{} // closed once the goroutine is over
	err    error
	w      *ParquetWriter
}

// NewPipeline starts w's goroutine.
func NewPipeline(w *ParquetWriter) *Pipeline {
	p := &Pipeline{docs: make(chan *corpus.Document, 64), failed: make(chan struct{}), done: make(chan struct{}), w: w}
	go func() {
		defer close(p.done)
		for d := range p.docs {
			if p.err != nil {
				continue // drained until Close
			}
			if err := w.Write(d); err != nil {
				p.err = err
				close(p.failed)
			}
		}
		if p.err == nil {
			p.err = w.Close()
		}
	}()
	return p
}

// Write queues d.
func (p *Pipeline) Write(d *corpus.Document) error {
	select {
	case <-p.failed:
		return p.err
	case p.docs <- d:
		return nil
	}
}

// Close waits for the queued documents and ends the file.
func (p *Pipeline) Close() error {
	close(p.docs)
	<-p.done
	return p.err
}
