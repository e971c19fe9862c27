package cmd

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// selectionFlags are how list and export pick and order documents.
type selectionFlags struct {
	Filter  filterFlags
	Sort    string
	Reverse bool
	Limit   int
	// Collapse keeps one document per cluster of duplicates (dupes).
	Collapse bool
	Dupes    dupeFlags
	// Clean puts the cleaned text in the body field (clean.Cleaner).
	Clean bool
	// matched counts the documents the filters selected (before
	// --limit), filtered says whether any filter was given: set by docs.
	matched  int
	filtered bool
	// loaded is the corpus docs selected from, and filter the filter
	// that selected them, once docs has run.
	loaded *corpus.Corpus
	filter *query.Filter
}

func (s *selectionFlags) register(cmd *cobra.Command) {
	s.Filter.register(cmd.Flags())
	s.Sort = string(query.SortPath)
	cmd.Flags().VarP(enum.NewValue(&s.Sort, "sort key", enum.Names(query.SortKeys)), "sort", "s", "sort by `key`: path, published, title, provider, quality or heat")
	cmd.Flags().BoolVarP(&s.Reverse, "reverse", "r", false, "reverse the order (documents missing the key stay last)")
	cmd.Flags().IntVarP(&s.Limit, "limit", "n", 0, "print at most `N` documents (0: all)")
	cmd.Flags().BoolVar(&s.Collapse, "collapse", false, "keep one document per cluster of duplicates, its representative (see dupes)")
	s.Dupes.register(cmd.Flags())
	cmd.Flags().BoolVar(&s.Clean, "clean", false, "the body field holds the cleaned text of plain-text documents (docs/cleaning.md)")
}

// check validates the flags that cobra cannot.
func (s *selectionFlags) check() error {
	if _, err := query.ParseSortKey(s.Sort); err != nil {
		return &FlagError{err}
	}
	return s.Dupes.check()
}

// sorted reports whether an order other than the load's is asked for.
func (s *selectionFlags) sorted() bool { return s.Sort != string(query.SortPath) || s.Reverse }

// holds reports whether output in format f with the selection sel needs
// the whole corpus before its first document: a sort other than the path
// order, --collapse and --clean (each compares a document with all the
// others), or the related targets the output reads (a link may lead to a
// later document). Otherwise streamDocs writes documents as they are read.
func (s *selectionFlags) holds(f render.Format, sel render.Selection) bool {
	return s.sorted() || s.Collapse || s.Clean || render.DocumentRecords.Reads(f, sel, "related")
}

// printing is how a stream that prints the documents it is given in
// format f with the selection sel uses them: it keeps nothing of a
// document once written unless the format keeps its rows (a table, see
// render.KeepsRecords), and reads bodies only when the output prints
// them or their words; count as docUse.count.
func printing(f render.Format, sel render.Selection, count bool) docUse {
	return docUse{
		count:     count,
		transient: !render.KeepsRecords(f),
		bodies:    render.DocumentRecords.Reads(f, sel, "body") || render.DocumentRecords.Reads(f, sel, "words"),
	}
}

// streamDocs calls fn with the documents the filters select, in path
// order as they are read, and with at most --limit of them; once the
// limit is reached it reads no further, unless use.count asks it to read
// on to count the documents selected (for noteSelection). each, when
// set, is called with every document loaded, selected or not, so the
// whole corpus is read. Documents are loaded with their bodies when
// use.bodies or the filter's --grep reads them. It returns how many
// documents fn was given.
func (s *selectionFlags) streamDocs(g *GlobalOptions, args []string, use docUse, each func(*corpus.Document), fn func(*corpus.Document) error) (int, error) {
	filter, err := s.Filter.filter()
	if err != nil {
		return 0, err
	}
	s.filter, s.filtered, s.matched = filter, !filter.IsZero(), 0
	shown := 0
	deliver := func(d *corpus.Document) error {
		s.matched++
		if s.Limit > 0 && shown == s.Limit {
			return nil // counting on
		}
		shown++
		if err := fn(d); err != nil {
			return err
		}
		if !use.count && each == nil && s.Limit > 0 && shown == s.Limit {
			return errLimitReached
		}
		return nil
	}
	_, err = g.streamFiltered(args, filter, use, each, deliver)
	if errors.Is(err, errLimitReached) {
		err = nil
	}
	return shown, err
}

// docs loads the corpus, then filters, sorts and limits it.
func (s *selectionFlags) docs(g *GlobalOptions, args []string) ([]*corpus.Document, error) {
	filter, err := s.Filter.filter()
	if err != nil {
		return nil, err
	}
	key, err := query.ParseSortKey(s.Sort)
	if err != nil {
		return nil, &FlagError{err}
	}
	sel, err := g.loadSelection(args, filter)
	if err != nil {
		return nil, err
	}
	s.loaded, s.filter = sel.corpus, filter
	docs := sel.docs
	if s.Collapse {
		res, err := s.Dupes.find(g, sel, docs)
		if err != nil {
			return nil, err
		}
		docs = res.Collapse(docs)
	}
	s.matched, s.filtered = len(docs), !filter.IsZero()
	if s.sorted() {
		docs = append([]*corpus.Document(nil), docs...) // keep the corpus order intact
		query.Sort(docs, key, s.Reverse)
	}
	if s.Limit > 0 && len(docs) > s.Limit {
		docs = docs[:s.Limit]
	}
	if s.Clean {
		docs = cleanDocs(sel.cleaner(), docs)
	}
	return docs, nil
}

// cleanDocs returns docs with their bodies cleaned by cl, the whole
// corpus's cleaner (so that a filter does not change a body). Documents
// cleaning changes are copies; the corpus is left as read.
func cleanDocs(cl *clean.Cleaner, docs []*corpus.Document) []*corpus.Document {
	out := make([]*corpus.Document, len(docs))
	for i, d := range docs {
		out[i] = cl.Document(d)
	}
	return out
}

// noteSelection tells a person at the terminal that n documents printed
// are none, or fewer than matched (noteCount).
func (s *selectionFlags) noteSelection(g *GlobalOptions, err error, n int) error {
	return g.noteCount(err, n, s.matched, "documents", noMatch(s.filtered))
}
