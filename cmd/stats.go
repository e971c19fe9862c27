package cmd

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/progress"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/render"
)

// StatsOptions are the inputs of stats.
type StatsOptions struct {
	Global *GlobalOptions
	Paths  []string
	Filter filterFlags
	Output outputFlags
	Fields *fieldFlags
	// By counts documents per period (day, week, month, year) or per value
	// of a field; "" sums the corpus up.
	By     string
	Limit  int
	format render.Format
	sel    render.Selection
}

// NewCmdStats builds "seedscope stats".
func NewCmdStats(g *GlobalOptions, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "Sum up a corpus: files, documents, words, dates, topics, providers, links, fields",
		Long: `Sum up a corpus: files looked at and skipped, documents of each kind,
words, the range of publication dates, distinct topics and providers, and
related links; then field discovery: each field and extra front-matter key
the documents hold, its types (string, number, boolean, time, list, map,
null; several: mixed), and how many documents hold and miss it. A field is
missing when it is empty, null or absent; an extra key when it is absent.
Extra keys are named by their path in the JSON (extra.weight), maps one
level down (extra.params.author).

--by counts documents instead, one row each:
  --by day|week|month|year   per period of publication, in time order:
      each document on its own calendar date (the one DATE shows; weeks
      are ISO weeks, Monday to Sunday: 2020-W14). Every period from the
      first with documents to the last is a row, those without documents
      with 0, so the picture of attention is honest (a range of more than
      10,000 periods lists only those with documents). Undated documents
      are in no row; a note on a terminal says how many.
  --by FIELD   per value of a field, most frequent first: topic, provider
      (its domain), provider.name, category, type, kind, folder (the top
      folder of the id) are counted as their filters select, so each
      row's count is what --topic, --provider, --category, --type, --kind
      or --folder selects with its value; any other text, number, boolean
      or list field by its exact value. Documents without a value are in
      no row.
On a terminal each row draws its count as a bar, scaled to the largest
count and as wide as the other columns leave; tsv, csv, json and a table
on a pipe have the count only (COLUMNS set draws bars on a pipe too).

The sums stream through the corpus one document at a time, so memory stays
flat however large it is (it grows with the distinct values, periods and
keys only). The filters of list apply; files and skipped count every file
looked at. --format json prints one object whose fields are the names of
the other formats' "stat" column; its "fields" is field discovery, which
tsv and csv print as a line of compact JSON, and a table as a table of its
own below the stat lines.`,
		Example: "  seedscope stats\n  seedscope stats ../corpus --since 2020-01-01 --format json | jq .documents\n  seedscope stats --by month\n  seedscope stats --by provider --limit 10",
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if err := opts.check(); err != nil {
				return err
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return statsRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	opts.Output.register(cmd.Flags(), statsFormats)
	cmd.Flags().StringVar(&opts.By, "by", "", "count documents per `period` (day, week, month, year) or per value of a field (topic, provider, provider.name, category, type, kind, folder, …)")
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", 0, "with --by FIELD, print at most `N` values (0: all)")
	_ = cmd.RegisterFlagCompletionFunc("by", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return append(enum.Names(query.PeriodUnits), query.ByFields()...), cobra.ShellCompDirectiveNoFileComp
	})
	opts.Fields = addFieldFlags(cmd, query.StatsFields.Infos(), fieldCaps{columns: true, header: true})
	return cmd
}

// period is the unit --by names, if it names one.
func (opts *StatsOptions) period() (query.PeriodUnit, bool) {
	u := query.PeriodUnit(opts.By)
	return u, slices.Contains(query.PeriodUnits, u)
}

// check checks --by and the flags that go with it, and points the field
// flags at the records it prints.
func (opts *StatsOptions) check() error {
	var fields []record.Info
	switch _, isPeriod := opts.period(); {
	case opts.By == "":
		if opts.Fields.set("columns") {
			return flagErrorf("--columns goes with --by: stats alone prints stat lines")
		}
		if opts.Limit > 0 {
			return flagErrorf("--limit goes with --by FIELD")
		}
		return nil
	case isPeriod:
		if opts.Limit > 0 {
			return flagErrorf("--limit goes with --by FIELD: periods are all shown, in time order (narrow them with --since and --until)")
		}
		fields = query.PeriodFields.Infos()
	default:
		_, providers, err := query.FieldCounter(opts.By)
		if err != nil {
			return &FlagError{err}
		}
		fields = query.TopicFacetFields.Infos()
		if providers {
			fields = query.ProviderFacetFields.Infos()
		}
	}
	opts.Fields.fields = fields
	opts.Fields.json.fields = fields
	opts.Fields.columns.fields = fields
	return nil
}

func statsRun(opts *StatsOptions) error {
	if opts.By != "" {
		if u, ok := opts.period(); ok {
			return statsPeriodsRun(opts, u)
		}
		return statsFieldRun(opts)
	}
	stats := query.NewStats()
	n, err := opts.Global.streamMatching(opts.Paths, &opts.Filter, func(d *corpus.Document) error {
		stats.Add(d)
		return nil
	})
	if err != nil {
		return err
	}
	stats.Files, stats.Skipped = n.files, n.skipped
	ro := opts.Fields.options(opts.Global.IO)
	if opts.sel.JSONOutput() {
		return render.WriteSelected(opts.Global.IO.Out, opts.format, render.StatsRecord, opts.sel, ro, stats)
	}
	return render.WriteStats(opts.Global.IO.Out, opts.format, stats, ro)
}

// statsPeriodsRun prints stats --by day|week|month|year.
func statsPeriodsRun(opts *StatsOptions, u query.PeriodUnit) error {
	c := query.NewPeriodCounter(u)
	matched := 0
	_, err := opts.Global.streamFacets(opts.Paths, &opts.Filter, func(d *corpus.Document) error {
		matched++
		c.Add(d)
		return nil
	})
	if err != nil {
		return err
	}
	periods, filled := c.Periods()
	err = render.WriteRecords(opts.Global.IO.Out, opts.format, render.PeriodRecords, opts.sel, opts.Fields.options(opts.Global.IO), periods)
	g := opts.Global
	if err == nil && g.notesShown() {
		if c.Undated > 0 {
			printMessagef(g.IO.ErrOut, "%s without a date, in no %s", documentsText(c.Undated), u)
		}
		if !filled {
			printMessagef(g.IO.ErrOut, "the dates span more than %s %ss: only those with documents are shown", progress.Group(query.MaxFilledPeriods), u)
		}
	}
	return g.noteCount(err, len(periods), len(periods), string(u)+"s", statsEmpty(opts, matched, "no dated documents"))
}

// statsFieldRun prints stats --by FIELD.
func statsFieldRun(opts *StatsOptions) error {
	c, providers, err := query.FieldCounter(opts.By)
	if err != nil {
		return &FlagError{err}
	}
	matched := 0
	// Only the word counts need the bodies loaded.
	_, err = opts.Global.streamMatchingBodies(opts.Paths, &opts.Filter, opts.By == "words", func(d *corpus.Document) error {
		matched++
		c.Add(d)
		return nil
	})
	if err != nil {
		return err
	}
	facets := c.Facets()
	total := len(facets)
	if opts.Limit > 0 && len(facets) > opts.Limit {
		facets = facets[:opts.Limit]
	}
	records := render.ValueRecords(opts.By)
	if providers {
		records = render.ProviderRecords
	}
	err = render.WriteRecords(opts.Global.IO.Out, opts.format, records, opts.sel, opts.Fields.options(opts.Global.IO), facets)
	g := opts.Global
	if err == nil && g.notesShown() && c.None() > 0 && len(facets) > 0 {
		printMessagef(g.IO.ErrOut, "%s without a %s, in no row", documentsText(c.None()), opts.By)
	}
	return g.noteCount(err, len(facets), total, "values", statsEmpty(opts, matched, "no values"))
}

// statsEmpty is the note when --by prints no row.
func statsEmpty(opts *StatsOptions, matched int, none string) string {
	if matched == 0 {
		ff, _ := opts.Filter.filter()
		return noMatch(ff != nil && !ff.IsZero())
	}
	return none
}

// documentsText is "1 document", "1,234 documents".
func documentsText(n int) string {
	if n == 1 {
		return "1 document"
	}
	return progress.Group(int64(n)) + " documents"
}
