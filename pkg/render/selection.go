package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/validate"
)

// Selection is what field selection asks of a command's output: --json
// FIELDS, --jq, --template, --columns, --header and -0/--null. The zero
// value asks for nothing: the format's usual output.
type Selection struct {
	// Fields are the --json fields; nil when --json is not given.
	Fields []string
	// JQ filters the JSON (with or without Fields).
	JQ *JQ
	// Template renders the JSON (with or without Fields).
	Template *Template
	// Columns are the columns of table, TSV and CSV; nil for the
	// command's own.
	Columns []string
	// Null writes one value per record, each ended by a NUL byte: the
	// one field of Columns, or the record's ID field.
	Null bool
	// Pretty indents the JSON of --json and of --jq results (stdout is a
	// terminal); otherwise it is compact.
	Pretty bool
	// Context stops a --jq filter that runs long.
	Context context.Context
}

// JSONOutput reports whether the selection writes JSON (or what a jq
// filter or a template makes of it) instead of the format's output.
func (s Selection) JSONOutput() bool { return s.Fields != nil || s.JQ != nil || s.Template != nil }

// Selectable describes a record type for field selection.
type Selectable[T any] struct {
	Schema Schema[T]
	Fields record.Table[T]
	// ID is the field -0 writes by default.
	ID string
	// Full, when set, is the value the json format writes for a record
	// (what --jq and --template read without --json); by default the
	// record itself.
	Full func(T) any
}

// The records of each command, for field selection.
var (
	DocumentRecords = Selectable[*corpus.Document]{Schema: Documents, Fields: corpus.DocumentFields, ID: "id"}
	// LinkRecords write the target with -0: the corpus documents the
	// links lead to (related --backlinks uses WithID("from")).
	LinkRecords        = Selectable[query.Link]{Schema: Links, Fields: query.LinkFields, ID: "target"}
	TopicRecords       = Selectable[query.Facet]{Schema: Facets, Fields: query.TopicFacetFields, ID: "value"}
	ProviderRecords    = Selectable[query.Facet]{Schema: ProviderFacets, Fields: query.ProviderFacetFields, ID: "value"}
	FindingRecords     = Selectable[validate.Finding]{Fields: validate.FindingFields, ID: "path"}
	StatsRecord        = Selectable[*query.Stats]{Fields: query.StatsFields}
	DocumentViewRecord = Selectable[DocumentView]{Fields: DocumentViewFields, ID: "id"}
)

// DocumentViewFields are a document's fields and "linkedFrom": show's
// JSON.
var DocumentViewFields = func() record.Table[DocumentView] {
	t := make(record.Table[DocumentView], 0, len(corpus.DocumentFields)+1)
	for _, f := range corpus.DocumentFields {
		value := f.Value
		t = append(t, record.Field[DocumentView]{Info: f.Info, Value: func(v DocumentView) any { return value(v.Doc) }})
	}
	return append(t, record.Field[DocumentView]{
		Info:  LinkedFromField,
		Value: func(v DocumentView) any { return append([]string{}, v.LinkedFrom...) },
	})
}()

// WithID returns the records with another field written by -0.
func (r Selectable[T]) WithID(field string) Selectable[T] {
	r.ID = field
	return r
}

// OmitInTable returns the records with the column of field left out of
// the human table (related ID: every row's "from" is ID); TSV, CSV and
// JSON keep it.
func (r Selectable[T]) OmitInTable(field string) Selectable[T] {
	r.Schema.TableOmit = append(slices.Clone(r.Schema.TableOmit), field)
	return r
}

// RecordWriter writes records of one type.
type RecordWriter[T any] interface {
	Write(T) error
	Close() error
}

// NewRecordWriter returns the writer of records in format f with the
// selection applied: the format's own Writer when nothing is selected.
// An unknown field is a *FieldError.
func NewRecordWriter[T any](w io.Writer, f Format, r Selectable[T], sel Selection, o Options) (RecordWriter[T], error) {
	return newSelectWriter(w, f, r, sel, o, false)
}

// WriteSelected writes one record (stats, show's document) with the
// selection applied: --json gives one object, and jq and templates read
// that object.
func WriteSelected[T any](w io.Writer, f Format, r Selectable[T], sel Selection, o Options, v T) error {
	wr, err := newSelectWriter(w, f, r, sel, o, true)
	if err != nil {
		return err
	}
	if err := wr.Write(v); err != nil {
		return err
	}
	return wr.Close()
}

func newSelectWriter[T any](w io.Writer, f Format, r Selectable[T], sel Selection, o Options, single bool) (RecordWriter[T], error) {
	switch {
	case sel.Null:
		name := r.ID
		if len(sel.Columns) == 1 {
			name = sel.Columns[0]
		}
		if len(sel.Columns) > 1 {
			return nil, errors.New("-0 writes one field: give --columns one field")
		}
		acc, _, err := accessor(r.Fields, name)
		if err != nil {
			return nil, err
		}
		return &nullWriter[T]{out: bufio.NewWriterSize(w, 64<<10), value: acc}, nil
	case sel.JSONOutput():
		sw := &selectWriter[T]{out: bufio.NewWriterSize(w, 64<<10), f: f, sel: sel, single: single, color: o.Color, full: r.Full, table: r.Fields}
		if sel.Fields != nil {
			p, err := newProjection(r.Fields, sel.Fields)
			if err != nil {
				return nil, err
			}
			sw.proj = p
		}
		sw.jsonOptions = o.JSON
		sw.rec = sw.newEncoder()
		return sw, nil
	case sel.Columns != nil:
		s, err := columnSchema(r, sel.Columns)
		if err != nil {
			return nil, err
		}
		return NewWriter(w, f, s, o), nil
	}
	return NewWriter(w, f, r.Schema, o), nil
}

// columnSchema is the schema of the named columns: in table and TSV, the
// command's own column for a field it shows (its style, width and text:
// a short date, a list joined by ", "), otherwise the field's text; in
// CSV, the field's cell as CSV writes every field. Each column is headed
// by the name given.
func columnSchema[T any](r Selectable[T], names []string) (Schema[T], error) {
	s := Schema[T]{Fields: r.Fields.Infos()}
	if err := CheckFields("--columns", s.Fields, names); err != nil {
		return s, err
	}
	csvCols := FieldColumns(r.Fields)
	for _, name := range names {
		acc, info, err := accessor(r.Fields, name)
		if err != nil {
			return s, err
		}
		tc := Column[T]{Name: name, Field: name, Value: func(v T) string { return displayText(acc(v)) }}
		switch info.Kind {
		case record.Integer, record.Number:
			tc.Right = true
		case record.String:
			tc.Shrink = ShrinkLast
		case record.StringList:
			tc.Shrink = ShrinkFirst
		}
		for _, c := range r.Schema.Table {
			if c.Field == name {
				tc = c
				tc.Name, tc.Heading = name, ""
				break
			}
		}
		s.Table = append(s.Table, tc)
		cc := Column[T]{Name: name, Field: name, Value: func(v T) string { return CellText(acc(v)) }}
		for _, c := range csvCols {
			if c.Field == name {
				cc = c
			}
		}
		s.CSV = append(s.CSV, cc)
	}
	return s, nil
}

// displayText is a value's text in a table or TSV cell: as in CSV, but a
// list of scalars joined by ", " (as the topics column shows them).
func displayText(v any) string {
	var items []string
	switch l := v.(type) {
	case []string:
		items = l
	case []any:
		for _, e := range l {
			switch e.(type) {
			case []any, map[string]any:
				return CellText(v)
			}
			items = append(items, CellText(e))
		}
	default:
		return CellText(v)
	}
	return strings.Join(items, ", ")
}

// nullWriter writes one value per record, each followed by a NUL byte,
// for xargs -0. Empty values are left out, and a value the same as the
// one before it is written once (a file with many findings, a document
// linking twice).
type nullWriter[T any] struct {
	out   *bufio.Writer
	value func(T) any
	last  string
	n     int
	err   error
}

func (w *nullWriter[T]) Write(v T) error {
	if w.err != nil {
		return w.err
	}
	s := CellText(w.value(v))
	if s == "" || (w.n > 0 && s == w.last) {
		return nil
	}
	if strings.IndexByte(s, 0) >= 0 {
		w.err = fmt.Errorf("-0: the value %q holds a NUL byte, which would split it", s)
		return w.err
	}
	w.last = s
	w.n++
	w.out.WriteString(s)
	w.err = w.out.WriteByte(0)
	return w.err
}

func (w *nullWriter[T]) Close() error {
	if w.err != nil {
		return w.err
	}
	return w.out.Flush()
}

// selectWriter writes --json FIELDS, or feeds the JSON to a jq filter or
// a template. With NDJSON each record is a value of its own (printed on
// its line, or filtered and rendered alone, as jq reads an NDJSON
// stream); with JSON the records make one array (printed as it comes, or,
// for jq and templates, gathered and read as a whole). A single record
// (WriteSelected) is one object.
type selectWriter[T any] struct {
	out         *bufio.Writer
	f           Format
	sel         Selection
	single      bool
	color       bool
	proj        *projection[T]
	full        func(T) any
	table       record.Table[T] // the record's fields, for its whole JSON
	jsonOptions JSONOptions
	rec         *selectEncoder[T]
	line        []byte // the output of the record being written
	items       []any
	n           int
	err         error
}

// selectEncoder makes a record's JSON for a selectWriter, in scratch
// memory of its own.
type selectEncoder[T any] struct {
	proj  *projection[T]
	full  func(T) any
	table record.Table[T] // the record's fields, for its whole JSON
	enc   *jsonEncoder
	buf   []byte
}

func (w *selectWriter[T]) newEncoder() *selectEncoder[T] {
	return &selectEncoder[T]{proj: w.proj, full: w.full, table: w.table, enc: newJSONEncoder(w.jsonOptions)}
}

// recordJSON is v's compact JSON: the chosen fields, or the whole record
// as the json format writes it.
func (e *selectEncoder[T]) recordJSON(v T) ([]byte, error) {
	if e.proj != nil {
		e.buf = e.proj.appendJSON(e.buf[:0], v)
		return e.buf, nil
	}
	switch a, ok := any(v).(jsonAppender); {
	case e.full != nil:
		return e.enc.compact(e.full(v))
	case ok:
		e.buf = a.AppendJSON(e.buf[:0])
		return e.buf, nil
	}
	// The JSON the json format writes: the record's fields, in table order.
	var err error
	e.buf, err = appendRecord(e.enc, e.buf[:0], e.table, v)
	return e.buf, err
}

func (w *selectWriter[T]) Write(v T) error {
	if w.err != nil {
		return w.err
	}
	w.err = w.write(v)
	w.n++
	return w.err
}

// writeAll adds records all at once: when each record's output is its
// own (the selected JSON, without jq or a template), encoded on every
// core (writeOrdered), the same bytes as Write one by one.
func (w *selectWriter[T]) writeAll(records []T) error {
	workers := orderedWorkers(len(records))
	if w.err != nil || w.sel.JQ != nil || w.sel.Template != nil || workers < 2 {
		for _, v := range records {
			if err := w.Write(v); err != nil {
				return err
			}
		}
		return w.err
	}
	w.err = writeOrdered(w.out, records, w.n == 0, workers, func() appendFunc[T] {
		e := w.newEncoder()
		return func(b []byte, v T, first bool) ([]byte, error) { return w.appendSelected(e, b, v, first) }
	})
	w.n += len(records)
	return w.err
}

// appendSelected appends the output of v without jq or a template, its
// JSON made by e (see appendFunc): what write and writeAll print for it.
func (w *selectWriter[T]) appendSelected(e *selectEncoder[T], b []byte, v T, first bool) ([]byte, error) {
	j, err := e.recordJSON(v)
	if err != nil {
		return b, err
	}
	return w.appendJSON(b, j, w.single || w.f == NDJSON, first), nil
}

func (w *selectWriter[T]) write(v T) error {
	if w.sel.JQ == nil && w.sel.Template == nil {
		var err error
		if w.line, err = w.appendSelected(w.rec, w.line[:0], v, w.n == 0); err != nil {
			return err
		}
		_, err = w.out.Write(w.line)
		return err
	}
	b, err := w.rec.recordJSON(v)
	if err != nil {
		return err
	}
	data, err := decodeJSON(b)
	if err != nil {
		return err
	}
	if w.single || w.f == NDJSON {
		return w.query(data)
	}
	w.items = append(w.items, data)
	return nil
}

// appendJSON appends the output of one record's selected fields, JSON b.
func (w *selectWriter[T]) appendJSON(dst, b []byte, perRecord, first bool) []byte {
	pretty := w.sel.Pretty && w.f != NDJSON
	switch {
	case perRecord && pretty:
		return append(append(dst, indentJSON(b, "")...), '\n')
	case perRecord:
		return append(append(dst, b...), '\n')
	case pretty:
		sep := ",\n  "
		if first {
			sep = "[\n  "
		}
		return append(append(dst, sep...), indentJSON(b, "  ")...)
	}
	sep := byte(',')
	if first {
		sep = '['
	}
	return append(append(dst, sep), b...)
}

func indentJSON(b []byte, prefix string) []byte {
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, prefix, "  "); err != nil {
		return b
	}
	return buf.Bytes()
}

// query runs the jq filter or the template on data.
func (w *selectWriter[T]) query(data any) error {
	if w.sel.JQ != nil {
		return w.sel.JQ.run(w.sel.Context, w.out, data, w.sel.Pretty)
	}
	return w.sel.Template.execute(w.out, data, w.color)
}

func (w *selectWriter[T]) Close() error {
	if w.err != nil {
		return w.err
	}
	switch {
	case w.sel.JQ != nil || w.sel.Template != nil:
		if !w.single && w.f != NDJSON {
			items := w.items
			if items == nil {
				items = []any{}
			}
			w.err = w.query(items)
			w.items = nil
		}
	case w.single || w.f == NDJSON:
	case w.n == 0:
		w.out.WriteString("[]\n")
	case w.sel.Pretty:
		w.out.WriteString("\n]\n")
	default:
		w.out.WriteString("]\n")
	}
	if w.err == nil {
		w.err = w.out.Flush()
	}
	return w.err
}

// WriteRecords writes records in format f with the selection applied.
func WriteRecords[T any](w io.Writer, f Format, r Selectable[T], sel Selection, o Options, records []T) error {
	wr, err := NewRecordWriter(w, f, r, sel, o)
	if err != nil {
		return err
	}
	if all, ok := wr.(interface{ writeAll([]T) error }); ok {
		err = all.writeAll(records)
	} else {
		for _, v := range records {
			if err = wr.Write(v); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	return wr.Close()
}

// Reads reports whether output in format f with the selection sel reads
// the top-level field of the records (a field of r.Fields, such as
// "related"): a command whose output does not read a field that only the
// whole corpus gives can write records as they are read. A selection
// that reads the whole record (the json formats without --json, --jq or
// --template without --json, every field of CSV) reads every field.
func (r Selectable[T]) Reads(f Format, sel Selection, field string) bool {
	reads := func(names []string) bool {
		for _, n := range names {
			if top, _, _ := strings.Cut(n, "."); top == field {
				return true
			}
		}
		return false
	}
	switch {
	case sel.Null:
		name := r.ID
		if len(sel.Columns) == 1 {
			name = sel.Columns[0]
		}
		return reads([]string{name})
	case sel.JSONOutput():
		return sel.Fields == nil || reads(sel.Fields)
	case sel.Columns != nil:
		return reads(sel.Columns)
	}
	var cols []string
	switch f {
	case Table, TSV:
		for _, c := range r.Schema.Table {
			cols = append(cols, c.Field)
		}
	case CSV:
		for _, c := range r.Schema.CSV {
			cols = append(cols, c.Field)
		}
	default:
		return true
	}
	return reads(cols)
}

// ShowsShortIDs reports whether output in format f with the selection
// sel abbreviates ids (Options.ShortID): a table with an id column.
func (r Selectable[T]) ShowsShortIDs(f Format, sel Selection) bool {
	if f != Table || sel.Null || sel.JSONOutput() {
		return false
	}
	cols := r.Schema.Table
	if sel.Columns != nil {
		s, err := columnSchema(r, sel.Columns)
		if err != nil {
			return true // the writer reports the error
		}
		cols = s.Table
	}
	for _, c := range cols {
		if c.ID {
			return true
		}
	}
	return false
}
