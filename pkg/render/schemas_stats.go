package render

import (
	"io"
	"strconv"

	"github.com/seedscope/seedscope/pkg/query"
)

// Periods is the schema of documents counted per period (stats --by
// month): the period, its count and, on a terminal, a bar.
var Periods = mustCheck(Schema[query.Period]{
	Fields: query.PeriodFields.Infos(),
	Table: []Column[query.Period]{
		{Name: "period", Field: "period", Value: func(p query.Period) string { return p.Label }, Style: DateStyle},
		{Name: "count", Field: "count", Value: func(p query.Period) string { return strconv.Itoa(p.Count) }, Style: CountStyle, Right: true},
		BarColumn("count", func(p query.Period) int { return p.Count }),
	},
	CSV:  FieldColumns(query.PeriodFields),
	JSON: query.PeriodFields,
})

// PeriodRecords are stats --by PERIOD's records, for field selection.
var PeriodRecords = Selectable[query.Period]{Schema: Periods, Fields: query.PeriodFields, ID: "period"}

// FieldStats is the schema of field discovery (stats): each field, its
// types, the documents holding and missing it, and a bar of the holding.
var FieldStats = mustCheck(Schema[query.FieldStat]{
	Fields: query.FieldStatFields.Infos(),
	Table: []Column[query.FieldStat]{
		{Name: "field", Field: "name", Value: func(f query.FieldStat) string { return f.Name }, Shrink: ShrinkLast},
		{Name: "type", Field: "types", Value: query.FieldStat.TypeText, Style: DimStyle, Shrink: ShrinkSecond},
		{Name: "documents", Field: "documents", Value: func(f query.FieldStat) string { return strconv.Itoa(f.Documents) }, Style: CountStyle, Right: true},
		{Name: "missing", Field: "missing", Value: func(f query.FieldStat) string { return strconv.Itoa(f.Missing) }, Style: CountStyle, Right: true},
		BarColumn("documents", func(f query.FieldStat) int { return f.Documents }),
	},
	CSV:  FieldColumns(query.FieldStatFields),
	JSON: query.FieldStatFields,
})

// writeFieldStats writes the field-discovery table below the summary
// lines of a table, after a blank line; nothing when no field is held.
func writeFieldStats(w io.Writer, s *query.Stats, o Options) error {
	fields := s.Fields()
	if len(fields) == 0 {
		return nil
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return WriteAll(w, Table, FieldStats, o, fields)
}

// ValueRecords are stats --by FIELD's records for a field other than
// provider: topics' shape (value, count), the table's first column headed
// by the field's name.
func ValueRecords(field string) Selectable[query.Facet] {
	r := TopicRecords
	r.Schema.Table = facetColumns(field, false)
	return r
}
