package query

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// facetsCorpus is the hand-made corpus of spellings: topics " AI ", "AI",
// "ai"; POLITICO on politico.eu and Politico on politico.com; The Times on
// two domains; www.wired.com; names without domains; Unicode case
// variants; names that look like domains.
const facetsCorpus = "../../testdata/facets"

func loadDocs(t *testing.T, dir string) []*corpus.Document {
	t.Helper()
	c, err := corpus.Load(t.Context(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c.Docs
}

func count(docs []*corpus.Document, f Filter) int { return len(f.Select(docs)) }

// checkFacetCountsMatchFilters is the facets invariant: each
// facet row's count is the number of documents its value selects, and the
// value's negation selects the rest.
func checkFacetCountsMatchFilters(t *testing.T, name string, docs []*corpus.Document) {
	topics, byDomain, byName := TopicCounter(), ProviderCounter(ByDomain), ProviderCounter(ByName)
	for _, d := range docs {
		topics.Add(d)
		byDomain.Add(d)
		byName.Add(d)
	}
	check := func(what, value string, want int, in, out Filter) {
		t.Helper()
		if got := count(docs, in); got != want {
			t.Errorf("%s: %s row %q counts %d, the filter selects %d", name, what, value, want, got)
		}
		if got := count(docs, out); got != len(docs)-want {
			t.Errorf("%s: %s row %q counts %d, the negated filter leaves out %d", name, what, value, want, len(docs)-got)
		}
	}
	for _, f := range topics.Facets() {
		check("topics", f.Value, f.Count, Filter{Topics: []string{f.Value}}, Filter{NotTopics: []string{f.Value}})
		if got := count(docs, Filter{AllTopics: []string{f.Value}}); got != f.Count {
			t.Errorf("%s: topics row %q counts %d, --topic-all selects %d", name, f.Value, f.Count, got)
		}
	}
	withProvider := 0
	for _, d := range docs {
		if ProviderDomain(d.Provider) != "" || ProviderName(d.Provider) != "" {
			withProvider++
		}
	}
	for _, c := range []struct {
		by   ProviderGrouping
		rows []Facet
	}{{ByDomain, byDomain.Facets()}, {ByName, byName.Facets()}} {
		total := 0
		for _, f := range c.rows {
			total += f.Count
			switch {
			case c.by == ByDomain && f.Domain != "":
				if !LooksLikeDomain(f.Domain) || len(f.Domains) != 1 {
					t.Errorf("%s: providers row %+v", name, f)
				}
				check("providers", f.Domain, f.Count, Filter{Providers: []string{f.Domain}}, Filter{NotProviders: []string{f.Domain}})
			case c.by == ByName && len(f.Names) > 0:
				if len(f.Names) != 1 || f.Value != f.Names[0] || LooksLikeDomain(f.Value) {
					t.Errorf("%s: providers --by name row %+v", name, f)
				}
				check("providers --by name", f.Value, f.Count, Filter{Providers: []string{f.Value}}, Filter{NotProviders: []string{f.Value}})
			}
		}
		if total != withProvider {
			t.Errorf("%s: providers --by %s rows count %d documents, %d have a provider", name, c.by, total, withProvider)
		}
	}
}

func TestFacetCountsMatchFilters(t *testing.T) {
	checkFacetCountsMatchFilters(t, "testdata/facets", loadDocs(t, facetsCorpus))
	dir := sharedtest.Dir(t, "corpora")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name()[0] != '_' {
			t.Run(e.Name(), func(t *testing.T) {
				checkFacetCountsMatchFilters(t, e.Name(), loadDocs(t, filepath.Join(dir, e.Name())))
			})
		}
	}
}

// TestFacetRows pins the rows of the hand-made corpus: one row per topic
// and provider however they are spelled, shown in the most frequent
// spelling (ties: the least).
func TestFacetRows(t *testing.T) {
	docs := loadDocs(t, facetsCorpus)
	rows := func(c *Counter) []Facet {
		for _, d := range docs {
			c.Add(d)
		}
		return c.Facets()
	}
	want := []Facet{
		{Value: "AI", Count: 4},
		{Value: "MACHINE LEARNING", Count: 3},
		{Value: "ÉCOLE", Count: 3},
		{Value: "ΣΊΣΥΦΟΣ", Count: 3},
		{Value: "Kelvin K", Count: 2},
		{Value: "Security", Count: 2},
	}
	if got := rows(TopicCounter()); !reflect.DeepEqual(got, want) {
		t.Errorf("topics:\n got %+v\nwant %+v", got, want)
	}
	p := func(value, domain string, names, domains []string, n int) Facet {
		return Facet{Value: value, Domain: domain, Names: names, Domains: domains, Count: n}
	}
	s := func(v ...string) []string { return v }
	want = []Facet{
		p("ABC", "go.com", s("ABC", "ABCNews"), s("go.com"), 3),
		p("United Press International", "upi.com", s("United Press International"), s("upi.com"), 3),
		p("WIRED", "wired.com", s("WIRED"), s("wired.com"), 3),
		p("LOCAL GAZETTE", "", s("LOCAL GAZETTE"), nil, 2),
		p("POLITICO", "politico.eu", s("POLITICO"), s("politico.eu"), 2),
		p("Politico", "politico.com", s("Politico"), s("politico.com"), 2),
		p("BBC", "bbc.co.uk", s("BBC"), s("bbc.co.uk"), 1),
		p("BBC", "bbc.com", s("BBC"), s("bbc.com"), 1),
		p("Inc.com", "inc.com", nil, s("inc.com"), 1),
		p("The Times", "mywebtimes.com", s("The Times"), s("mywebtimes.com"), 1),
		p("The Times", "thetimes.co.uk", s("The Times"), s("thetimes.co.uk"), 1),
		p("example.org", "example.org", nil, s("example.org"), 1),
	}
	if got := rows(ProviderCounter(ByDomain)); !reflect.DeepEqual(got, want) {
		t.Errorf("providers:\n got %+v\nwant %+v", got, want)
	}
	want = []Facet{
		p("POLITICO", "politico.com", s("POLITICO"), s("politico.com", "politico.eu"), 4),
		p("WIRED", "wired.com", s("WIRED"), s("wired.com"), 3),
		p("ABC", "go.com", s("ABC"), s("go.com"), 2),
		p("BBC", "bbc.co.uk", s("BBC"), s("bbc.co.uk", "bbc.com"), 2),
		p("LOCAL GAZETTE", "", s("LOCAL GAZETTE"), nil, 2),
		p("The Times", "mywebtimes.com", s("The Times"), s("mywebtimes.com", "thetimes.co.uk"), 2),
		p("UPI.com", "upi.com", nil, s("upi.com"), 2),
		p("ABCNews", "go.com", s("ABCNews"), s("go.com"), 1),
		p("Inc.com", "inc.com", nil, s("inc.com"), 1),
		p("United Press International", "upi.com", s("United Press International"), s("upi.com"), 1),
		p("example.org", "example.org", nil, s("example.org"), 1),
	}
	if got := rows(ProviderCounter(ByName)); !reflect.DeepEqual(got, want) {
		t.Errorf("providers --by name:\n got %+v\nwant %+v", got, want)
	}
}

// TestSortProviderFolds: --sort provider compares names by FoldKey, so
// one provider's spellings sit together (ties keep path order) and a
// blank name is missing.
func TestSortProviderFolds(t *testing.T) {
	doc := func(path, name string) *corpus.Document {
		return &corpus.Document{ID: path, Path: path, Provider: corpus.Provider{Name: name}}
	}
	docs := []*corpus.Document{doc("1", "b"), doc("2", "  "), doc("3", "The  Times"), doc("4", " a"), doc("5", "A"), doc("6", "the times"), doc("7", "B")}
	Sort(docs, SortProvider, false)
	var got []string
	for _, d := range docs {
		got = append(got, d.ID)
	}
	if want := []string{"4", "5", "1", "7", "3", "6", "2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sorted %q, want %q", got, want)
	}
}
