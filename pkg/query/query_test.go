package query

import (
	"reflect"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
)

func ptr[T any](v T) *T { return &v }

func day(s string) *time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return &t
}

var docs = []*corpus.Document{
	{ID: "a", Path: "a", Kind: corpus.KindFrontMatter, Title: "Ring cameras", Topics: []string{"AI", "AWS AI"},
		Provider: corpus.Provider{Name: "Wired", Domain: "wired.com"}, PublishedAt: day("2020-01-07"), Quality: ptr(74.0)},
	{ID: "b", Path: "b", Kind: corpus.KindText, Title: "police partners", Body: "Amazon Ring", Category: "News"},
	{ID: "c", Path: "c", Kind: corpus.KindFrontMatter, Title: "amazon fires", Topics: []string{"AI"},
		Provider: corpus.Provider{Name: "Mail Online", Domain: "dailymail.co.uk"}, PublishedAt: day("2020-01-09"), Quality: ptr(24.0)},
}

func ids(ds []*corpus.Document) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"none", Filter{}, []string{"a", "b", "c"}},
		{"topic any case", Filter{Topics: []string{"aws ai"}}, []string{"a"}},
		{"topics are alternatives", Filter{Topics: []string{"aws ai", "ai"}}, []string{"a", "c"}},
		{"provider by domain", Filter{Providers: []string{"wired.com"}}, []string{"a"}},
		{"provider by name", Filter{Providers: []string{"mail online"}}, []string{"c"}},
		{"fields combine", Filter{Topics: []string{"AI"}, Providers: []string{"wired.com"}}, []string{"a"}},
		{"kind", Filter{Kinds: []string{"text"}}, []string{"b"}},
		{"since", Filter{Since: day("2020-01-08")}, []string{"c"}},
		{"until is exclusive", Filter{Until: day("2020-01-09")}, []string{"a"}},
		{"grep title any case", Filter{Grep: "AMAZON"}, []string{"b", "c"}},
		{"nothing", Filter{Topics: []string{"none"}}, nil},
		{"all topics", Filter{AllTopics: []string{"ai", " AWS AI "}}, []string{"a"}},
		{"all topics, one", Filter{AllTopics: []string{"AI"}}, []string{"a", "c"}},
		{"not topic", Filter{NotTopics: []string{"aws ai"}}, []string{"b", "c"}},
		{"not provider by domain or name", Filter{NotProviders: []string{"wired.com", "Mail Online"}}, []string{"b"}},
		{"any topic but not one", Filter{Topics: []string{"ai"}, NotTopics: []string{"aws ai"}}, []string{"c"}},
		{"category", Filter{Categories: []string{"news"}}, []string{"b"}},
		{"folder . is the root", Filter{Folders: []string{"."}}, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.f.Select(docs)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFilterFolder: --folder keeps the documents under a folder of the
// corpus, by whole path segments.
func TestFilterFolder(t *testing.T) {
	nested := []*corpus.Document{{ID: "business/x"}, {ID: "business/deep/y"}, {ID: "businessman/z"}, {ID: "sport/w"}, {ID: "top"}}
	for _, tt := range []struct {
		folders []string
		want    []string
	}{
		{[]string{"business"}, []string{"business/x", "business/deep/y"}},
		{[]string{"business/"}, []string{"business/x", "business/deep/y"}},
		{[]string{"./business/deep"}, []string{"business/deep/y"}},
		{[]string{"busi"}, nil},
		{[]string{"sport", "business/deep"}, []string{"business/deep/y", "sport/w"}},
	} {
		f := Filter{Folders: tt.folders}
		if got := ids(f.Select(nested)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("--folder %q: got %q, want %q", tt.folders, got, tt.want)
		}
	}
}

func TestSort(t *testing.T) {
	tests := []struct {
		key     SortKey
		reverse bool
		want    []string
	}{
		{SortPublished, false, []string{"a", "c", "b"}},
		{SortPublished, true, []string{"c", "a", "b"}}, // missing stays last
		{SortTitle, false, []string{"c", "b", "a"}},    // any case
		{SortQuality, true, []string{"a", "c", "b"}},
		{SortProvider, false, []string{"c", "a", "b"}},
		{SortPath, true, []string{"c", "b", "a"}},
	}
	for _, tt := range tests {
		ds := append([]*corpus.Document(nil), docs...)
		Sort(ds, tt.key, tt.reverse)
		if got := ids(ds); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Sort(%s, %v) = %q, want %q", tt.key, tt.reverse, got, tt.want)
		}
	}
}

func TestFacets(t *testing.T) {
	c := TopicCounter()
	p := ProviderCounter(ByDomain)
	for _, d := range docs {
		c.Add(d)
		p.Add(d)
	}
	if got, want := c.Facets(), []Facet{{Value: "AI", Count: 2}, {Value: "AWS AI", Count: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("topics = %v, want %v", got, want)
	}
	want := []Facet{{Value: "Mail Online", Domain: "dailymail.co.uk", Names: []string{"Mail Online"}, Domains: []string{"dailymail.co.uk"}, Count: 1}, {Value: "Wired", Domain: "wired.com", Names: []string{"Wired"}, Domains: []string{"wired.com"}, Count: 1}}
	if got := p.Facets(); !reflect.DeepEqual(got, want) {
		t.Errorf("providers = %v, want %v", got, want)
	}
}

func TestLinks(t *testing.T) {
	ds := []*corpus.Document{
		{ID: "x", Related: []corpus.Related{{Title: "to y", URL: "u1", Target: "y"}, {Title: "out", AmpURL: "u2"}}},
		{ID: "y", Related: []corpus.Related{{Title: "to x", URL: "u3", Target: "x"}}},
	}
	if got := Links(ds[0]); len(got) != 2 || got[1].URL != "u2" || got[0].Target != "y" {
		t.Errorf("Links = %+v", got)
	}
	if got := Backlinks(ds, "x"); len(got) != 1 || got[0].From != "y" {
		t.Errorf("Backlinks = %+v", got)
	}
	if got := AllLinks(ds); len(got) != 3 {
		t.Errorf("AllLinks = %+v", got)
	}
}
