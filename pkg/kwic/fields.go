package kwic

import (
	"time"

	"github.com/seedscope/seedscope/pkg/record"
)

// LineFields describes a concordance line, as concordance prints each
// one: its JSON keys in order, CSV columns and --json fields.
var LineFields = record.Table[Line]{
	{Info: record.Info{Name: "id", Kind: record.String, Doc: "id of the document the hit is in"}, Value: func(l Line) any { return l.Doc.ID }},
	{Info: record.Info{Name: "publishedAt", Kind: record.Time, Nullable: true, Doc: "publication date and time of the document"}, Value: func(l Line) any {
		if l.Doc.PublishedAt == nil {
			return nil
		}
		return l.Doc.PublishedAt.Format(time.RFC3339)
	}},
	{Info: record.Info{Name: "field", Kind: record.String, Doc: "where the hit is: title, excerpt or body (the cleaned body)"}, Value: func(l Line) any { return l.Field.String() }},
	{Info: record.Info{Name: "offset", Kind: record.Integer, Doc: "byte offset of the keyword in the field's text"}, Value: func(l Line) any { return l.Offset }},
	{Info: record.Info{Name: "left", Kind: record.String, Doc: "the text before the keyword, from a word on, white space shown as one space"}, Value: func(l Line) any { return l.Left }},
	{Info: record.Info{Name: "keyword", Kind: record.String, Doc: "the hit as written, white space shown as one space"}, Value: func(l Line) any { return l.Keyword }},
	{Info: record.Info{Name: "right", Kind: record.String, Doc: "the text after the keyword, up to a word's end, white space shown as one space"}, Value: func(l Line) any { return l.Right }},
}
