package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// FacetOptions are the inputs of topics and providers.
type FacetOptions struct {
	Global *GlobalOptions
	Paths  []string
	Filter filterFlags
	Output outputFlags
	Limit  int
	Fields *fieldFlags
	// By is how providers groups: by domain (the default) or by name.
	By      query.ProviderGrouping
	counter func() *query.Counter
	noun    string // what is counted: "topics"
	records render.Selectable[query.Facet]
	format  render.Format
	sel     render.Selection
}

// NewCmdTopics builds "seedscope topics".
func NewCmdTopics(g *GlobalOptions, runF func(*FacetOptions) error) *cobra.Command {
	return newFacetCmd(g, runF, &FacetOptions{counter: query.TopicCounter, noun: "topics", records: render.TopicRecords}, &cobra.Command{
		Use:     "topics [PATH...]",
		Short:   "Count documents per topic, most frequent first",
		Example: "  seedscope topics\n  seedscope topics ../corpus --provider wired.com --limit 10",
	})
}

// NewCmdProviders builds "seedscope providers".
func NewCmdProviders(g *GlobalOptions, runF func(*FacetOptions) error) *cobra.Command {
	opts := &FacetOptions{By: query.ByDomain, noun: "providers", records: render.ProviderRecords}
	opts.counter = func() *query.Counter { return query.ProviderCounter(opts.By) }
	cmd := newFacetCmd(g, runF, opts, &cobra.Command{
		Use:     "providers [PATH...]",
		Short:   "Count documents per provider, most frequent first",
		Example: "  seedscope providers --format csv\n  seedscope providers --by name",
	})
	cmd.Long += `

A provider is its domain: lower case, without scheme, www., port or path
(www.Wired.com is wired.com). Each row is one domain, and its count is what
--provider DOMAIN selects; the row shows the name most of its documents
give, and "(+1 name)" when they give several (the names field lists them).
Documents with a name and no domain are rows without a domain, one per name.

--by name groups by name instead, ignoring case and repeated spaces: each
row's count is what --provider NAME selects, and "(+1 domain)" says the
name spans several domains. A name that looks like a domain (a dot and no
space: UPI.com, or a URL) is read as a domain, by --provider and here
alike: such documents, and those without a name, are rows by domain with
no names (not what --provider selects when the domain has named documents).`
	cmd.Flags().Var(enum.NewValue(&opts.By, "grouping", query.ProviderGroupings), "by", "group providers by `key`: domain or name")
	return cmd
}

func newFacetCmd(g *GlobalOptions, runF func(*FacetOptions) error, opts *FacetOptions, cmd *cobra.Command) *cobra.Command {
	opts.Global = g
	cmd.Long = cmd.Short + `.

Counts stream through the corpus one document at a time, so memory stays
flat however large it is. The filters of list apply.`
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		opts.Paths = args
		var err error
		if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
			return err
		}
		if runF != nil {
			return runF(opts)
		}
		return facetRun(opts)
	}
	opts.Filter.register(cmd.Flags())
	opts.Output.register(cmd.Flags(), recordFormats)
	cmd.Flags().IntVarP(&opts.Limit, "limit", "n", 0, "print at most `N` values (0: all)")
	opts.Fields = addFieldFlags(cmd, opts.records.Fields.Infos(), fieldCaps{columns: true, header: true, null: "the values counted"})
	return cmd
}

func facetRun(opts *FacetOptions) error {
	counter := opts.counter()
	matched := 0
	_, err := opts.Global.streamFacets(opts.Paths, &opts.Filter, func(d *corpus.Document) error {
		matched++
		counter.Add(d)
		return nil
	})
	if err != nil {
		return err
	}
	facets := counter.Facets()
	total := len(facets)
	if opts.Limit > 0 && len(facets) > opts.Limit {
		facets = facets[:opts.Limit]
	}
	err = render.WriteRecords(opts.Global.IO.Out, opts.format, opts.records, opts.sel, opts.Fields.options(opts.Global.IO), facets)
	empty := "no " + opts.noun
	if matched == 0 {
		ff, _ := opts.Filter.filter()
		empty = noMatch(ff != nil && !ff.IsZero())
	}
	return opts.Global.noteCount(err, len(facets), total, opts.noun, empty)
}
