package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// StatsOptions are the inputs of stats.
type StatsOptions struct {
	Global *GlobalOptions
	Paths  []string
	Filter filterFlags
	Output outputFlags
	Fields *fieldFlags
	format render.Format
	sel    render.Selection
}

// NewCmdStats builds "seedscope stats".
func NewCmdStats(g *GlobalOptions, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "Sum up a corpus: files, documents, words, dates, topics, providers, links",
		Long: `Sum up a corpus: files looked at and skipped, documents of each kind,
words, the range of publication dates, distinct topics and providers, and
related links.

The sums stream through the corpus one document at a time, so memory stays
flat however large it is. The filters of list apply; files and skipped
count every file looked at. --format json prints one object whose fields
are the names of the other formats' "stat" column.`,
		Example: "  seedscope stats\n  seedscope stats ../corpus --since 2020-01-01 --format json | jq .documents",
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
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
	opts.Fields = addFieldFlags(cmd, query.StatsFields.Infos(), fieldCaps{})
	return cmd
}

func statsRun(opts *StatsOptions) error {
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
