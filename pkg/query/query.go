// Package query narrows, orders and summarises documents: the filters of
// list and export, sort keys, facet counts and related-link views.
package query

import (
	"cmp"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/kwic"
)

// Filter selects documents. Values within one field are alternatives (any
// may match); fields combine (all must match). Text compares by FoldKey
// (case, surrounding and repeated white space ignored); a provider value
// by ProviderMatches, the rule the facet counts group by.
type Filter struct {
	Topics    []string
	Providers []string // name or domain (see ProviderMatches)
	Kinds     []string
	Types     []string
	Since     *time.Time // inclusive
	Until     *time.Time // exclusive
	// SinceDay and UntilDay (yyyymmdd, inclusive; 0: none) bound the
	// document's own calendar date, the one its DATE column shows (DayOf).
	SinceDay, UntilDay int
	Grep               string // in title, excerpt or body
	// Words (--grep -w) is a word or phrase that must occur as whole
	// words in the title, excerpt or Body: what concordance finds.
	Words *kwic.Query
	// Regexp (--grep -E) must match the title, excerpt or Body.
	Regexp *regexp.Regexp
	// Body is the text of a document's body that Words and Regexp look
	// in (the cleaned body); nil: the body as loaded. Grep always looks
	// in the body as loaded.
	Body func(*corpus.Document) string
	// AllTopics must each be a topic of the document.
	AllTopics []string
	// NotTopics and NotProviders (name or domain) exclude a document that
	// has any of them.
	NotTopics    []string
	NotProviders []string
	Categories   []string
	// Folders keep documents under any of these folders of the corpus
	// (their id starts with the folder: "business" keeps business/x).
	Folders []string
}

// Match reports whether d passes every set condition. A date condition
// excludes documents without a date.
func (f *Filter) Match(d *corpus.Document) bool {
	switch {
	case len(f.Topics) > 0 && !anyFold(f.Topics, d.Topics...):
		return false
	case len(f.Providers) > 0 && !anyProvider(f.Providers, d.Provider):
		return false
	case len(f.Kinds) > 0 && !anyFold(f.Kinds, string(d.Kind)):
		return false
	case len(f.Types) > 0 && !anyFold(f.Types, d.Type):
		return false
	case f.Since != nil && (d.PublishedAt == nil || d.PublishedAt.Before(*f.Since)):
		return false
	case f.Until != nil && (d.PublishedAt == nil || !d.PublishedAt.Before(*f.Until)):
		return false
	case f.SinceDay != 0 && (d.PublishedAt == nil || DayOf(*d.PublishedAt) < f.SinceDay):
		return false
	case f.UntilDay != 0 && (d.PublishedAt == nil || DayOf(*d.PublishedAt) > f.UntilDay):
		return false
	case f.Grep != "" && !containsFold(f.Grep, d.Title, d.Excerpt, d.Body):
		return false
	case f.Words != nil && !f.anyText(d, f.Words.In):
		return false
	case f.Regexp != nil && !f.anyText(d, f.Regexp.MatchString):
		return false
	case len(f.NotTopics) > 0 && anyFold(f.NotTopics, d.Topics...):
		return false
	case len(f.NotProviders) > 0 && anyProvider(f.NotProviders, d.Provider):
		return false
	case len(f.Categories) > 0 && !anyFold(f.Categories, d.Category):
		return false
	case len(f.Folders) > 0 && !inFolder(d.ID, f.Folders):
		return false
	}
	for _, t := range f.AllTopics {
		if !TopicMatches(t, d.Topics) {
			return false
		}
	}
	return true
}

// inFolder reports whether id lies under any of the folders (given with
// or without slashes around them, with / or the system's separator).
func inFolder(id string, folders []string) bool {
	for _, dir := range folders {
		dir = strings.Trim(filepath.ToSlash(filepath.Clean(dir)), "/")
		if dir == "." || dir == "" || strings.HasPrefix(id, dir+"/") {
			return true
		}
	}
	return false
}

// IsZero reports whether the filter lets everything through.
func (f *Filter) IsZero() bool {
	return len(f.Topics) == 0 && len(f.Providers) == 0 && len(f.Kinds) == 0 && len(f.Types) == 0 &&
		f.Since == nil && f.Until == nil && f.SinceDay == 0 && f.UntilDay == 0 && f.Grep == "" && f.Words == nil && f.Regexp == nil && len(f.AllTopics) == 0 && len(f.NotTopics) == 0 &&
		len(f.NotProviders) == 0 && len(f.Categories) == 0 && len(f.Folders) == 0
}

// Select returns the documents that match, in their order.
func (f *Filter) Select(docs []*corpus.Document) []*corpus.Document {
	if f.IsZero() {
		return docs
	}
	var out []*corpus.Document
	for _, d := range docs {
		if f.Match(d) {
			out = append(out, d)
		}
	}
	return out
}

// body is the body Words and Regexp look in.
func (f *Filter) body(d *corpus.Document) string {
	if f.Body == nil {
		return d.Body
	}
	return f.Body(d)
}

// anyText reports whether match accepts d's title, excerpt or body.
func (f *Filter) anyText(d *corpus.Document, match func(string) bool) bool {
	return match(d.Title) || match(d.Excerpt) || match(f.body(d))
}

// NeedsBody reports whether the filter looks in the body Body gives
// (Words or Regexp is set).
func (f *Filter) NeedsBody() bool { return f.Words != nil || f.Regexp != nil }

// Hits is the number of times the text filter is found in d's title,
// excerpt and body: whole-word hits (Words), matches of Regexp (as
// FindAllString counts them), or occurrences of Grep in any case (not
// overlapping); 0 without a text filter.
func (f *Filter) Hits(d *corpus.Document) int {
	n := 0
	switch {
	case f.Words != nil:
		for _, s := range [...]string{d.Title, d.Excerpt, f.body(d)} {
			n += f.Words.Count(s)
		}
	case f.Regexp != nil:
		for _, s := range [...]string{d.Title, d.Excerpt, f.body(d)} {
			n += len(f.Regexp.FindAllStringIndex(s, -1))
		}
	case f.Grep != "":
		needle := strings.ToLower(f.Grep)
		for _, s := range [...]string{d.Title, d.Excerpt, d.Body} {
			n += strings.Count(strings.ToLower(s), needle)
		}
	}
	return n
}

// CompileGrep compiles the regular expression of --grep -E: Go's RE2
// syntax, which matches in time linear in the text, case-insensitive
// unless the expression says otherwise ((?-i)).
func CompileGrep(expr string) (*regexp.Regexp, error) {
	if _, err := regexp.Compile(expr); err != nil {
		return nil, err // the error quotes the expression as given
	}
	return regexp.Compile("(?i)" + expr)
}

// anyFold reports whether a value of have has the FoldKey of a value of
// want. A blank value matches nothing.
func anyFold(want []string, have ...string) bool {
	for _, h := range have {
		if strings.TrimSpace(h) == "" {
			continue
		}
		for _, w := range want {
			if SameFold(h, w) {
				return true
			}
		}
	}
	return false
}

func anyProvider(want []string, p corpus.Provider) bool {
	for _, w := range want {
		if ProviderMatches(w, p) {
			return true
		}
	}
	return false
}

func containsFold(needle string, hay ...string) bool {
	n := strings.ToLower(needle)
	for _, h := range hay {
		if strings.Contains(strings.ToLower(h), n) {
			return true
		}
	}
	return false
}

// SortKey names an order for documents.
type SortKey string

const (
	SortPath      SortKey = "path"
	SortPublished SortKey = "published"
	SortTitle     SortKey = "title"
	SortProvider  SortKey = "provider"
	SortQuality   SortKey = "quality"
	SortHeat      SortKey = "heat"
)

// SortKeys lists the valid keys, for flags and help.
var SortKeys = []SortKey{SortPath, SortPublished, SortTitle, SortProvider, SortQuality, SortHeat}

// ParseSortKey checks a key given on the command line.
func ParseSortKey(s string) (SortKey, error) { return enum.Parse("sort key", s, SortKeys) }

// Sort orders docs in place by key, ascending (descending with reverse).
// Documents missing the key's value always come last; ties keep path order.
func Sort(docs []*corpus.Document, key SortKey, reverse bool) {
	if key == SortPath && !reverse {
		slices.SortStableFunc(docs, func(a, b *corpus.Document) int { return cmp.Compare(a.Path, b.Path) })
		return
	}
	slices.SortStableFunc(docs, func(a, b *corpus.Document) int {
		c, missing := compare(a, b, key)
		if missing != 0 {
			return missing
		}
		if reverse {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.Path, b.Path)
		}
		return c
	})
}

// compare returns the order of a and b by key; missing is non-zero when one
// side lacks a value, putting it last whatever the direction.
func compare(a, b *corpus.Document, key SortKey) (c, missing int) {
	switch key {
	case SortPublished:
		if m := missingLast(a.PublishedAt == nil, b.PublishedAt == nil); m != 0 || a.PublishedAt == nil {
			return 0, m
		}
		return a.PublishedAt.Compare(*b.PublishedAt), 0
	case SortTitle:
		return strCompare(a.Title, b.Title)
	case SortProvider:
		// By name, as the PROVIDER column shows it, in FoldKey order:
		// one provider's documents sit together whatever their spelling.
		an, bn := strings.TrimSpace(a.Provider.Name) == "", strings.TrimSpace(b.Provider.Name) == ""
		if m := missingLast(an, bn); m != 0 || an {
			return 0, m
		}
		return CompareFold(a.Provider.Name, b.Provider.Name), 0
	case SortQuality:
		return numCompare(a.Quality, b.Quality)
	case SortHeat:
		return numCompare(a.Heat, b.Heat)
	}
	return cmp.Compare(a.Path, b.Path), 0
}

func missingLast(aMissing, bMissing bool) int {
	switch {
	case aMissing && !bMissing:
		return 1
	case !aMissing && bMissing:
		return -1
	}
	return 0
}

func strCompare(a, b string) (int, int) {
	if m := missingLast(a == "", b == ""); m != 0 {
		return 0, m
	}
	return cmp.Compare(strings.ToLower(a), strings.ToLower(b)), 0
}

func numCompare(a, b *float64) (int, int) {
	if m := missingLast(a == nil, b == nil); m != 0 || a == nil {
		return 0, m
	}
	return cmp.Compare(*a, *b), 0
}
