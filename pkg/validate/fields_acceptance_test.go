package validate

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
)

// TestHugoDocsMapping loads the shared hugo-docs corpus (skipped when
// absent), Hugo pages with their own front-matter schema, with and
// without a "fields:" mapping read as .seedscope.yaml is. Its pages carry
// no date: the only dates in their front matter are the expiryDate of 13
// deprecated pages (some quoted, some with a comment after), which is what
// the mapping reads here, beside Hugo's usual date. With the mapping those
// pages are dated and a --since filter selects by the date; without it,
// none is.
func TestHugoDocsMapping(t *testing.T) {
	dir := filepath.Join(sharedtest.Dir(t, "corpora"), "hugo-docs")
	cfg, err := ParseConfig(".seedscope.yaml", []byte("fields:\n  publishedAt: [date, expiryDate]\n  topics: [tags, keywords]\n"))
	if err != nil {
		t.Fatal(err)
	}
	fm, err := corpus.NewFieldMap(cfg.Fields)
	if err != nil {
		t.Fatal(err)
	}
	since := func(o corpus.Options, day string) (dated, selected, topics int) {
		c, err := corpus.Load(context.Background(), []string{dir}, o)
		if err != nil {
			t.Fatal(err)
		}
		at, _ := time.Parse(time.DateOnly, day)
		f := query.Filter{Since: &at}
		for _, d := range c.Docs {
			if d.PublishedAt != nil {
				dated++
			}
			if f.Match(d) {
				selected++
			}
			if len(d.Topics) > 0 {
				topics++
			}
		}
		return
	}
	for _, parser := range []corpus.ParserName{corpus.ParserAuto, corpus.ParserYAML} {
		dated, all, topics := since(corpus.Options{Fields: fm, Parser: parser}, "2000-01-01")
		_, later, _ := since(corpus.Options{Fields: fm, Parser: parser}, "2028-01-01")
		t.Logf("%s: %d dated, %d since 2000, %d since 2028, %d with topics", parser, dated, all, later, topics)
		if dated < 10 || all != dated || later == 0 || later >= all || topics == 0 {
			t.Errorf("%s with a mapping: %d dated, %d since 2000, %d since 2028, %d with topics", parser, dated, all, later, topics)
		}
		if dated, all, topics := since(corpus.Options{Parser: parser}, "2000-01-01"); dated != 0 || all != 0 || topics != 0 {
			t.Errorf("%s without a mapping: %d dated, %d selected, %d with topics", parser, dated, all, topics)
		}
	}
}
