package query

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// FieldCounter returns the counter of stats --by FIELD, and the records
// it makes (TopicFacetFields' shape, or ProviderFacetFields' for
// providers). A field whose values a filter selects is counted by that
// filter's key, so each row's count is what the filter selects with the
// row's value:
//
//   - topic (topics): TopicCounter, --topic;
//   - provider (providers, provider.domain): ProviderCounter(ByDomain),
//     --provider DOMAIN; provider.name: ByName, --provider NAME;
//   - category, type, kind: by FoldKey, --category, --type, --kind;
//   - folder: the top folder of the document's id (business for
//     business/tech/x), as --folder compares it: exactly;
//
// and any other text, number, boolean or list field of the document
// (corpus.DocumentFields: url, secured, published, quality…) by its exact
// value, as JSON writes it. A document without a value is in no row
// (Counter.None). Body, dates (count periods instead), nested records and
// extra keys are refused.
func FieldCounter(name string) (c *Counter, providers bool, err error) {
	switch name {
	case "topic", "topics":
		return TopicCounter(), false, nil
	case "provider", "providers", "provider.domain":
		return ProviderCounter(ByDomain), true, nil
	case "provider.name":
		return ProviderCounter(ByName), true, nil
	case "category":
		return CategoryCounter(), false, nil
	case "type":
		return foldCounter(func(d *corpus.Document) []string { return []string{d.Type} }), false, nil
	case "kind":
		return foldCounter(func(d *corpus.Document) []string { return []string{string(d.Kind)} }), false, nil
	case "folder":
		return exactCounter(func(d *corpus.Document, buf []string) []string {
			if dir, _, ok := strings.Cut(d.ID, "/"); ok && dir != "" {
				return append(buf, dir)
			}
			return buf
		}), false, nil
	case "body":
		return nil, false, fmt.Errorf("--by body would keep every body in memory: count words with stats, or terms")
	}
	f, ok := corpus.DocumentFields.Lookup(name)
	if !ok {
		return nil, false, fmt.Errorf("--by %s: no such field; give day, week, month, year, or a field: %s", name, strings.Join(ByFields(), ", "))
	}
	switch f.Kind {
	case record.String, record.Number, record.Integer, record.Boolean, record.StringList:
	case record.Time:
		return nil, false, fmt.Errorf("--by %s: a date is counted by period: give day, week, month or year", name)
	default:
		return nil, false, fmt.Errorf("--by %s: a %s is not counted by value; give a text, number, boolean or list field: %s", name, f.Kind, strings.Join(ByFields(), ", "))
	}
	value := f.Value
	return exactCounter(func(d *corpus.Document, buf []string) []string {
		switch v := value(d).(type) {
		case nil:
		case string:
			if v != "" {
				buf = append(buf, v)
			}
		case []string:
			buf = append(buf, v...)
		case int:
			buf = append(buf, strconv.Itoa(v))
		case float64:
			buf = append(buf, strconv.FormatFloat(v, 'g', -1, 64))
		case bool:
			buf = append(buf, strconv.FormatBool(v))
		default:
			buf = append(buf, fmt.Sprint(v))
		}
		return buf
	}), false, nil
}

// ByFields lists the fields --by takes, for help and errors.
func ByFields() []string {
	out := []string{"topic", "provider", "provider.name", "folder"}
	for _, f := range corpus.DocumentFields {
		switch {
		case f.Name == "body" || f.Name == "topics" || f.Name == "provider":
		case f.Kind == record.String, f.Kind == record.Number, f.Kind == record.Integer, f.Kind == record.Boolean, f.Kind == record.StringList:
			out = append(out, f.Name)
		}
	}
	return out
}

// exactCounter counts each distinct value a document gives once, by the
// value itself.
func exactCounter(valuesOf func(d *corpus.Document, buf []string) []string) *Counter {
	var buf []string
	return &Counter{add: func(c *Counter, d *corpus.Document) {
		buf = valuesOf(d, buf[:0])
		var seen map[string]bool // for documents with many values
		if len(buf) > 16 {
			seen = make(map[string]bool, len(buf))
		}
		for i, v := range buf {
			switch {
			case seen != nil:
				if seen[v] {
					continue
				}
				seen[v] = true
			case slices.Contains(buf[:i], v):
				continue
			}
			g := c.group(v)
			g.count++
			if g.spellings == nil {
				g.spellings = tally{}
			}
			if len(g.spellings) == 0 {
				g.spellings.add(v)
			}
		}
	}}
}
