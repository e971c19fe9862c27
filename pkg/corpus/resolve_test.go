package corpus

import (
	"context"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/internal/synth"
	"github.com/seedscope/seedscope/pkg/urlnorm"
)

// referenceTargets is ResolveLinks written plainly: every key kept in a
// map. The hashed index must give the same targets.
func referenceTargets(docs []*Document) []string {
	first := map[string]string{}
	for _, d := range docs {
		for _, u := range d.URLs() {
			if k := urlnorm.Key(u); k != "" {
				if _, taken := first[k]; !taken {
					first[k] = d.ID
				}
			}
		}
	}
	var out []string
	for _, d := range docs {
		for _, r := range d.Related {
			target := ""
			for _, u := range r.URLs() {
				if id, ok := first[urlnorm.Key(u)]; ok && urlnorm.Key(u) != "" {
					target = id
					break
				}
			}
			out = append(out, target)
		}
	}
	return out
}

func checkTargets(t *testing.T, docs []*Document) {
	t.Helper()
	want := referenceTargets(docs)
	ResolveLinks(docs)
	i, resolved := 0, 0
	for _, d := range docs {
		for _, r := range d.Related {
			if r.Target != want[i] {
				t.Fatalf("%s: related item %q: target %q, the reference gives %q", d.Path, r.PrimaryURL(), r.Target, want[i])
			}
			if r.Target != "" {
				resolved++
			}
			i++
		}
	}
	t.Logf("%d documents, %d links, %d resolved", len(docs), i, resolved)
}

func TestResolveLinksMatchesReference(t *testing.T) {
	const n = 3000
	var docs []*Document
	for i := range n {
		name := synth.Name(i, 1)
		d, _, err := Parse(name, name, synth.File(i, n, 1), ParserAuto)
		if err == nil {
			docs = append(docs, d)
		}
	}
	// A link to a later document, and URLs shared by several documents.
	docs = append(docs,
		&Document{ID: "dup-1", URL: docs[0].URL},
		&Document{ID: "dup-2", AmpURL: docs[1].URL, Related: []Related{{URL: docs[len(docs)-1].URL}, {CdnAmpURL: "https://x.cdn.ampproject.org/c/s/" + docs[2].URL[len("https://"):]}}},
	)
	checkTargets(t, docs)
}

func TestResolveLinksSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the shared corpora")
	}
	root := sharedtest.Dir(t, "corpora")
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news"} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(context.Background(), []string{filepath.Join(root, name)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkTargets(t, c.Docs)
		})
	}
}

// relatedTargets is every related item's target, document by document.
func relatedTargets(docs []*Document) []string {
	var out []string
	for _, d := range docs {
		for _, r := range d.Related {
			out = append(out, r.Target)
		}
	}
	return out
}

func setTargets(docs []*Document, target string) {
	for _, d := range docs {
		for i := range d.Related {
			d.Related[i].Target = target
		}
	}
}

// checkSameAsSerial resolves docs the old way, then with ResolveLinks, New
// and a Builder fed one document at a time (as a load does), each time
// from stale targets, and wants the same targets every time.
func checkSameAsSerial(t *testing.T, docs []*Document) {
	t.Helper()
	setTargets(docs, "stale")
	serialResolveLinks(docs)
	want := relatedTargets(docs)
	resolved := len(want) - countOf(want, "")
	for _, way := range []struct {
		name    string
		resolve func()
	}{
		{"ResolveLinks", func() { ResolveLinks(docs) }},
		{"New", func() { New(docs) }},
		{"Builder", func() {
			b := NewBuilder(true)
			for _, d := range docs {
				b.Add(d)
			}
			if c := b.Corpus(); len(c.Docs) != len(docs) {
				t.Fatalf("Builder: %d documents, want %d", len(c.Docs), len(docs))
			}
		}},
	} {
		setTargets(docs, "stale")
		way.resolve()
		got := relatedTargets(docs)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: link %d: target %q, the serial resolution gives %q", way.name, i, got[i], want[i])
			}
		}
	}
	t.Logf("%d documents, %d links, %d resolved", len(docs), len(want), resolved)
}

func countOf(s []string, v string) int {
	n := 0
	for _, e := range s {
		if e == v {
			n++
		}
	}
	return n
}

func TestLinkerMatchesSerialSeeds(t *testing.T) {
	c, err := Load(context.Background(), []string{"../../seeds"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkSameAsSerial(t, c.Docs)
}

func TestLinkerMatchesSerialSynthetic(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 3000
	}
	docs := make([]*Document, 0, n)
	for i := range n {
		name := synth.Name(i, 1)
		if d, _, err := Parse(name, name, synth.File(i, n, 1), ParserAuto); err == nil {
			docs = append(docs, d)
		}
	}
	checkSameAsSerial(t, docs)
}

func TestLinkerMatchesSerialSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the shared corpora")
	}
	root := sharedtest.Dir(t, "corpora")
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(context.Background(), []string{filepath.Join(root, name)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkSameAsSerial(t, c.Docs)
		})
	}
}

// TestLinkerAdversarial: documents sharing URLs in every slot, links to
// themselves, to later documents by one URL and earlier ones by another,
// through AMP and CDN AMP variants, with URLs that have no key.
func TestLinkerAdversarial(t *testing.T) {
	const u = "https://www.example.com/story/a"
	amp := "https://www.example.com/amp/story/a"
	cdn := "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story/a"
	link := func(url, amp, cdn string) Related { return Related{URL: url, AmpURL: amp, CdnAmpURL: cdn} }
	cases := map[string]func() []*Document{
		"many documents share a URL": func() []*Document {
			var docs []*Document
			for i := range 2000 {
				docs = append(docs, &Document{ID: fmt.Sprint("d", i), URL: u, Related: []Related{link(u, "", ""), link("", amp, "")}})
			}
			return docs
		},
		"the URL in another slot first": func() []*Document {
			return []*Document{
				{ID: "a", AmpURL: u},
				{ID: "b", URL: u, Related: []Related{link(u, "", "")}},
				{ID: "c", CdnAmpURL: u},
			}
		},
		"self-links": func() []*Document {
			return []*Document{
				{ID: "a", URL: u, Related: []Related{link(u, "", ""), link("https://example.com/story/a/", "", "")}},
				{ID: "b", URL: "https://example.com/b", Related: []Related{link("https://example.com/b", "", "")}},
				{ID: "c", URL: "https://example.com/b", Related: []Related{link("https://example.com/b", "", "")}},
			}
		},
		"a later document by URL beats an earlier one by AMP URL": func() []*Document {
			return []*Document{
				{ID: "early", URL: "https://example.com/amp-target"},
				{ID: "linker", Related: []Related{link("https://example.com/later", "https://example.com/amp-target", ""), link("https://example.com/nowhere", "", "https://example.com/amp-target")}},
				{ID: "late", URL: "https://example.com/later"},
			}
		},
		"amp and cdn variants": func() []*Document {
			return []*Document{
				{ID: "l1", Related: []Related{link("", amp, ""), link("", "", cdn), link(cdn, "", "")}},
				{ID: "t", URL: u, AmpURL: amp, CdnAmpURL: cdn},
				{ID: "l2", Related: []Related{link("", amp, ""), link("", "", cdn), link(amp, cdn, u)}},
			}
		},
		"URLs without a key": func() []*Document {
			return []*Document{
				{ID: "a", URL: "", AmpURL: "  ", CdnAmpURL: u},
				{ID: "b", Related: []Related{link("", "", ""), link(" ", "", u), link("::", "%zz", ""), {}}},
				{ID: "c", URL: "::", Related: []Related{link("::", "", "")}},
			}
		},
		"forward links only": func() []*Document {
			var docs []*Document
			for i := range 1000 {
				docs = append(docs, &Document{ID: fmt.Sprint("d", i), URL: fmt.Sprint("https://example.com/", i),
					Related: []Related{link(fmt.Sprint("https://example.com/", i+1), "", ""), link(fmt.Sprint("https://example.com/", i+500), "", "")}})
			}
			return docs
		},
	}
	for name, docs := range cases {
		t.Run(name, func(t *testing.T) { checkSameAsSerial(t, docs()) })
	}
}

// TestLinkerResolvesBackwardLinksAsTheyCome counts the documents left for
// finish: a link to an earlier document (or to itself) is resolved when
// its document is added; one to a later document, or to none, waits.
func TestLinkerResolvesBackwardLinksAsTheyCome(t *testing.T) {
	url := func(i int) string { return fmt.Sprint("https://example.com/", i) }
	for _, c := range []struct {
		name        string
		to          func(i int) string
		wantPending int
	}{
		{"earlier", func(i int) string { return url(max(i-1, 0)) }, 0},
		{"itself", url, 0},
		{"later", func(i int) string { return url(i + 1) }, 100},
		{"none", func(i int) string { return "https://elsewhere.example/" }, 100},
		{"no key", func(i int) string { return "" }, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := newLinker()
			for i := range 100 {
				l.add(&Document{ID: fmt.Sprint(i), URL: url(i), Related: []Related{{URL: c.to(i)}}})
			}
			if len(l.pending) != c.wantPending {
				t.Errorf("%d documents wait for finish, want %d", len(l.pending), c.wantPending)
			}
			l.finish()
		})
	}
}

func TestBuilderWithoutLinks(t *testing.T) {
	b := NewBuilder(false)
	docs := []*Document{
		{ID: "a", URL: "https://example.com/a", Related: []Related{{URL: "https://example.com/b"}}},
		{ID: "b", URL: "https://example.com/b", Related: []Related{{URL: "https://example.com/a"}}},
	}
	for _, d := range docs {
		b.Add(d)
	}
	c := b.Corpus()
	if got := relatedTargets(c.Docs); !slices.Equal(got, []string{"", ""}) {
		t.Errorf("targets %q, want none resolved", got)
	}
	if d, err := c.Find("b"); err != nil || d != docs[1] {
		t.Errorf("Find(b) = %v, %v", d, err)
	}
	if c.Files != 2 {
		t.Errorf("Files = %d, want 2", c.Files)
	}
}

// serialResolveLinks is ResolveLinks as it was before links were resolved
// as documents arrive and in parallel: one index of every document, then
// every link looked up in it on one goroutine. The linker must give the
// same targets.
func serialResolveLinks(docs []*Document) {
	x := urlIndex{docs: docs, seed: maphash.MakeSeed(), heads: make(map[uint64]int32, len(docs)*2),
		refs: make([]urlRef, 0, len(docs)*2)}
	var s keyScratch
	for di := range docs {
		x.insert(int32(di), &s)
	}
	for _, d := range docs {
		for i := range d.Related {
			r := &d.Related[i]
			r.Target = x.resolve(r, &s)
		}
	}
}
