package render

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
)

// listSep joins list fields in CSV cells.
const listSep = ";"

// Documents is the schema of documents (list, export).
var Documents = Schema[*corpus.Document]{
	Table: []Column[*corpus.Document]{
		{Name: "id", Value: func(d *corpus.Document) string { return d.ID }, Style: IDStyle, Shrink: ShrinkLastResort, MinWidth: 24},
		{Name: "date", Value: func(d *corpus.Document) string { return date(d.PublishedAt) }, Style: DateStyle},
		{Name: "provider", Value: func(d *corpus.Document) string { return d.Provider.Name }, Style: ProviderStyle},
		{Name: "title", Value: func(d *corpus.Document) string { return d.Title }, Shrink: ShrinkLast},
		{Name: "topics", Value: func(d *corpus.Document) string { return strings.Join(d.Topics, ", ") }, Style: DimStyle, Shrink: ShrinkFirst},
	},
	CSV: []Column[*corpus.Document]{
		{Name: "id", Value: func(d *corpus.Document) string { return d.ID }},
		{Name: "path", Value: func(d *corpus.Document) string { return d.Path }},
		{Name: "kind", Value: func(d *corpus.Document) string { return string(d.Kind) }},
		{Name: "title", Value: func(d *corpus.Document) string { return d.Title }},
		{Name: "excerpt", Value: func(d *corpus.Document) string { return d.Excerpt }},
		{Name: "category", Value: func(d *corpus.Document) string { return d.Category }},
		{Name: "type", Value: func(d *corpus.Document) string { return d.Type }},
		{Name: "publishedAt", Value: func(d *corpus.Document) string { return rfc3339(d.PublishedAt) }},
		{Name: "url", Value: func(d *corpus.Document) string { return d.URL }},
		{Name: "ampUrl", Value: func(d *corpus.Document) string { return d.AmpURL }},
		{Name: "cdnAmpUrl", Value: func(d *corpus.Document) string { return d.CdnAmpURL }},
		{Name: "quality", Value: func(d *corpus.Document) string { return number(d.Quality) }},
		{Name: "heat", Value: func(d *corpus.Document) string { return number(d.Heat) }},
		{Name: "published", Value: func(d *corpus.Document) string { return boolean(d.Published) }},
		{Name: "provider", Value: func(d *corpus.Document) string { return d.Provider.Name }},
		{Name: "providerDomain", Value: func(d *corpus.Document) string { return d.Provider.Domain }},
		{Name: "topics", Value: func(d *corpus.Document) string { return strings.Join(d.Topics, listSep) }},
		{Name: "images", Value: func(d *corpus.Document) string { return imageURLs(d.Images) }},
		{Name: "relatedUrls", Value: func(d *corpus.Document) string { return relatedField(d, relatedURL) }},
		{Name: "relatedTargets", Value: func(d *corpus.Document) string { return relatedField(d, relatedTarget) }},
		{Name: "words", Value: func(d *corpus.Document) string { return strconv.Itoa(d.Words) }},
		{Name: "secured", Value: func(d *corpus.Document) string { return deref(d.Secured) }},
		{Name: "extra", Value: func(d *corpus.Document) string { return compactJSON(d.Extra) }},
		{Name: "body", Value: func(d *corpus.Document) string { return d.Body }},
	},
}

// Facets is the schema of value counts (topics).
var Facets = Schema[query.Facet]{
	Table: facetColumns("topic", false),
	CSV:   facetColumns("topic", false),
}

// ProviderFacets is the schema of provider counts, with their domain.
var ProviderFacets = Schema[query.Facet]{
	Table: facetColumns("provider", true),
	CSV:   facetColumns("provider", true),
}

func facetColumns(heading string, withDomain bool) []Column[query.Facet] {
	cols := []Column[query.Facet]{{Name: "value", Heading: heading, Value: func(f query.Facet) string { return f.Value }, Shrink: ShrinkLast}}
	if withDomain {
		cols = append(cols, Column[query.Facet]{Name: "domain", Value: func(f query.Facet) string { return f.Domain }, Style: ProviderStyle})
	}
	return append(cols, Column[query.Facet]{Name: "count", Value: func(f query.Facet) string { return strconv.Itoa(f.Count) }, Style: CountStyle, Right: true})
}

// Links is the schema of related links (related).
var Links = Schema[query.Link]{
	Table: []Column[query.Link]{
		{Name: "from", Value: func(l query.Link) string { return l.From }, Style: IDStyle},
		{Name: "target", Value: func(l query.Link) string { return l.Target }, Style: IDStyle},
		{Name: "date", Value: func(l query.Link) string { return date(l.PublishedAt) }, Style: DateStyle},
		{Name: "provider", Value: func(l query.Link) string { return l.Provider }, Style: ProviderStyle},
		{Name: "title", Value: func(l query.Link) string { return l.Title }, Shrink: ShrinkLast},
		{Name: "url", Value: func(l query.Link) string { return l.URL }, Style: DimStyle},
	},
	CSV: []Column[query.Link]{
		{Name: "from", Value: func(l query.Link) string { return l.From }},
		{Name: "target", Value: func(l query.Link) string { return l.Target }},
		{Name: "publishedAt", Value: func(l query.Link) string { return rfc3339(l.PublishedAt) }},
		{Name: "provider", Value: func(l query.Link) string { return l.Provider }},
		{Name: "title", Value: func(l query.Link) string { return l.Title }},
		{Name: "url", Value: func(l query.Link) string { return l.URL }},
	},
}

func date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

func rfc3339(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func boolean(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func imageURLs(imgs []corpus.Image) string {
	us := make([]string, len(imgs))
	for i, im := range imgs {
		us[i] = im.URL
	}
	return strings.Join(us, listSep)
}

func relatedURL(r corpus.Related) string    { return r.PrimaryURL() }
func relatedTarget(r corpus.Related) string { return r.Target }

func relatedField(d *corpus.Document, f func(corpus.Related) string) string {
	ss := make([]string, len(d.Related))
	for i, r := range d.Related {
		ss[i] = f(r)
	}
	return strings.Join(ss, listSep)
}

func compactJSON(m map[string]any) string {
	if len(m) == 0 {
		return ""
	}
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}
