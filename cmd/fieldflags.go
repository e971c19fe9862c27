package cmd

import (
	"cmp"
	"encoding/csv"
	"errors"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/render"
)

// fieldCaps says which field-selection flags a command takes besides
// --json, --jq and --template (which every command that prints records
// takes).
type fieldCaps struct {
	// columns: --columns (table, TSV and CSV columns).
	columns bool
	// header: --header (a header row on TSV).
	header bool
	// null: -0/--null, with what it writes, for the help.
	null string
}

// fieldFlags are the field-selection flags of a command (gh's --json,
// --jq and --template, and --columns, --header and -0), added by
// addFieldFlags.
type fieldFlags struct {
	fields  []record.Info
	caps    fieldCaps
	json    *fieldsValue
	columns *fieldsValue
	jq      string
	tmpl    string
	header  bool
	null    bool
	set     func(name string) bool
}

// fieldsValue is the value of --json and --columns: comma-separated field
// names of a record, completed from its table.
type fieldsValue struct {
	names  []string
	fields []record.Info
	flag   string
}

func (v *fieldsValue) String() string { return strings.Join(v.names, ",") }
func (v *fieldsValue) Type() string   { return "fields" }
func (v *fieldsValue) Set(s string) error {
	r := csv.NewReader(strings.NewReader(s))
	names, err := r.Read()
	if err != nil && s != "" {
		return err
	}
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			v.names = append(v.names, n)
		}
	}
	if v.names == nil {
		v.names = []string{}
	}
	return nil
}

// complete offers the field names not yet given after the last comma.
func (v *fieldsValue) complete(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix := toComplete[:strings.LastIndexByte(toComplete, ',')+1]
	given := strings.Split(prefix, ",")
	var out []string
	for _, p := range render.FieldPaths(v.fields) {
		if !slices.Contains(given, p) && strings.HasPrefix(prefix+p, toComplete) {
			out = append(out, prefix+p)
		}
	}
	return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

// addFieldFlags adds the field-selection flags to cmd, for records
// described by fields; shell completion offers the field names.
func addFieldFlags(cmd *cobra.Command, fields []record.Info, caps fieldCaps) *fieldFlags {
	ff := &fieldFlags{fields: fields, caps: caps}
	fs := cmd.Flags()
	ff.set = func(name string) bool { f := fs.Lookup(name); return f != nil && f.Changed }
	ff.json = &fieldsValue{fields: fields, flag: "--json"}
	fs.Var(ff.json, "json", "print JSON of only these `fields` (comma-separated, nested by dot: provider.domain); --json alone lists them")
	fs.StringVar(&ff.jq, "jq", "", "filter the JSON with a jq `expression` (gojq, in-process)")
	fs.StringVar(&ff.tmpl, "template", "", "format the JSON with a Go `template` (helpers: join, truncate, date, tablerow, tablerender, json, color, pluck)")
	_ = cmd.RegisterFlagCompletionFunc("json", ff.json.complete)
	_ = cmd.RegisterFlagCompletionFunc("jq", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("template", cobra.NoFileCompletions)
	if caps.columns {
		ff.columns = &fieldsValue{fields: fields, flag: "--columns"}
		fs.Var(ff.columns, "columns", "the `fields` shown as columns of table, tsv and csv (comma-separated, nested by dot)")
		_ = cmd.RegisterFlagCompletionFunc("columns", ff.columns.complete)
	}
	if caps.header {
		fs.BoolVar(&ff.header, "header", false, "start tsv with a row of column names")
	}
	if caps.null != "" {
		fs.BoolVarP(&ff.null, "null", "0", false, "print "+caps.null+", each ended by a NUL byte (for xargs -0)")
	}
	return ff
}

// jsonFieldsError turns pflag's "flag needs an argument: --json" into
// the list of the command's fields, as gh answers a bare --json.
func jsonFieldsError(c *cobra.Command, err error) error {
	var vr *pflag.ValueRequiredError
	if !errors.As(err, &vr) || vr.GetFlag() == nil {
		return nil
	}
	if v, ok := vr.GetFlag().Value.(*fieldsValue); ok {
		return &FlagError{render.CheckFields(v.flag, v.fields, nil)}
	}
	return nil
}

// resolve checks the field-selection flags against each other and against
// --format, and returns the format to write and the selection. --json,
// --jq and --template write JSON: json (the default with them) or ndjson;
// --columns chooses the columns of table, tsv and csv; -0 writes values,
// not a format. Unknown fields, and expressions that do not parse, are
// usage errors.
func (ff *fieldFlags) resolve(format *render.FormatFlag, g *GlobalOptions) (render.Format, render.Selection, error) {
	tty := g.IO != nil && g.IO.IsStdoutTTY()
	sel := render.Selection{Pretty: tty, Context: g.Context, Null: ff.null}
	explicit := format.Value
	jsonOut := ff.set("json") || ff.jq != "" || ff.tmpl != ""
	var columns []string
	if ff.columns != nil && ff.set("columns") {
		columns = ff.columns.names
		if err := render.CheckFields("--columns", ff.fields, columns); err != nil {
			return "", sel, &FlagError{err}
		}
	}
	if ff.set("json") {
		if err := render.CheckFields("--json", ff.fields, ff.json.names); err != nil {
			return "", sel, &FlagError{err}
		}
		sel.Fields = ff.json.names
	}
	switch {
	case ff.jq != "" && ff.tmpl != "":
		return "", sel, flagErrorf("--jq and --template cannot be combined")
	case jsonOut && columns != nil:
		return "", sel, flagErrorf("--columns chooses the columns of table, tsv and csv; with JSON, choose fields with --json")
	case jsonOut && ff.null:
		return "", sel, flagErrorf("-0 prints values, not JSON: it cannot be combined with --json, --jq or --template")
	case jsonOut && ff.header:
		return "", sel, flagErrorf("--header goes with tsv, not JSON")
	case ff.null && explicit != "":
		return "", sel, flagErrorf("-0 prints values separated by NUL bytes: it takes no --format")
	case ff.null && len(columns) > 1:
		return "", sel, flagErrorf("-0 prints one field: give --columns one field, or none for %s", ff.caps.null)
	case ff.null && ff.header:
		return "", sel, flagErrorf("-0 prints values only: it takes no --header")
	}
	sel.Columns = columns
	if ff.jq != "" {
		q, err := render.ParseJQ(ff.jq)
		if err != nil {
			return "", sel, &FlagError{err}
		}
		sel.JQ = q
	}
	if ff.tmpl != "" {
		t, err := render.ParseTemplate(ff.tmpl)
		if err != nil {
			return "", sel, &FlagError{err}
		}
		sel.Template = t
	}
	if jsonOut {
		if explicit != "" && explicit != render.JSON && explicit != render.NDJSON {
			return "", sel, flagErrorf("--json, --jq and --template write JSON: use them with --format json or ndjson, not %s", explicit)
		}
		return cmp.Or(explicit, render.JSON), sel, nil
	}
	f := format.Resolve(tty)
	if columns != nil && explicit == "" && isJSONFormat(f) && format.Formats().Contains(render.CSV) {
		f = render.CSV // export: csv is the format with columns
	}
	if columns != nil && isJSONFormat(f) {
		return "", sel, flagErrorf("--columns chooses the columns of table, tsv and csv; with %s, choose fields with --json", f)
	}
	if ff.header && isJSONFormat(f) {
		return "", sel, flagErrorf("--header goes with tsv, not %s", f)
	}
	return f, sel, nil
}

func isJSONFormat(f render.Format) bool { return f == render.JSON || f == render.NDJSON }

// options returns the render options of a selection: a TSV header with
// --header.
func (ff *fieldFlags) options(ios *iostreams.IOStreams) render.Options {
	o := renderOptions(ios)
	o.Header = ff.header
	return o
}
