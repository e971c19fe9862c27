package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// ListOptions are the inputs of list.
type ListOptions struct {
	Global  *GlobalOptions
	Paths   []string
	Filter  filterFlags
	Output  outputFlags
	Sort    string
	Reverse bool
	Limit   int
}

// NewCmdList builds "seedscope list". runF replaces the run in tests.
func NewCmdList(g *GlobalOptions, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "List documents, filtered and sorted",
		Long: `List the documents of the corpus: id, date, provider, title and topics.

Filters of one kind are alternatives (--topic a --topic b: either); filters
of different kinds must all match. Text matches ignore case.`,
		Example: `  seedscope list
  seedscope list --topic "aws ai" --sort published --reverse
  seedscope list --provider wired.com --format json
  seedscope list ../corpus --since 2020-01-01 --until 2020-01-31 --grep police`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if err := checkSortLimit(opts.Sort, opts.Limit); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	opts.Output.register(cmd.Flags())
	registerSort(cmd, &opts.Sort, &opts.Reverse, &opts.Limit)
	return cmd
}

func listRun(opts *ListOptions) error {
	docs, err := selectDocs(opts.Global, opts.Paths, &opts.Filter, opts.Sort, opts.Reverse, opts.Limit)
	if err != nil {
		return err
	}
	ios := opts.Global.IO
	f, ro := opts.Output.options(ios)
	return render.WriteAll(ios.Out, f, render.Documents, ro, docs)
}

func registerSort(cmd *cobra.Command, key *string, reverse *bool, limit *int) {
	cmd.Flags().StringVarP(key, "sort", "s", string(query.SortPath), "sort by `key`: path, published, title, provider, quality or heat")
	cmd.Flags().BoolVarP(reverse, "reverse", "r", false, "reverse the order (documents missing the key stay last)")
	cmd.Flags().IntVarP(limit, "limit", "n", 0, "print at most `N` documents (0: all)")
}

func checkSortLimit(key string, limit int) error {
	if _, err := query.ParseSortKey(key); err != nil {
		return &FlagError{err}
	}
	if limit < 0 {
		return flagErrorf("--limit must be 0 or more")
	}
	return nil
}
