package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// ListOptions are the inputs of list.
type ListOptions struct {
	Global *GlobalOptions
	Paths  []string
	Output outputFlags
	Fields *fieldFlags
	// Count prints the number of documents (and of --grep hits) instead
	// of the documents.
	Count bool
	selectionFlags
	format render.Format
	sel    render.Selection
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
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if err := opts.check(); err != nil {
				return err
			}
			if opts.Count {
				for _, name := range []string{"json", "jq", "template", "columns", "null", "sort", "reverse"} {
					if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
						return flagErrorf("--count prints counts: --%s does not apply", name)
					}
				}
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	opts.selectionFlags.register(cmd)
	opts.Output.register(cmd.Flags(), recordFormats)
	cmd.Flags().BoolVar(&opts.Count, "count", false, "print the number of matching documents and of --grep hits in them (whole words with -w, matches with -E, occurrences otherwise) instead of the documents")
	opts.Fields = addFieldFlags(cmd, corpus.DocumentFields.Infos(), fieldCaps{columns: true, header: true, null: "the ids of the documents"})
	return cmd
}

func listRun(opts *ListOptions) error {
	if !opts.holds(opts.format, opts.sel) {
		return listStream(opts)
	}
	return listHeld(opts)
}

// listHeld is list on the whole corpus, held in memory.
func listHeld(opts *ListOptions) error {
	docs, err := opts.docs(opts.Global, opts.Paths)
	if err != nil {
		return err
	}
	ios := opts.Global.IO
	o := opts.Fields.options(ios)
	if opts.Count {
		hits := 0
		for _, d := range docs {
			hits += opts.filter.Hits(d)
		}
		return opts.writeCount(len(docs), hits)
	}
	// Ids in the table: the shortest form show resolves in the whole
	// corpus, not only among the rows shown.
	o.ShortID = corpus.NewShortIDs(opts.loaded.Docs).Short
	err = render.WriteRecords(ios.Out, opts.format, render.DocumentRecords, opts.sel, o, docs)
	return opts.noteSelection(opts.Global, err, len(docs))
}

// writeCount prints --count: docs documents, and the --grep hits in them
// when a --grep is given.
func (opts *ListOptions) writeCount(docs, hits int) error {
	c := query.GrepCount{Documents: docs}
	if opts.filter.Grep != "" || opts.filter.NeedsBody() {
		c.Hits = &hits
	}
	return render.WriteRecords(opts.Global.IO.Out, opts.format, render.GrepCountRecords, render.Selection{}, opts.Fields.options(opts.Global.IO), []query.GrepCount{c})
}

// listStream is list for an output that needs no other document than
// the one it prints (see holds): documents are written as they are read,
// and reading stops at --limit. A table's short ids are unique among
// every id of the corpus, so a table reads it all, keeping the ids and
// the rows it prints.
func listStream(opts *ListOptions) error {
	g := opts.Global
	o := opts.Fields.options(g.IO)
	if opts.Count {
		docs, hits := 0, 0
		_, err := opts.streamDocs(g, opts.Paths, docUse{transient: true}, nil, func(d *corpus.Document) error {
			docs++
			if opts.filter.Grep != "" || opts.filter.NeedsBody() {
				hits += opts.filter.Hits(d)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return opts.writeCount(docs, hits)
	}
	if render.DocumentRecords.ShowsShortIDs(opts.format, opts.sel) {
		if f, err := opts.Filter.filter(); err != nil || f.NeedsBody() {
			return listHeld(opts)
		}
		var ids []string
		var docs []*corpus.Document
		_, err := opts.streamDocs(g, opts.Paths, printing(opts.format, opts.sel, true), func(d *corpus.Document) { ids = append(ids, d.ID) }, func(d *corpus.Document) error {
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return err
		}
		o.ShortID = corpus.ShortIDsOf(ids).Short
		err = render.WriteRecords(g.IO.Out, opts.format, render.DocumentRecords, opts.sel, o, docs)
		return opts.noteSelection(g, err, len(docs))
	}
	wr, err := render.NewRecordWriter(g.IO.Out, opts.format, render.DocumentRecords, opts.sel, o)
	if err != nil {
		return err
	}
	n, err := opts.streamDocs(g, opts.Paths, printing(opts.format, opts.sel, g.notesShown()), nil, wr.Write)
	if err == nil {
		err = wr.Close()
	}
	return opts.noteSelection(g, err, n)
}
