package cmd

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/render/columnar"
)

// columnarFlags are export's flags for the binary formats.
type columnarFlags struct {
	Compression string
	PartitionBy string
}

var (
	compressions  = []string{"zstd", "snappy", "gzip", "none"}
	partitionKeys = []string{"year", "month", "provider"}
)

func (c *columnarFlags) register(cmd *cobra.Command) {
	cmd.Flags().Var(enum.NewValue(&c.Compression, "--compression", compressions), "compression",
		"Parquet compression `codec`: zstd (default), snappy, gzip or none")
	cmd.Flags().Var(enum.NewValue(&c.PartitionBy, "--partition-by", partitionKeys), "partition-by",
		"write Parquet as a Hive-style folder tree under -o DIR, by `key`: year, month or provider")
}

// checkColumnar refuses what the binary formats cannot do: they write
// every field, typed, to a file.
func (opts *ExportOptions) checkColumnar() error {
	f, c := opts.format, opts.Columnar
	toStdout := opts.File == "" || opts.File == "-"
	if !render.IsBinary(f) {
		if c.Compression != "" || c.PartitionBy != "" {
			return flagErrorf("--compression and --partition-by go with --format parquet")
		}
		return nil
	}
	switch {
	case opts.sel.JSONOutput() || opts.sel.Columns != nil || opts.sel.Null:
		return flagErrorf("%s writes every field, typed: --json, --jq, --template, --columns and -0 are for the text formats", f)
	case f == render.SQLite && (c.Compression != "" || c.PartitionBy != ""):
		return flagErrorf("--compression and --partition-by go with --format parquet")
	case f == render.SQLite && toStdout:
		return flagErrorf("sqlite writes a database file: give -o FILE (e.g. -o corpus.db)")
	case c.PartitionBy != "" && toStdout:
		return flagErrorf("--partition-by writes a folder tree: give -o DIR")
	case toStdout && opts.Global.IO.IsStdoutTTY():
		return flagErrorf("parquet is binary: give -o FILE (e.g. -o corpus.parquet), or pipe it")
	}
	return nil
}

// exportColumnar writes Parquet or SQLite. Without --stream the corpus
// is loaded (and related targets resolved) before any output is created,
// as for the text formats; with it, documents go out as they are read.
func exportColumnar(opts *ExportOptions) error {
	g := opts.Global
	ctx := g.Context
	var docs []*corpus.Document
	if !opts.Stream {
		var err error
		if docs, err = opts.docs(g, opts.Paths); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	} else if opts.format == render.Parquet {
		setStreamingFloor(gcPercentParquet)
	}
	n := 0
	each := func(write func(*corpus.Document) error) error {
		if !opts.Stream {
			for _, d := range docs {
				if err := ctx.Err(); err != nil {
					return err
				}
				n++
				if err := write(d); err != nil {
					return err
				}
			}
			return nil
		}
		// Row groups keep their documents until written: copies, not files.
		_, err := opts.streamDocs(g, opts.Paths, docUse{bodies: true}, nil, func(d *corpus.Document) error {
			n++
			return write(d)
		})
		return err
	}
	po := columnar.ParquetOptions{Compression: opts.Columnar.Compression, CreatedBy: "seedscope"}
	if opts.File == "" || opts.File == "-" {
		err := render.WriteParquet(g.IO.Out, po, each)
		if opts.Stream && n == 0 {
			ff, _ := opts.Filter.filter()
			return g.noteCount(err, 0, 0, "documents", noMatch(ff != nil && !ff.IsZero()))
		}
		if !opts.Stream {
			return opts.noteSelection(g, err, len(docs))
		}
		return err
	}
	if opts.Columnar.PartitionBy != "" {
		return columnar.WritePartitioned(ctx, opts.File, columnar.PartitionOptions{ParquetOptions: po, Key: opts.Columnar.PartitionBy}, each)
	}
	target, err := atomicfile.Resolve(opts.File)
	if err != nil {
		return err
	}
	g.output = &outputGuard{name: opts.File, file: target.Existing()}
	if opts.format == render.SQLite {
		return target.WritePath(ctx, func(name string) error { return columnar.WriteSQLite(ctx, name, each) })
	}
	return target.Write(ctx, func(w io.Writer) error { return render.WriteParquet(w, po, each) })
}
