package render

import (
	"io"
	"slices"
	"strconv"

	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
)

// Stat is one line of a summary: a stable name (the JSON field's) and its
// value as text.
type Stat struct {
	Name  string
	Value string
}

// Stats is the schema of summary lines (stats) in table, TSV and CSV.
var Stats = Schema[Stat]{
	Table: statColumns,
	CSV:   statColumns,
}

var statColumns = []Column[Stat]{
	{Name: "stat", Value: func(s Stat) string { return s.Name }},
	{Name: "value", Value: func(s Stat) string { return s.Value }, Style: CountStyle, Right: true},
}

// StatLines turns stats into summary lines: one per field of
// query.StatsFields, in its order, the value as CSV writes it (a time in
// RFC 3339, null empty, a list its compact JSON: field discovery), a
// fractional number with one decimal.
func StatLines(s *query.Stats) []Stat {
	out := make([]Stat, len(query.StatsFields))
	for i, f := range query.StatsFields {
		out[i] = Stat{f.Name, statText(f.Value(s))}
	}
	return out
}

func statText(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return CellText(v)
}

// WriteStats writes stats: one JSON object of query.StatsFields for json
// and ndjson (indented for json), summary lines for the other formats.
func WriteStats(w io.Writer, f Format, s *query.Stats, o Options) error {
	switch f {
	case JSON, NDJSON:
		return writeRecordObject(w, f, query.StatsFields, s, o.JSON)
	}
	lines := StatLines(s)
	if f != Table {
		return WriteAll(w, f, Stats, o, lines)
	}
	// A table shows field discovery as a table of its own below the
	// lines, not as a line of JSON.
	lines = slices.DeleteFunc(lines, func(l Stat) bool {
		fl, _ := query.StatsFields.Lookup(l.Name)
		return fl.Kind == record.ObjectList
	})
	if err := WriteAll(w, f, Stats, o, lines); err != nil {
		return err
	}
	return writeFieldStats(w, s, o)
}
