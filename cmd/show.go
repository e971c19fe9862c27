package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// ShowOptions are the inputs of show.
type ShowOptions struct {
	Global *GlobalOptions
	Ref    string
	Paths  []string
	Output outputFlags
	Fields *fieldFlags
	// Raw prints the body as read; Clean puts the cleaned body in the
	// JSON and CSV body field.
	Raw, Clean bool
	format     render.Format
	sel        render.Selection
}

// NewCmdShow builds "seedscope show".
func NewCmdShow(g *GlobalOptions, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "show ID [PATH...]",
		Short: "Show one document in full",
		Long: `Show one document: its fields, excerpt, related links (with the corpus
document each points at), the documents that link to it, and its body.

ID may be an id, a unique prefix of one ("show 003", as tables print ids),
the id with its file's extension, or the document's file path however it is
spelled (./seeds/x.txt, an absolute path, a path from another folder). An
ambiguous prefix lists the candidates (exit 1).

--format json prints one object carrying everything the text shows: the
document in the shape export writes (related targets resolved), plus
"linkedFrom", the ids of the documents that link here, in the order the
text lists them. ndjson is the same object on one line; csv is the
document's export row. Rows of documents (table, tsv) are list's.

The text shows a plain-text document's body cleaned (web boilerplate,
trailing promos and lines many documents of the corpus share removed,
entities repaired, white space normalised; docs/cleaning.md); --raw
shows it as read. JSON and CSV hold the body as read, as export writes
it; --clean puts the cleaned text there. Front-matter bodies are never
changed.`,
		Example: `  seedscope show 003
  seedscope show 000_882eb17234bc9889 --format json | jq .related
  seedscope show 002 --raw                # the body as read`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: g.completeRef,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Ref, opts.Paths = args[0], args[1:]
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if opts.Raw && opts.Clean {
				return flagErrorf("--raw (the body as read) and --clean (the cleaned body) exclude each other")
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	opts.Output.register(cmd.Flags(), showFormats)
	opts.Fields = addFieldFlags(cmd, render.DocumentViewFields.Infos(), fieldCaps{})
	cmd.Flags().BoolVar(&opts.Raw, "raw", false, "show the body as read, not cleaned")
	cmd.Flags().BoolVar(&opts.Clean, "clean", false, "JSON and CSV: the body field holds the cleaned text")
	return cmd
}

func showRun(opts *ShowOptions) error {
	g := opts.Global
	c, err := g.loadCorpus(opts.Paths)
	if err != nil {
		return err
	}
	d, err := c.Find(opts.Ref)
	if err != nil {
		return err
	}
	ro := opts.Fields.options(g.IO)
	v := render.DocumentView{Doc: d, LinkedFrom: backlinkIDs(c, d.ID)}
	// The text is read, the body cleaned; data is the body as read,
	// as export writes it, unless asked.
	if opts.Clean || opts.format == render.Text && !opts.sel.JSONOutput() && !opts.Raw {
		v.Doc = clean.New(c.Docs).Document(d)
	}
	if opts.sel.JSONOutput() {
		return render.WriteSelected(g.IO.Out, opts.format, render.DocumentViewRecord, opts.sel, ro, v)
	}
	return render.WriteDocument(g.IO.Out, opts.format, v, ro)
}

// backlinkIDs lists the documents that link to id, each once.
func backlinkIDs(c *corpus.Corpus, id string) []string {
	var ids []string
	for _, l := range query.Backlinks(c.Docs, id) {
		if len(ids) == 0 || ids[len(ids)-1] != l.From {
			ids = append(ids, l.From)
		}
	}
	return ids
}
