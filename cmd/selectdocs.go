package cmd

import (
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
)

// selectDocs loads the corpus, then filters, sorts and limits it.
func selectDocs(g *GlobalOptions, args []string, ff *filterFlags, sortKey string, reverse bool, limit int) ([]*corpus.Document, error) {
	filter, err := ff.filter()
	if err != nil {
		return nil, err
	}
	key, err := query.ParseSortKey(sortKey)
	if err != nil {
		return nil, &FlagError{err}
	}
	c, err := g.loadCorpus(args)
	if err != nil {
		return nil, err
	}
	docs := filter.Select(c.Docs)
	if key != query.SortPath || reverse {
		docs = append([]*corpus.Document(nil), docs...) // keep the corpus order intact
		query.Sort(docs, key, reverse)
	}
	if limit > 0 && len(docs) > limit {
		docs = docs[:limit]
	}
	return docs, nil
}
