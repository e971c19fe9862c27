package cmd

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/render"
)

// ExportOptions are the inputs of export.
type ExportOptions struct {
	Global  *GlobalOptions
	Paths   []string
	Output  outputFlags
	File    string
	SafeCSV bool
	Stream  bool
	Fields  *fieldFlags
	// Columnar are the flags of the binary formats (export_columnar.go).
	Columnar columnarFlags
	selectionFlags
	format render.Format
	sel    render.Selection
}

// NewCmdExport builds "seedscope export".
func NewCmdExport(g *GlobalOptions, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "export [PATH...]",
		Short: "Export the (filtered) corpus as JSON, NDJSON, CSV, Parquet or SQLite",
		Long: `Export documents in full: every field of the documented JSON shape.

json is one array, ndjson one document per line, csv one row per document
with a header (RFC 4180; lists and objects as compact JSON in their cell). With -o the output is
written to a temporary file and renamed into place only when complete, so
an existing file is never left half-written, and an interrupted export
(Ctrl-C, SIGTERM) leaves it untouched. A symlink is written through (the
file it leads to is replaced); a device, a FIFO or /dev/stdout is written
to directly. -o naming one of the files being exported (also through a
symlink or a hard link) is refused.

--stream writes each document as soon as it is read and holds only a few
in memory, for corpora larger than memory. Related targets need the whole
corpus (a link may point at a later document), so with --stream they are
not resolved ("target" is null), and --sort and --clean are not available.

--clean puts the cleaned text of each plain-text document in "body"
(boilerplate lines, trailing promos and lines many documents share
removed, entities repaired, white space normalised; docs/cleaning.md);
front-matter bodies are kept as written.

--safe-csv prefixes cells that start with =, +, -, @, tab or CR with a
single quote, so a spreadsheet shows them instead of running them as
formulas. Use it for files people open in a spreadsheet; leave it off for
data read by programs (the quote becomes part of the value).

parquet writes typed columns for DuckDB, Spark, Polars and pandas (the
schema: docs/export.md), in row groups as documents arrive, zstd-compressed
unless --compression says otherwise; it is binary, so it goes to -o or a
pipe, never a terminal. --partition-by year, month or provider writes a
Hive-style tree of Parquet files under -o DIR (year=2020/part-0.parquet),
replaced as a whole at the end. sqlite writes a database with docs, links
and topics tables and an FTS5 index (docs_fts) over title, excerpt and body,
for sqlite3, Datasette and sqlite-utils; it needs -o FILE.`,
		Example: `  seedscope export > corpus.json
  seedscope export --format ndjson ../corpus | jq -r .title
  seedscope export --format csv --safe-csv -o corpus.csv
  seedscope export -o corpus.ndjson        # the format from the ending
  seedscope export --stream -o corpus.parquet
  seedscope export --format parquet --partition-by year -o corpus-by-year
  seedscope export -o corpus.db            # SQLite with full-text search`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if err := opts.check(); err != nil {
				return err
			}
			if opts.Stream && opts.sorted() {
				return flagErrorf("--stream writes documents in path order: it cannot be combined with --sort or --reverse")
			}
			if opts.Stream && opts.Collapse {
				return flagErrorf("--collapse compares every document with every other, which --stream does not hold: leave out --stream")
			}
			if opts.Stream && opts.Clean {
				return flagErrorf("--clean learns the lines the corpus's documents share, which needs the whole corpus: it cannot be combined with --stream")
			}
			if err := opts.formatFromFile(); err != nil {
				return err
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if opts.SafeCSV && (opts.format != render.CSV || opts.sel.Null) {
				return flagErrorf("--safe-csv goes with --format csv")
			}
			if opts.Stream && opts.format == render.JSON && (opts.sel.JQ != nil || opts.sel.Template != nil) {
				return flagErrorf("--jq and --template read the whole JSON array, which --stream does not hold: use --format ndjson to run them on each document")
			}
			if err := opts.checkColumnar(); err != nil {
				return err
			}
			if opts.File != "" && opts.File != "-" {
				opts.sel.Pretty = false // a file is not a terminal
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	opts.selectionFlags.register(cmd)
	opts.Output.register(cmd.Flags(), exportFormats)
	cmd.Flags().StringVarP(&opts.File, "output", "o", "", "write to `file` (atomically) instead of stdout")
	cmd.Flags().BoolVar(&opts.SafeCSV, "safe-csv", false, "guard CSV cells against spreadsheet formula injection")
	cmd.Flags().BoolVar(&opts.Stream, "stream", false, "write documents as they are read, in flat memory (related targets left null)")
	opts.Fields = addFieldFlags(cmd, corpus.DocumentFields.Infos(), fieldCaps{columns: true, null: "the ids of the documents"})
	opts.Columnar.register(cmd)
	return cmd
}

// formatFromFile takes the format from the output file's ending when
// --format is not given: -o corpus.csv writes CSV, not JSON named .csv.
// An ending that names a format export does not write, or another than
// --format names, is refused.
func (opts *ExportOptions) formatFromFile() error {
	if opts.File == "" || opts.File == "-" {
		return nil
	}
	named, ok := render.ForFile(opts.File)
	if !ok {
		return nil // any other name: --format, or the default (json)
	}
	switch given := opts.Output.Format.Value; {
	case given == "" && !opts.Output.Format.Formats().Contains(named):
		return flagErrorf("-o %s: export does not write %s; give --format", opts.File, named)
	case given == "":
		return opts.Output.Format.Set(string(named))
	case given != named && !(given == render.NDJSON && named == render.JSON):
		return flagErrorf("-o %s names %s, but --format is %s", opts.File, named, given)
	}
	return nil
}

func exportRun(opts *ExportOptions) error {
	if render.IsBinary(opts.format) {
		return exportColumnar(opts)
	}
	// The format does not follow the terminal: export always writes data.
	f, sel := opts.format, opts.sel
	ro := render.Options{SafeCSV: opts.SafeCSV, JSON: renderOptions(opts.Global.IO).JSON}
	write := func(w io.Writer, docs []*corpus.Document) error {
		return render.WriteRecords(w, f, render.DocumentRecords, sel, ro, docs)
	}
	// Documents go out as they are read unless the output needs the
	// whole corpus first (holds); --stream refuses what would.
	streaming := opts.Stream || !opts.holds(f, sel)
	stream := func(w io.Writer) error {
		wr, err := render.NewRecordWriter(w, f, render.DocumentRecords, sel, ro)
		if err != nil {
			return err
		}
		_, err = streamExport(opts, wr, false)
		return err
	}
	if opts.File == "" || opts.File == "-" {
		if streaming {
			// --stream never reads on past --limit to count what it
			// leaves out.
			wr, err := render.NewRecordWriter(opts.Global.IO.Out, f, render.DocumentRecords, sel, ro)
			if err != nil {
				return err
			}
			n, err := streamExport(opts, wr, !opts.Stream && opts.Global.notesShown())
			return opts.noteSelection(opts.Global, err, n)
		}
		docs, err := opts.docs(opts.Global, opts.Paths)
		if err != nil {
			return err
		}
		err = render.WriteRecords(opts.Global.IO.Out, f, render.DocumentRecords, sel, ro, docs)
		return opts.noteSelection(opts.Global, err, len(docs))
	}
	target, err := atomicfile.Resolve(opts.File)
	if err != nil {
		return err
	}
	// Overwriting one of the files being read would destroy it (cp a a):
	// every file the load reads is compared with the output, through
	// symlinks and hard links, and the export stops before the rename.
	opts.Global.output = &outputGuard{name: opts.File, file: target.Existing()}
	ctx := opts.Global.Context
	if streaming {
		return target.Write(ctx, stream)
	}
	// The corpus is loaded before the output is opened: nothing is
	// created when the load fails or is refused.
	docs, err := opts.docs(opts.Global, opts.Paths)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return target.Write(ctx, func(w io.Writer) error { return write(w, docs) })
}

// errLimitReached stops a streaming export once --limit documents are out.
var errLimitReached = errors.New("limit reached")

// streamExport writes the documents selected as they are read (see
// streamDocs), then closes out.
func streamExport(opts *ExportOptions, out render.RecordWriter[*corpus.Document], count bool) (int, error) {
	n, err := opts.streamDocs(opts.Global, opts.Paths, printing(opts.format, opts.sel, count), nil, out.Write)
	if err != nil {
		return n, err
	}
	return n, out.Close()
}
