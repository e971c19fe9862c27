package query

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Facet is one value of a field and how many documents carry it. Its
// output is that of TopicFacetFields or ProviderFacetFields.
type Facet struct {
	// Value is the row's name as shown: the spelling most of its
	// documents give (ties: the least string).
	Value string
	// Domain is set for provider facets: the row's domain (DomainKey),
	// the most frequent one when grouped by name.
	Domain string
	// Names and Domains are a provider row's distinct names and domains,
	// most frequent first (ties: the least), each in its most frequent
	// spelling. A name that looks like a domain is not a name.
	Names, Domains []string
	Count          int
}

// ProviderGrouping names how providers are told apart.
type ProviderGrouping string

const (
	// ByDomain groups documents by ProviderDomain; documents with a name
	// and no domain, by name (their row has no domain).
	ByDomain ProviderGrouping = "domain"
	// ByName groups documents by the FoldKey of ProviderName; documents
	// without one (no name, or a name that looks like a domain), by domain
	// (their row has no names).
	ByName ProviderGrouping = "name"
)

// ProviderGroupings lists the valid groupings, for flags and help.
var ProviderGroupings = []ProviderGrouping{ByDomain, ByName}

// Counter tallies a facet one document at a time, so facets can be counted
// while streaming a corpus in flat memory (it grows with the distinct
// values and spellings only).
type Counter struct {
	add    func(c *Counter, d *corpus.Document)
	groups map[string]*group
	counts int // rows counted, all documents together
	none   int // documents counted in no row
}

// group is one row being counted.
type group struct {
	count int
	// spellings of the value (topics), or of names that look like domains
	// (providers: shown when the row has no name).
	spellings tally
	names     map[string]tally // FoldKey of the name: its spellings
	domains   tally            // DomainKey: documents
}

// tally counts documents per string.
type tally map[string]int

func (t tally) add(s string) {
	if n, ok := t[s]; ok {
		t[s] = n + 1
		return
	}
	// A copy: a kept substring would keep its whole document's text alive
	// while the rest of the corpus streams past.
	t[strings.Clone(s)] = 1
}

// best is the most frequent string, the least among equals; "" if none.
func (t tally) best() string {
	var out string
	n := 0
	for s, c := range t {
		if c > n || c == n && s < out {
			out, n = s, c
		}
	}
	return out
}

func (c *Counter) group(key string) *group {
	c.counts++
	if c.groups == nil {
		c.groups = map[string]*group{}
	}
	g, ok := c.groups[key]
	if !ok {
		g = &group{}
		c.groups[strings.Clone(key)] = g
	}
	return g
}

// TopicCounter counts each topic (by FoldKey) once per document. A row
// shows the topic's most frequent spelling, trimmed and with single
// spaces, so its count is what `--topic VALUE` selects.
func TopicCounter() *Counter {
	return foldCounter(func(d *corpus.Document) []string { return d.Topics })
}

// CategoryCounter counts documents by category (by FoldKey), as
// `--category VALUE` selects them. Documents without one are not counted.
func CategoryCounter() *Counter {
	return foldCounter(func(d *corpus.Document) []string { return []string{d.Category} })
}

// foldCounter counts each of a document's values (by FoldKey) once.
func foldCounter(valuesOf func(*corpus.Document) []string) *Counter {
	return &Counter{add: func(c *Counter, d *corpus.Document) {
		values := valuesOf(d)
		var seen map[string]bool // for documents with many values
		if len(values) > 16 {
			seen = make(map[string]bool, len(values))
		}
		for i, t := range values {
			key := FoldKey(t)
			switch {
			case key == "":
				continue
			case seen != nil:
				if seen[key] {
					continue
				}
				seen[key] = true
			case slices.ContainsFunc(values[:i], func(u string) bool { return SameFold(t, u) }):
				continue
			}
			g := c.group(key)
			g.count++
			if g.spellings == nil {
				g.spellings = tally{}
			}
			g.spellings.add(tidy(t))
		}
	}}
}

// ProviderCounter counts documents per provider, grouped by domain
// (ByDomain) or by name (ByName): the rows `--provider DOMAIN` and
// `--provider NAME` select. Documents without a provider are not counted.
func ProviderCounter(by ProviderGrouping) *Counter {
	return &Counter{add: func(c *Counter, d *corpus.Document) {
		domain, name := ProviderDomain(d.Provider), ProviderName(d.Provider)
		nameKey := FoldKey(name)
		var key string
		switch {
		case by == ByName && nameKey != "":
			key = "n" + nameKey
		case domain != "":
			key = "d" + domain
		case nameKey != "":
			key = "n" + nameKey
		default:
			return
		}
		g := c.group(key)
		g.count++
		if nameKey != "" {
			if g.names == nil {
				g.names = map[string]tally{}
			}
			sp := g.names[nameKey]
			if sp == nil {
				sp = tally{}
				g.names[strings.Clone(nameKey)] = sp
			}
			sp.add(tidy(name))
		} else if LooksLikeDomain(d.Provider.Name) {
			if g.spellings == nil {
				g.spellings = tally{}
			}
			g.spellings.add(strings.TrimSpace(d.Provider.Name))
		}
		if domain != "" {
			if g.domains == nil {
				g.domains = tally{}
			}
			g.domains.add(domain)
		}
	}}
}

// tidy is s trimmed, each inner run of white space one space: the
// spelling a row shows.
func tidy(s string) string {
	for i, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ' || unicode.IsSpace(rune(s[i+1]))) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// Add counts one document.
func (c *Counter) Add(d *corpus.Document) {
	n := c.counts
	c.add(c, d)
	if c.counts == n {
		c.none++
	}
}

// None is the number of documents counted so far that are in no row (no
// topic, no provider…).
func (c *Counter) None() int { return c.none }

// Len is the number of rows counted so far.
func (c *Counter) Len() int { return len(c.groups) }

// Facets returns the counts, most frequent first, then by value, then by
// domain.
func (c *Counter) Facets() []Facet {
	out := make([]Facet, 0, len(c.groups))
	for _, g := range c.groups {
		f := Facet{Count: g.count, Value: g.spellings.best()}
		if g.names != nil {
			names := make(tally, len(g.names))
			for _, sp := range g.names {
				n := 0
				for _, c := range sp {
					n += c
				}
				names[sp.best()] = n
			}
			f.Names = names.ranked()
			f.Value = f.Names[0]
		}
		if g.domains != nil {
			f.Domains = g.domains.ranked()
			f.Domain = f.Domains[0]
		}
		f.Value = cmp.Or(f.Value, f.Domain)
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Facet) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value), cmp.Compare(a.Domain, b.Domain))
	})
	return out
}

// ranked lists the strings, most frequent first, then the least.
func (t tally) ranked() []string {
	out := make([]string, 0, len(t))
	for s := range t {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(t[b], t[a]), cmp.Compare(a, b)) })
	return out
}
