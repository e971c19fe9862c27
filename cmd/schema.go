package cmd

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/render"
)

// SchemaOptions are the inputs of schema.
type SchemaOptions struct {
	Global *GlobalOptions
	Record string
	Output outputFlags
}

// NewCmdSchema builds "seedscope schema".
func NewCmdSchema(g *GlobalOptions, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "schema [RECORD]",
		Short: "Print the JSON Schema of the records seedscope prints as JSON",
		Long: `Print the JSON Schema (draft 2020-12) of a record: every key with its type,
whether it may be null, and what it means. Every key is required, since
seedscope never leaves one out (a missing value is null, an empty list []),
and no other key is allowed, except inside a document's "extra".

With no RECORD, print one schema holding every record's under "$defs", by
name (refer to one as "#/$defs/link"); it accepts any of them.

A command that prints many records prints, as json, an array of them and,
as ndjson, one a line; the schema is that of each element or line.

Records:
` + recordList(),
		Example: `  seedscope schema document
  seedscope schema | jq '."$defs" | keys'
  seedscope schema stats > stats.schema.json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return flagErrorf("schema takes at most one record, got %d arguments", len(args))
			}
			if len(args) == 1 && !slices.Contains(render.RecordNames(), args[0]) {
				return flagErrorf("unknown record %q: use one of %s", args[0], strings.Join(render.RecordNames(), ", "))
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return render.RecordNames(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Record = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	opts.Output.register(cmd.Flags(), schemaFormats)
	return cmd
}

// recordList is the records' names and descriptions, for help.
func recordList() string {
	lines := make([]string, 0, len(render.RecordTypes()))
	for _, r := range render.RecordTypes() {
		lines = append(lines, "  "+r.Name+strings.Repeat(" ", max(1, 10-len(r.Name)))+r.Doc)
	}
	return strings.Join(lines, "\n")
}

func schemaRun(opts *SchemaOptions) error {
	f, ro := opts.Output.options(opts.Global.IO)
	return render.WriteSchema(opts.Global.IO.Out, f, opts.Record, ro)
}
