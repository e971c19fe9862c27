package query

import "github.com/seedscope/seedscope/pkg/record"

// GrepCount is what list --count prints: how many documents match and,
// with --grep, how many times its text is found in them.
type GrepCount struct {
	Documents int
	// Hits is nil without --grep.
	Hits *int
}

// GrepCountFields describes list --count's record.
var GrepCountFields = record.Table[GrepCount]{
	{Info: record.Info{Name: "documents", Kind: record.Integer, Doc: "documents that match the filters (at most --limit)"}, Value: func(c GrepCount) any { return c.Documents }},
	{Info: record.Info{Name: "hits", Kind: record.Integer, Nullable: true, Doc: "times --grep is found in them: whole-word hits (-w), regular-expression matches (-E) or occurrences of the text; null without --grep"}, Value: func(c GrepCount) any {
		if c.Hits == nil {
			return nil
		}
		return *c.Hits
	}},
}
