package render

import (
	"strconv"

	"github.com/seedscope/seedscope/pkg/terms"
)

// Terms is the schema of a frequency list (terms).
var Terms = mustCheck(Schema[terms.Term]{
	Fields: terms.TermFields.Infos(),
	Table: []Column[terms.Term]{
		{Name: "term", Field: "term", Value: func(t terms.Term) string { return t.Term }, Shrink: ShrinkLast},
		{Name: "count", Field: "count", Value: func(t terms.Term) string { return strconv.FormatInt(t.Count, 10) }, Style: CountStyle, Right: true},
		{Name: "documents", Field: "documents", Heading: "docs", Value: func(t terms.Term) string { return strconv.FormatInt(t.Documents, 10) }, Right: true, Drop: 1},
		{Name: "perMillion", Field: "perMillion", Heading: "per million", Value: func(t terms.Term) string { return fixed(t.PerMillion, 1) }, Style: DimStyle, Right: true, Drop: 2},
	},
	CSV:  FieldColumns(terms.TermFields),
	JSON: terms.TermFields,
})

// KeyTerms is the schema of terms --compare.
var KeyTerms = mustCheck(Schema[terms.KeyTerm]{
	Fields: terms.KeyTermFields.Infos(),
	Table: []Column[terms.KeyTerm]{
		{Name: "term", Field: "term", Value: func(k terms.KeyTerm) string { return k.Term }, Shrink: ShrinkLast},
		{Name: "count", Field: "count", Value: func(k terms.KeyTerm) string { return strconv.FormatInt(k.Count, 10) }, Style: CountStyle, Right: true},
		{Name: "refCount", Field: "refCount", Heading: "ref count", Value: func(k terms.KeyTerm) string { return strconv.FormatInt(k.RefCount, 10) }, Right: true, Drop: 2},
		{Name: "logLikelihood", Field: "logLikelihood", Heading: "G2", Value: func(k terms.KeyTerm) string { return fixed(k.LogLikelihood, 2) }, Style: CountStyle, Right: true},
		{Name: "logRatio", Field: "logRatio", Heading: "log ratio", Value: func(k terms.KeyTerm) string { return fixed(k.LogRatio, 2) }, Right: true, Drop: 1},
		{Name: "use", Field: "use", Value: func(k terms.KeyTerm) string { return k.Use() }, Style: DimStyle},
	},
	CSV:  FieldColumns(terms.KeyTermFields),
	JSON: terms.KeyTermFields,
})

// The records of terms, for field selection.
var (
	TermRecords    = Selectable[terms.Term]{Schema: Terms, Fields: terms.TermFields, ID: "term"}
	KeyTermRecords = Selectable[terms.KeyTerm]{Schema: KeyTerms, Fields: terms.KeyTermFields, ID: "term"}
)

// fixed is f with the decimals given.
func fixed(f float64, decimals int) string { return strconv.FormatFloat(f, 'f', decimals, 64) }
