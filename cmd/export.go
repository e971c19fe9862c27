package cmd

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/render"
)

// ExportOptions are the inputs of export.
type ExportOptions struct {
	Global  *GlobalOptions
	Paths   []string
	Filter  filterFlags
	Output  outputFlags
	Sort    string
	Reverse bool
	Limit   int
	File    string
	SafeCSV bool
}

// NewCmdExport builds "seedscope export".
func NewCmdExport(g *GlobalOptions, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "export [PATH...]",
		Short: "Export the (filtered) corpus as JSON, NDJSON or CSV",
		Long: `Export documents in full: every field of the documented JSON shape.

json is one array, ndjson one document per line, csv one row per document
with a header (RFC 4180; list fields joined with ";"). With -o the output is
written to a temporary file and renamed into place only when complete, so
an existing file is never left half-written.

--safe-csv prefixes cells that start with =, +, -, @, tab or CR with a
single quote, so a spreadsheet shows them instead of running them as
formulas. Use it for files people open in a spreadsheet; leave it off for
data read by programs (the quote becomes part of the value).`,
		Example: `  seedscope export > corpus.json
  seedscope export --format ndjson ../corpus | jq -r .title
  seedscope export --format csv --safe-csv -o corpus.csv`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if err := checkSortLimit(opts.Sort, opts.Limit); err != nil {
				return err
			}
			if f := opts.Output.Format.Value; f == render.Table || f == render.TSV {
				return flagErrorf("export writes json, ndjson or csv, not %s (use list for tables)", f)
			}
			if opts.SafeCSV && opts.Output.Format.Value != render.CSV {
				return flagErrorf("--safe-csv goes with --format csv")
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	cmd.Flags().VarP(&opts.Output.Format, "format", "f", "output `format`: json, ndjson or csv (default json)")
	registerSort(cmd, &opts.Sort, &opts.Reverse, &opts.Limit)
	cmd.Flags().StringVarP(&opts.File, "output", "o", "", "write to `file` (atomically) instead of stdout")
	cmd.Flags().BoolVar(&opts.SafeCSV, "safe-csv", false, "guard CSV cells against spreadsheet formula injection")
	return cmd
}

func exportRun(opts *ExportOptions) error {
	docs, err := selectDocs(opts.Global, opts.Paths, &opts.Filter, opts.Sort, opts.Reverse, opts.Limit)
	if err != nil {
		return err
	}
	f := opts.Output.Format.Value
	if f == "" {
		f = render.JSON
	}
	ro := render.Options{SafeCSV: opts.SafeCSV}
	write := func(w io.Writer) error {
		return render.WriteAll(w, f, render.Documents, ro, docs)
	}
	if opts.File == "" || opts.File == "-" {
		return write(opts.Global.IO.Out)
	}
	return atomicfile.Write(opts.File, write)
}
