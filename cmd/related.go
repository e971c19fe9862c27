package cmd

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// RelatedOptions are the inputs of related.
type RelatedOptions struct {
	Global    *GlobalOptions
	Ref       string
	Paths     []string
	Backlinks bool
	Output    outputFlags
	Fields    *fieldFlags
	format    render.Format
	sel       render.Selection
}

// NewCmdRelated builds "seedscope related".
func NewCmdRelated(g *GlobalOptions, runF func(*RelatedOptions) error) *cobra.Command {
	opts := &RelatedOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "related [ID] [PATH...]",
		Short: "Follow related links between documents",
		Long: `Print the related links of a document: title, provider, date, URL and,
when the URL is a document of the corpus, its id as "target".

With --backlinks, print the links of other documents that point at ID.
Without an ID, print every link of the corpus as an edge list (from, target).
A first argument that names an existing file or folder is read as a path.`,
		Example: `  seedscope related 000_882eb17234bc9889
  seedscope related 003 --backlinks
  seedscope related --format csv > edges.csv`,
		ValidArgsFunction: g.completeRef,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 && !exists(args[0]) {
				opts.Ref, args = args[0], args[1:]
			}
			opts.Paths = args
			if opts.Backlinks && opts.Ref == "" {
				return flagErrorf("--backlinks needs a document ID")
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return relatedRun(opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Backlinks, "backlinks", "b", false, "list the links that point at ID instead")
	opts.Output.register(cmd.Flags(), recordFormats)
	opts.Fields = addFieldFlags(cmd, query.LinkFields.Infos(), fieldCaps{columns: true, header: true,
		null: "the ids of the corpus documents the links lead to (with --backlinks: of the documents that link)"})
	return cmd
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func relatedRun(opts *RelatedOptions) error {
	g := opts.Global
	c, err := g.loadCorpus(opts.Paths)
	if err != nil {
		return err
	}
	var links []query.Link
	switch {
	case opts.Ref == "":
		links = query.AllLinks(c.Docs)
	default:
		d, err := c.Find(opts.Ref)
		if err != nil {
			return err
		}
		if opts.Backlinks {
			links = query.Backlinks(c.Docs, d.ID)
		} else {
			links = query.Links(d)
		}
	}
	// The table does not repeat ID on every row: it is the "from" of the
	// links of ID, the "target" of its backlinks.
	records := render.LinkRecords
	switch {
	case opts.Backlinks:
		records = records.WithID("from").OmitInTable("target")
	case opts.Ref != "":
		records = records.OmitInTable("from")
	}
	o := opts.Fields.options(g.IO)
	o.ShortID = corpus.NewShortIDs(c.Docs).Short
	err = render.WriteRecords(g.IO.Out, opts.format, records, opts.sel, o, links)
	empty := "no related links"
	if opts.Backlinks {
		empty = "no document links to it"
	}
	return g.noteCount(err, len(links), len(links), "links", empty)
}
