package query

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

func discover(docs []*corpus.Document) *Discovery {
	x := NewDiscovery()
	for _, d := range docs {
		x.Add(d)
	}
	return x
}

func byName(fs []FieldStat) map[string]FieldStat {
	m := map[string]FieldStat{}
	for _, f := range fs {
		m[f.Name] = f
	}
	return m
}

func TestDiscoveryTypes(t *testing.T) {
	now := time.Now()
	docs := []*corpus.Document{
		{Title: "a", Provider: corpus.Provider{Domain: "x.com"}, Extra: map[string]any{"weight": 1, "date": "2020", "params": map[string]any{"author": "me", "n": 2.5}}},
		{Title: "b", Topics: []string{"t"}, Extra: map[string]any{"weight": 2.0, "date": now, "tags": []any{"a"}, "gone": nil}},
		{Extra: map[string]any{"params": "flat"}},
	}
	got := discover(docs).Fields()
	want := []FieldStat{
		{Name: "title", Known: true, Types: []string{"string"}, Documents: 2, Missing: 1},
		{Name: "provider", Known: true, Types: []string{"map"}, Documents: 1, Missing: 2},
		{Name: "provider.domain", Known: true, Types: []string{"string"}, Documents: 1, Missing: 2},
		{Name: "topics", Known: true, Types: []string{"list"}, Documents: 1, Missing: 2},
		{Name: "extra.date", Types: []string{"string", "time"}, Documents: 2, Missing: 1},
		{Name: "extra.params", Types: []string{"string", "map"}, Documents: 2, Missing: 1},
		{Name: "extra.weight", Types: []string{"number"}, Documents: 2, Missing: 1},
		{Name: "extra.gone", Types: []string{"null"}, Documents: 1, Missing: 2},
		{Name: "extra.params.author", Types: []string{"string"}, Documents: 1, Missing: 2},
		{Name: "extra.params.n", Types: []string{"number"}, Documents: 1, Missing: 2},
		{Name: "extra.tags", Types: []string{"list"}, Documents: 1, Missing: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", got, want)
	}
	if got[4].TypeText() != "mixed: string, time" || got[0].TypeText() != "string" {
		t.Errorf("type texts %q %q", got[4].TypeText(), got[0].TypeText())
	}
	if f := NewDiscovery().Fields(); f == nil || len(f) != 0 {
		t.Errorf("no documents: %v", f)
	}
}

// TestDiscoveryBounded: a corpus whose keys are data is tracked up to
// MaxDiscoveredKeys keys.
func TestDiscoveryBounded(t *testing.T) {
	x := NewDiscovery()
	for i := range MaxDiscoveredKeys + 50 {
		x.Add(&corpus.Document{Extra: map[string]any{"k" + string(rune('a'+i%26)) + time.Duration(i).String(): 1}})
	}
	if n := len(x.Fields()); n != MaxDiscoveredKeys || x.OtherKeys != 50 {
		t.Errorf("%d fields, %d other keys", n, x.OtherKeys)
	}
}

// TestDiscoveryCorpora: on the bundled seeds, the hostile corpus and
// hugo-docs (a foreign schema), every field's documents and missing add
// up to the documents, and the fields a corpus is known to hold show.
func TestDiscoveryCorpora(t *testing.T) {
	check := func(name string, docs []*corpus.Document, want map[string]FieldStat) {
		t.Helper()
		fs := discover(docs).Fields()
		for _, f := range fs {
			if f.Documents+f.Missing != len(docs) || f.Documents == 0 || len(f.Types) == 0 {
				t.Errorf("%s: %+v of %d documents", name, f, len(docs))
			}
		}
		got := byName(fs)
		for n, w := range want {
			if g := got[n]; !reflect.DeepEqual(g, w) {
				t.Errorf("%s: %s = %+v, want %+v", name, n, g, w)
			}
		}
	}
	check("seeds", loadDocs(t, "../../seeds"), map[string]FieldStat{
		"title":       {Name: "title", Known: true, Types: []string{"string"}, Documents: 5},
		"publishedAt": {Name: "publishedAt", Known: true, Types: []string{"time"}, Documents: 2, Missing: 3},
		"body":        {Name: "body", Known: true, Types: []string{"string"}, Documents: 3, Missing: 2},
	})
	check("hostile", loadDocs(t, "../../testdata/hostile"), nil)
	t.Run("hugo-docs", func(t *testing.T) {
		dir := filepath.Join(sharedtest.Dir(t, "corpora"), "hugo-docs")
		docs := loadDocs(t, dir)
		check("hugo-docs", docs, nil)
		got := byName(discover(docs).Fields())
		for _, k := range []string{"extra.description", "extra.categories", "extra.keywords", "extra.params", "extra.weight"} {
			if _, ok := got[k]; ok == false {
				t.Errorf("hugo-docs: no %s", k)
			}
		}
		if _, ok := got["publishedAt"]; ok {
			t.Error("hugo-docs: publishedAt held")
		}
	})
}
