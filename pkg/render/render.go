// Package render is seedscope's output layer: every byte a command prints
// on stdout is written here. One registry of formats (format.go), of which
// each command accepts a subset; one writer per kind of output: records
// (Writer, from a Schema: table, tsv, json, ndjson, csv), one thing in full
// (WriteDocument, WriteStats, WriteRules) and validation findings
// (WriteFindings). cmd/ hands its stdout only to these functions
// (cmd.TestStdoutOnePlace checks).
package render

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/termsafe"
)

// Style is a colour role for a table column.
type Style int

const (
	Plain Style = iota
	IDStyle
	DateStyle
	ProviderStyle
	CountStyle
	DimStyle
	// MatchStyle shows what a search found (a concordance's keyword), as
	// grep colours a match.
	MatchStyle
	// TitleStyle is show's: the document's title and the headings of its
	// sections.
	TitleStyle
)

// Column describes one column of a record type.
type Column[T any] struct {
	// Name heads the column in CSV and, upper-cased, in tables.
	Name string
	// Field is the record field the column shows: its export name, or a
	// dot path into a nested record ("provider.name"). Schema.Check
	// refuses a column whose field the record does not have.
	Field string
	// Heading, when set, heads the column in tables instead of Name.
	Heading string
	// Append, when set, appends the CSV cell (Value's text) to a buffer:
	// CSV export writes it without making a string per cell.
	Append func([]byte, T) []byte
	Value  func(T) string
	Style  Style
	// Shrink marks a column that may be shortened to fit the terminal
	// width: ShrinkFirst columns give up space before ShrinkSecond ones,
	// and those before ShrinkLast ones (the table's main text).
	Shrink Shrink
	// MinWidth is the narrowest a shrinking column gets (default 12).
	MinWidth int
	// Drop, when not 0, lets the table leave the column out when even the
	// narrowest widths of all columns do not fit the terminal: the highest
	// Drop goes first. Columns with Drop 0 stay.
	Drop int
	// ID marks a column of document ids: a table prints them as
	// Options.ShortID abbreviates them, and never cuts them short.
	ID bool
	// Right aligns numbers.
	Right bool
	// Marks, when set, are the byte ranges of Value's text a table on a
	// colour terminal highlights (a search's matched words): sorted, not
	// overlapping, on character boundaries. The text is made safe for
	// the terminal before the highlight's escape codes are added.
	Marks func(T) []Span
	// Bar draws the column's value, a count, as a bar scaled to the
	// largest count of the table and fitted to the width the other columns
	// leave (see Bar). Only tables fitted to a width draw it; TSV, CSV and
	// a table without a width leave the column out. Its heading is blank.
	Bar bool
	// CutLeft cuts a cell too wide for its column at its start ("…" first)
	// rather than at its end: the left context of a concordance, whose
	// end is next to the keyword.
	CutLeft bool
}

// Span is the byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Schema describes how a record type is shown in each format. JSON and
// NDJSON objects are written from the JSON table when there is one, and
// otherwise are the record's own (documents append their JSON).
type Schema[T any] struct {
	// Table lists the columns of the human table and of TSV.
	Table []Column[T]
	// CSV lists the columns of CSV: usually every field (FieldColumns).
	CSV []Column[T]
	// Fields describes the record's fields (a record.Table's Infos); nil
	// for records without a table.
	Fields []record.Info
	// JSON, when set, is the table JSON and NDJSON objects are written
	// from: its fields in order, each value as encoding/json writes it.
	JSON record.Table[T]
	// TableOmit lists fields whose columns the human table leaves out
	// (every row would repeat the same value); TSV and the other formats
	// keep them.
	TableOmit []string
}

// Shrink says whether and when a column gives up width.
type Shrink int

const (
	// Fixed columns are never shortened (dates, counts, ids); they can
	// still be dropped (Column.Drop).
	Fixed Shrink = iota
	// ShrinkSecond columns are shortened after ShrinkFirst ones, to a
	// comfortable width before titles shrink, and to their minimum only
	// when titles are at a readable width (providers, ids of links).
	ShrinkSecond
	// ShrinkLast columns are shortened only when the others are at their
	// narrowest (titles, the main text of a table).
	ShrinkLast
	// ShrinkFirst columns are shortened first (topic lists).
	ShrinkFirst
)

// Options tune the writers.
type Options struct {
	Color bool
	// Width is the terminal width tables are fitted to; 0 means no limit.
	Width int
	// SafeCSV guards CSV cells against formula injection in spreadsheets.
	SafeCSV bool
	// JSON tunes JSON and NDJSON output.
	JSON JSONOptions
	// Header starts TSV with a row of the column names (the table's
	// headings, in lower case).
	Header bool
	// ShortID, when set, abbreviates the ids of ID columns in tables
	// (corpus.ShortIDs.Short): the shortest form show still resolves.
	// Other formats keep whole ids.
	ShortID func(id string) string
}

// JSONOptions tune the JSON encoder every JSON and NDJSON writer shares.
type JSONOptions struct {
	// EscapeHTML writes <, > and & as \u003c, \u003e and \u0026, as
	// encoding/json does by default. Documents are always written so
	// (corpus.Document.AppendJSON); records, views and findings follow
	// this option.
	EscapeHTML bool
}

// Writer writes records of one type in one format. Table output is held
// until Close (column widths need every row); every other format streams.
type Writer[T any] struct {
	f      Format
	schema Schema[T]
	o      Options
	out    *bufio.Writer
	rows   [][]string // table rows, until Close
	marks  [][][]Span // the rows' marks (Column.Marks), when a column has them
	enc    *recordEncoder[T]
	buf    []byte // the record being written
	n      int
	err    error
}

// recordEncoder makes the output of one record in a streaming format
// (TSV, JSON, NDJSON, CSV), in scratch memory of its own: a writer has
// one, and writeOrdered one per goroutine.
type recordEncoder[T any] struct {
	f      Format
	schema *Schema[T]
	o      Options
	cell   []byte   // the CSV cell being written
	row    []string // the row being written (TSV)
	json   *jsonEncoder
}

// NewWriter returns a writer of records in format f to w.
func NewWriter[T any](w io.Writer, f Format, s Schema[T], o Options) *Writer[T] {
	wr := &Writer[T]{f: f, schema: s, o: o, out: bufio.NewWriterSize(w, 64<<10)}
	switch f {
	case Table:
		if len(s.TableOmit) > 0 {
			wr.schema.Table = slices.DeleteFunc(slices.Clone(s.Table), func(c Column[T]) bool { return slices.Contains(s.TableOmit, c.Field) })
		}
		if o.Width <= 0 {
			wr.schema.Table = withoutBars(wr.schema.Table)
		}
	case TSV:
		wr.schema.Table = withoutBars(s.Table)
		if o.Header {
			for i, c := range wr.schema.Table {
				if i > 0 {
					wr.out.WriteByte('\t')
				}
				wr.out.WriteString(cmp.Or(c.Heading, c.Name))
			}
			wr.out.WriteByte('\n')
		}
	case CSV:
		// The header goes out even when no record follows; a write error
		// surfaces at the first Write or at Close.
		for i, h := range header(s.CSV) {
			if i > 0 {
				wr.buf = append(wr.buf, ',')
			}
			wr.buf = appendCSVField(wr.buf, []byte(h))
		}
		_, wr.err = wr.out.Write(append(wr.buf, '\n'))
	}
	if !KeepsRecords(f) {
		wr.enc = wr.newEncoder()
	}
	return wr
}

func (w *Writer[T]) newEncoder() *recordEncoder[T] {
	e := &recordEncoder[T]{f: w.f, schema: &w.schema, o: w.o}
	if w.f == JSON || w.f == NDJSON {
		e.json = newJSONEncoder(w.o.JSON)
	}
	return e
}

// Write adds one record. After an error every call returns that error.
func (w *Writer[T]) Write(v T) error {
	if w.err != nil {
		return w.err
	}
	w.err = w.write(v)
	w.n++
	return w.err
}

// writeAll adds records, all at once: encoded on every core when there
// are enough of them (writeOrdered), the same bytes as Write one by one.
func (w *Writer[T]) writeAll(records []T) error {
	workers := orderedWorkers(len(records))
	if w.err != nil || KeepsRecords(w.f) || workers < 2 {
		for _, v := range records {
			if err := w.Write(v); err != nil {
				return err
			}
		}
		return w.err
	}
	w.err = writeOrdered(w.out, records, w.n == 0, workers, func() appendFunc[T] { return w.newEncoder().append })
	w.n += len(records)
	return w.err
}

func (w *Writer[T]) write(v T) error {
	if !KeepsRecords(w.f) {
		b, err := w.enc.append(w.buf[:0], v, w.n == 0)
		if err != nil {
			return err
		}
		w.buf = b
		_, err = w.out.Write(b)
		return err
	}
	row := cells(make([]string, 0, len(w.schema.Table)), w.schema.Table, v)
	if w.o.ShortID != nil {
		for i, c := range w.schema.Table {
			if c.ID {
				row[i] = w.o.ShortID(row[i])
			}
		}
	}
	if w.o.Color {
		var marks [][]Span
		for i, c := range w.schema.Table {
			if c.Marks == nil {
				continue
			}
			if marks == nil {
				marks = make([][]Span, len(row))
			}
			row[i], marks[i] = cleanMarked(c.Value(v), c.Marks(v))
		}
		if marks != nil {
			w.marks = append(w.marks, marks)
		}
	}
	w.rows = append(w.rows, row)
	return nil
}

// append appends v's output to b (see appendFunc).
func (e *recordEncoder[T]) append(b []byte, v T, first bool) ([]byte, error) {
	switch e.f {
	case TSV:
		e.row = cells(e.row, e.schema.Table, v)
		for i, c := range e.row {
			if i > 0 {
				b = append(b, '\t')
			}
			b = append(b, c...)
		}
		return append(b, '\n'), nil
	case JSON:
		j, err := e.compactJSON(v)
		if err == nil {
			j, err = e.json.indentBytes(j, "  ")
		}
		if err != nil {
			return b, err
		}
		sep := ",\n  "
		if first {
			sep = "[\n  "
		}
		return append(append(b, sep...), j...), nil
	case NDJSON:
		j, err := e.compactJSON(v)
		if err != nil {
			return b, err
		}
		return append(append(b, j...), '\n'), nil
	case CSV:
		// RFC 4180, byte for byte as encoding/csv writes it.
		for i, c := range e.schema.CSV {
			if i > 0 {
				b = append(b, ',')
			}
			if c.Append != nil {
				e.cell = c.Append(e.cell[:0], v)
			} else {
				e.cell = append(e.cell[:0], c.Value(v)...)
			}
			if e.o.SafeCSV && len(e.cell) > 0 && strings.IndexByte(formulaStarts, e.cell[0]) >= 0 {
				// SafeCSVCell: the quote is part of the cell.
				e.cell = append(e.cell, 0)
				copy(e.cell[1:], e.cell)
				e.cell[0] = '\''
			}
			b = appendCSVField(b, e.cell)
		}
		return append(b, '\n'), nil
	}
	return b, fmt.Errorf("unknown format %q", e.f)
}

// compactJSON returns v's compact JSON, valid until the next call.
func (e *recordEncoder[T]) compactJSON(v T) ([]byte, error) {
	if e.schema.JSON == nil {
		return e.json.compact(v)
	}
	b, err := appendRecord(e.json, e.json.appended[:0], e.schema.JSON, v)
	e.json.appended = b
	return b, err
}

// Close finishes the output (closing bracket, table, header of an empty
// CSV) and flushes it, returning the first write error.
func (w *Writer[T]) Close() error {
	if w.err != nil {
		return w.err
	}
	switch w.f {
	case Table:
		w.err = writeMarkedTable(w.out, w.schema.Table, w.rows, w.marks, w.o)
	case JSON:
		if w.n == 0 {
			w.out.WriteString("[]\n")
		} else {
			w.out.WriteString("\n]\n")
		}
	}
	if w.err == nil {
		w.err = w.out.Flush()
	}
	return w.err
}

// WriteAll writes records and closes the writer.
func WriteAll[T any](w io.Writer, f Format, s Schema[T], o Options, records []T) error {
	wr := NewWriter(w, f, s, o)
	if err := wr.writeAll(records); err != nil {
		return err
	}
	return wr.Close()
}

func header[T any](cols []Column[T]) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.Name
	}
	return h
}

// cells returns a record's cell texts for a table or TSV in row's memory
// (nil: new memory), made safe to print (no control characters, no line
// breaks).
func cells[T any](row []string, cols []Column[T], v T) []string {
	row = row[:0]
	for _, c := range cols {
		row = append(row, termsafe.Clean(c.Value(v), false))
	}
	return row
}

// cleanMarked is the cell text of s, made safe to print as cells makes
// it, and where the marks of s are in it. Clean works a character at a
// time, so the pieces cleaned one by one are the whole cleaned.
func cleanMarked(s string, marks []Span) (string, []Span) {
	var b strings.Builder
	var out []Span
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(s) || m.Start >= m.End {
			continue
		}
		b.WriteString(termsafe.Clean(s[at:m.Start], false))
		start := b.Len()
		b.WriteString(termsafe.Clean(s[m.Start:m.End], false))
		out = append(out, Span{start, b.Len()})
		at = m.End
	}
	b.WriteString(termsafe.Clean(s[at:], false))
	return b.String(), out
}

// formulaStarts are the first bytes that make a spreadsheet read a cell
// as a formula.
const formulaStarts = "=+-@\t\r"

// SafeCSVCell prefixes a cell a spreadsheet would run as a formula (one
// starting with =, +, -, @, tab or CR) with a single quote, as OWASP
// advises. Data then reads back with the quote: use it only for files meant
// for spreadsheets.
func SafeCSVCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}
