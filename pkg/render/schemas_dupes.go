package render

import (
	"strconv"

	"github.com/seedscope/seedscope/pkg/dupes"
)

// Dupes is the schema of the members of duplicate clusters (dupes): TSV
// has the cluster number on every row.
var Dupes = mustCheck(Schema[dupes.Member]{
	Fields: dupes.MemberFields.Infos(),
	Table:  dupeColumns(func(m dupes.Member) string { return strconv.Itoa(m.Cluster) }),
	CSV:    FieldColumns(dupes.MemberFields),
	JSON:   dupes.MemberFields,
})

// DupeTable is Dupes for the human table, which groups each cluster
// under its number: the number is on the representative's row, the
// first of its cluster, and the other rows leave it blank.
var DupeTable = mustCheck(Schema[dupes.Member]{
	Fields: Dupes.Fields,
	Table: dupeColumns(func(m dupes.Member) string {
		if !m.Representative {
			return ""
		}
		return strconv.Itoa(m.Cluster)
	}),
	CSV:  Dupes.CSV,
	JSON: Dupes.JSON,
})

// DupeRecords are the members of duplicate clusters for format f: the
// table groups them (DupeTable).
func DupeRecords(f Format) Selectable[dupes.Member] {
	s := Dupes
	if f == Table {
		s = DupeTable
	}
	return Selectable[dupes.Member]{Schema: s, Fields: dupes.MemberFields, ID: "id"}
}

func dupeColumns(cluster func(dupes.Member) string) []Column[dupes.Member] {
	score := func(v func(dupes.Similarity) float64) func(dupes.Member) string {
		return func(m dupes.Member) string {
			if m.Similarity == nil {
				return ""
			}
			return fixed(v(*m.Similarity), 2)
		}
	}
	return []Column[dupes.Member]{
		{Name: "cluster", Field: "cluster", Value: cluster, Style: CountStyle, Right: true},
		{Name: "id", Field: "id", Value: func(m dupes.Member) string { return m.Doc.ID }, Style: IDStyle, ID: true},
		{Name: "date", Field: "publishedAt", Value: func(m dupes.Member) string { return date(m.Doc.PublishedAt) }, Style: DateStyle, Drop: 2},
		{Name: "provider", Field: "provider", Value: dupes.ProviderName, Style: ProviderStyle, Shrink: ShrinkSecond, Drop: 3},
		{Name: "containment", Heading: "contain", Field: "containment", Value: score(func(s dupes.Similarity) float64 { return s.Containment }), Right: true},
		{Name: "jaccard", Field: "jaccard", Value: score(func(s dupes.Similarity) float64 { return s.Jaccard }), Right: true, Drop: 1},
		{Name: "reason", Field: "reason", Value: func(m dupes.Member) string { return string(m.Reason) }, Style: DimStyle},
		{Name: "title", Field: "title", Value: func(m dupes.Member) string { return m.Doc.Title }, Shrink: ShrinkLast},
	}
}
