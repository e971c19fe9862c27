package render

import (
	"strconv"

	"github.com/seedscope/seedscope/pkg/kwic"
	"github.com/seedscope/seedscope/pkg/query"
)

// GrepCounts is the schema of list --count.
var GrepCounts = mustCheck(Schema[query.GrepCount]{
	Fields: query.GrepCountFields.Infos(),
	Table: []Column[query.GrepCount]{
		{Name: "documents", Field: "documents", Value: func(c query.GrepCount) string { return strconv.Itoa(c.Documents) }, Style: CountStyle, Right: true},
		{Name: "hits", Field: "hits", Value: func(c query.GrepCount) string {
			if c.Hits == nil {
				return ""
			}
			return strconv.Itoa(*c.Hits)
		}, Style: CountStyle, Right: true},
	},
	CSV:  FieldColumns(query.GrepCountFields),
	JSON: query.GrepCountFields,
})

// ConcordanceLines is the schema of concordance: the left context
// right-aligned against the keyword, the right context after it.
var ConcordanceLines = mustCheck(Schema[kwic.Line]{
	Fields: kwic.LineFields.Infos(),
	Table: []Column[kwic.Line]{
		{Name: "left", Field: "left", Value: func(l kwic.Line) string { return l.Left }, Shrink: ShrinkLast, Right: true, CutLeft: true, MinWidth: 8},
		{Name: "keyword", Field: "keyword", Value: func(l kwic.Line) string { return l.Keyword }, Style: MatchStyle, Shrink: ShrinkSecond},
		{Name: "right", Field: "right", Value: func(l kwic.Line) string { return l.Right }, Shrink: ShrinkLast, MinWidth: 8},
		{Name: "id", Field: "id", Value: func(l kwic.Line) string { return l.Doc.ID }, Style: IDStyle, ID: true, Drop: 1},
		{Name: "date", Field: "publishedAt", Value: func(l kwic.Line) string { return date(l.Doc.PublishedAt) }, Style: DateStyle, Drop: 2},
	},
	CSV:  FieldColumns(kwic.LineFields),
	JSON: kwic.LineFields,
})

// The records of list --count and concordance, for field selection.
var (
	GrepCountRecords   = Selectable[query.GrepCount]{Schema: GrepCounts, Fields: query.GrepCountFields, ID: "documents"}
	ConcordanceRecords = Selectable[kwic.Line]{Schema: ConcordanceLines, Fields: kwic.LineFields, ID: "id"}
)
