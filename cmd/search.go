package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/search"
)

// SearchOptions are the inputs of search.
type SearchOptions struct {
	Global *GlobalOptions
	Query  string
	Paths  []string
	Filter filterFlags
	Output outputFlags
	Fields *fieldFlags
	Limit  int
	query  *search.Query
	format render.Format
	sel    render.Selection
}

// defaultSearchLimit is how many results search prints without --limit.
const defaultSearchLimit = 20

// NewCmdSearch builds "seedscope search".
func NewCmdSearch(g *GlobalOptions, runF func(*SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "search QUERY [PATH...]",
		Short: "Rank documents by relevance to a query, with a snippet around the best match",
		Long: `Rank the documents that hold the query's words by relevance (BM25F over
the title, the excerpt, the cleaned body and the words of the URL; a word
in the title weighs 3, in the excerpt 2, in the body or the URL 1), and print each one's score, id, date,
provider, title and a snippet around its best match. On a colour terminal
the matched words are highlighted.

The query (one argument: quote it for the shell):
  word            a word, any case; a document needs one of the words,
                  and those where the words given bare follow each
                  other rank first (as if quoted)
  "a phrase"      words that follow each other; documents holding the
                  phrase rank above those holding only its words
  -word           leave out documents holding the word (-"a phrase" too)
  field:value     keep documents whose field has the value (-field:value
                  leaves them out; field:"two words"). Fields:
` + search.FieldHelp() + `
Words are split at Unicode word boundaries and folded as every reading
view does ("Police" is police, ’ is '). At most 64 words and 64 terms.
A query that starts with - goes after --: search -- '-doorbell ring'.

The filters of list apply too (search --provider wired.com police is
search "provider:wired.com police"). Scores count over the documents
searched: those the filters and field:value clauses select.`,
		Example: `  seedscope search police
  seedscope search '"police partnerships" -doorbell'
  seedscope search 'title:ring provider:wired.com' --since 2020
  seedscope search 'facial recognition' -n 0 --format json | jq -r '.[].id'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Query, opts.Paths = args[0], args[1:]
			var err error
			if opts.query, err = search.Parse(opts.Query); err != nil {
				return &FlagError{err}
			}
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return searchRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	opts.Output.register(cmd.Flags(), recordFormats)
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", defaultSearchLimit, "print the `N` best documents (0: all that match)")
	opts.Fields = addFieldFlags(cmd, search.ResultFields.Infos(), fieldCaps{columns: true, header: true, null: "the ids of the documents"})
	return cmd
}

func searchRun(opts *SearchOptions) error {
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	g := opts.Global
	sel, err := g.loadViewSelection(opts.Paths, filter)
	if err != nil {
		return err
	}
	body, so := sel.cleaner().Body, search.Options{Workers: g.Workers}
	hits, err := search.Search(g.Context, opts.query, sel.docs, body, so)
	if err != nil {
		return err
	}
	total := len(hits)
	if opts.Limit > 0 && len(hits) > opts.Limit {
		hits = hits[:opts.Limit]
	}
	results, err := search.Results(g.Context, opts.query, hits, body, so)
	if err != nil {
		return err
	}
	ios := opts.Global.IO
	o := opts.Fields.options(ios)
	o.ShortID = corpus.NewShortIDs(sel.corpus.Docs).Short
	err = render.WriteRecords(ios.Out, opts.format, render.SearchRecords, opts.sel, o, results)
	return opts.Global.noteCount(err, len(results), total, "documents", "no documents match")
}
