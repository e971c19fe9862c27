package cmd

import (
	"errors"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/kwic"
	"github.com/seedscope/seedscope/pkg/progress"
	"github.com/seedscope/seedscope/pkg/render"
)

// Concordance context widths: the default off a terminal, and the most
// --width takes.
const (
	defaultContextWidth = 40
	maxContextWidth     = 1000
	// minFitWidth is the narrowest context a fitted table gives a side.
	minFitWidth = 10
)

// ConcordanceOptions are the inputs of concordance.
type ConcordanceOptions struct {
	Global *GlobalOptions
	Query  string
	Paths  []string
	Filter filterFlags
	Output outputFlags
	Fields *fieldFlags
	Sort   string
	Limit  int
	Width  int
	// widthSet: --width was given (otherwise tables fit the terminal).
	widthSet bool
	format   render.Format
	sel      render.Selection
}

// NewCmdConcordance builds "seedscope concordance".
func NewCmdConcordance(g *GlobalOptions, runF func(*ConcordanceOptions) error) *cobra.Command {
	opts := &ConcordanceOptions{Global: g, Sort: string(kwic.SortPath)}
	cmd := &cobra.Command{
		Use:   "concordance WORD|PHRASE [PATH...]",
		Short: "Show each hit of a word or phrase in its context (keyword in context)",
		Long: `Show each hit of a word or a phrase in the title, excerpt and cleaned body
of the documents, one line per hit: the text before it right-aligned, the
keyword, the text after it, the document's id and date.

A hit is the query's words in a row, compared as the word lists of terms
and --grep -w compare them: case ignored, ’ read as ', punctuation and
line breaks between the words ignored ("law enforcement" finds
"Law\nEnforcement", "police" does not find "policeman"). Hits do not
overlap. The count of hits is what list --grep WORD -w --count prints.

The context is cut at word boundaries, its line breaks shown as spaces:
--width N columns each side (default: fit the terminal, else 40). On a
terminal, the number of hits and of documents follows on stderr.

--sort path (default: the documents' order, then the hits' within each),
left1 (the word before the hit), right1 (the word after), or date
(undated last); ties by id, then position. The filters of list apply.`,
		Example: `  seedscope concordance police
  seedscope concordance "law enforcement" --sort right1
  seedscope concordance ring --provider wired.com --format json | jq -r .right`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query, opts.Paths = args[0], args[1:]
			if _, err := kwic.ParseSortKey(opts.Sort); err != nil {
				return &FlagError{err}
			}
			opts.widthSet = cmd.Flags().Changed("width")
			if opts.widthSet && (opts.Width < 0 || opts.Width > maxContextWidth) {
				return flagErrorf("--width must be between 0 and %d columns, not %d", maxContextWidth, opts.Width)
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return concordanceRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	opts.Output.register(cmd.Flags(), recordFormats)
	cmd.Flags().VarP(enum.NewValue(&opts.Sort, "sort key", enum.Names(kwic.SortKeys)), "sort", "s", "order hits by `key`: path, left1 (the word before), right1 (the word after) or date")
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", 0, "print at most `N` hits (0: all)")
	cmd.Flags().IntVar(&opts.Width, "width", defaultContextWidth, "`columns` of context on each side, cut at word boundaries (default: fit the terminal, else 40)")
	opts.Fields = addFieldFlags(cmd, kwic.LineFields.Infos(), fieldCaps{columns: true, header: true, null: "the ids of the documents of the hits"})
	return cmd
}

func concordanceRun(opts *ConcordanceOptions) error {
	g := opts.Global
	q, err := kwic.Parse(opts.Query)
	if err != nil {
		return flagErrorf("concordance %q: %v", opts.Query, err)
	}
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	sel, err := g.loadViewSelection(opts.Paths, filter)
	if err != nil {
		return err
	}
	conc, err := kwic.Find(g.Context, q, sel.docs, kwic.Options{Body: sel.cleaner().Body, Sort: kwic.SortKey(opts.Sort), Workers: g.Workers})
	if err != nil {
		return err
	}
	hits := conc.Hits
	if opts.Limit > 0 && len(hits) > opts.Limit {
		hits = hits[:opts.Limit]
	}
	ios := g.IO
	o := opts.Fields.options(ios)
	short := corpus.NewShortIDs(sel.corpus.Docs).Short
	o.ShortID = short
	width := opts.Width
	if !opts.widthSet {
		width = defaultContextWidth
		if opts.format == render.Table && o.Width > 0 && !opts.sel.JSONOutput() {
			width = fitContext(conc, hits, short, o.Width)
		}
	}
	w, err := render.NewRecordWriter(ios.Out, opts.format, render.ConcordanceRecords, opts.sel, o)
	if err != nil {
		return err
	}
	for _, h := range hits {
		if err = w.Write(conc.Line(h, width)); err != nil {
			break
		}
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return noteHits(g, err, len(hits), len(conc.Hits), conc.Documents)
}

// fitContext is the context width that fits a concordance table of hits
// in a terminal of width columns: what the keyword, id and date columns
// leave, halved.
func fitContext(conc *kwic.Concordance, hits []kwic.Hit, short func(string) string, width int) int {
	kw := max(conc.KeywordWidth(hits), len("KEYWORD"))
	idw, dated := len("ID"), false
	for _, h := range hits {
		d := conc.Docs[h.Doc]
		idw = max(idw, kwic.Width(short(d.ID)))
		dated = dated || d.PublishedAt != nil
	}
	idw = min(idw, max(width*40/100, 12)) // a longer id goes on a line of its own
	datew := len("DATE")
	if dated {
		datew = len("2006-01-02")
	}
	const gaps = 4 * 2
	side := (width - kw - idw - datew - gaps) / 2
	if side < minFitWidth {
		side = (width - kw - idw - gaps + 2) / 2 // the date gives way
	}
	return max(side, minFitWidth)
}

// noteHits tells a person at the terminal how many hits were printed, of
// how many, in how many documents ("3 hits in 2 documents", "10 of 57
// hits in 12 documents", "no hits").
func noteHits(g *GlobalOptions, err error, shown, total, docs int) error {
	if (err != nil && !errors.Is(err, syscall.EPIPE)) || !g.notesShown() {
		return err
	}
	msg := "no hits"
	if total > 0 {
		msg = plural(total, "hit", "hits") + " in " + plural(docs, "document", "documents")
		if shown < total {
			msg = progress.Group(int64(shown)) + " of " + msg
		}
	}
	g.IO.StopPager()
	printMessage(g.IO.ErrOut, msg)
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return progress.Group(int64(n)) + " " + many
}
