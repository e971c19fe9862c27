package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/dupes"
	"github.com/seedscope/seedscope/pkg/render"
)

// DupesOptions are the inputs of dupes.
type DupesOptions struct {
	Global *GlobalOptions
	Paths  []string
	Filter filterFlags
	Output outputFlags
	Fields *fieldFlags
	Dupes  dupeFlags
	Limit  int
	format render.Format
	sel    render.Selection
}

// dupeFlags are the thresholds of near duplicates: dupes, and --collapse
// on list and export.
type dupeFlags struct {
	Threshold float64
	Jaccard   float64
}

func (f *dupeFlags) register(fs *pflag.FlagSet) {
	fs.Float64Var(&f.Threshold, "threshold", dupes.DefaultContainment, "near duplicates share at least this `share` of the shorter text's word shingles (containment, 0 to 1)")
	fs.Float64Var(&f.Jaccard, "jaccard", 0, "near duplicates also have at least this Jaccard `similarity` (0 to 1; 0: any)")
}

func (f *dupeFlags) check() error {
	if !(f.Threshold > 0 && f.Threshold <= 1) {
		return flagErrorf("--threshold must be more than 0 and at most 1")
	}
	if !(f.Jaccard >= 0 && f.Jaccard <= 1) {
		return flagErrorf("--jaccard must be from 0 to 1")
	}
	return nil
}

// find clusters docs, documents of the loaded corpus sel. Bodies are
// cleaned as sel's whole corpus teaches, whatever docs is.
func (f *dupeFlags) find(g *GlobalOptions, sel *selection, docs []*corpus.Document) (*dupes.Result, error) {
	return dupes.Find(g.Context, docs, sel.cleaner().Body, dupes.Options{Containment: f.Threshold, Jaccard: f.Jaccard, Workers: g.Workers})
}

// NewCmdDupes builds "seedscope dupes".
func NewCmdDupes(g *GlobalOptions, runF func(*DupesOptions) error) *cobra.Command {
	opts := &DupesOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "dupes [PATH...]",
		Short: "Group documents that tell the same story: duplicates and near duplicates",
		Long: `Group the documents that tell the same story into clusters, each with a
representative, and print one line per document: its cluster, the
representative first.

Two documents are duplicates when a URL of each normalises to one key (as
related links are matched), when their cleaned bodies are the same, or
when they are near duplicates: the words of title, excerpt and cleaned
body, in runs of three (shingles), are compared, and a pair is near when
the share of the shorter text's shingles found in the other (containment)
is at least --threshold (default 0.2), and its Jaccard similarity (shared
shingles over all) at least --jaccard. Containment groups a short rewrite
of a wire story with the longer original, which Jaccard misses. A
cluster holds every document joined by such pairs, so its members may be
linked only through others (reason "chain").

Pairs are found with MinHash and LSH (40 bands of 2 rows): a pair whose
Jaccard is 0.3 or more is compared almost surely (0.98), one of 0.14 about
half the time. Documents of fewer than 10 words are matched by URL and
body only; shingles in more than 1% of the documents (at least 50) or in
more than 10 of one provider are boilerplate and not counted, unless the
two texts are copies.

The representative, the document --collapse keeps, is the earliest
published, then the one with the longest cleaned body, then the first by
id. Clusters are numbered from 1, largest first. The filters of list
choose the documents compared.`,
		Example: `  seedscope dupes
  seedscope dupes ../news --since 2020-03 --threshold 0.5
  seedscope dupes --json id,cluster,containment | jq -c '.[]'
  seedscope list --collapse          # one document per cluster`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if err := opts.Dupes.check(); err != nil {
				return err
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return dupesRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	opts.Dupes.register(cmd.Flags())
	opts.Output.register(cmd.Flags(), recordFormats)
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", 0, "print at most `N` clusters (0: all)")
	opts.Fields = addFieldFlags(cmd, dupes.MemberFields.Infos(), fieldCaps{columns: true, header: true, null: "the ids of the documents"})
	return cmd
}

func dupesRun(opts *DupesOptions) error {
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	sel, err := opts.Global.loadViewSelection(opts.Paths, filter)
	if err != nil {
		return err
	}
	docs := sel.docs
	res, err := opts.Dupes.find(opts.Global, sel, docs)
	if err != nil {
		return err
	}
	clusters := res.Clusters
	if opts.Limit > 0 && len(clusters) > opts.Limit {
		clusters = clusters[:opts.Limit]
	}
	var members []dupes.Member
	for _, cl := range clusters {
		members = append(members, cl.Members...)
	}
	ios := opts.Global.IO
	o := opts.Fields.options(ios)
	o.ShortID = corpus.NewShortIDs(sel.corpus.Docs).Short
	err = render.WriteRecords(ios.Out, opts.format, render.DupeRecords(opts.format), opts.sel, o, members)
	empty := "no duplicates"
	if len(docs) == 0 {
		empty = noMatch(!filter.IsZero())
	}
	return opts.Global.noteCount(err, len(clusters), len(res.Clusters), "clusters", empty)
}
