package corpus

import (
	"context"
	"path/filepath"
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
