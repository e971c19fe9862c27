package render

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seedscope/seedscope/pkg/enum"
)

// Format names an output format. Every format is declared once, in
// registry; each command accepts a subset of them (a FormatSet).
type Format string

const (
	// Table is aligned columns for people, coloured on a terminal.
	Table Format = "table"
	// TSV is header-less, tab-separated rows for cut and awk.
	TSV Format = "tsv"
	// JSON is one indented array of records, or one object for a view.
	JSON Format = "json"
	// NDJSON is one compact JSON value per line.
	NDJSON Format = "ndjson"
	// CSV is RFC 4180 with a header row; list and object fields are
	// compact JSON in their cell.
	CSV Format = "csv"
	// Text is prose for people: a document in full (show), or findings
	// in compiler style (validate).
	Text Format = "text"
	// GitHub is GitHub Actions workflow commands (annotations).
	GitHub Format = "github"
	// SARIF is a SARIF 2.1.0 log, for code scanning.
	SARIF Format = "sarif"
	// JUnit is JUnit XML, one test case per file with findings.
	JUnit Format = "junit"
	// Parquet is a typed, compressed column file (pkg/render/columnar),
	// for DuckDB, Spark, Polars and pandas. Binary: export writes it.
	Parquet Format = "parquet"
	// SQLite is a database with a full-text index (pkg/render/columnar),
	// for sqlite3, Datasette and sqlite-utils. Binary: export writes it.
	SQLite Format = "sqlite"
)

// Writes says what a format can write.
type Writes uint8

const (
	// Records is a stream of records of one type: documents, links,
	// facet counts, summary lines.
	Records Writes = 1 << iota
	// View is one thing in full: a document (show), a corpus summary
	// (stats), the list of validation rules.
	View
	// Findings is a validation report.
	Findings
)

// FormatInfo declares one output format.
type FormatInfo struct {
	Name Format
	// Aliases are other names the flag accepts (not offered by
	// completion).
	Aliases     []string
	Description string
	Writes      Writes
	// Extensions are the file endings that name the format, for an output
	// file given without --format (export -o corpus.csv).
	Extensions []string
	// Binary formats are files, not text: export writes them (to -o),
	// record writers and terminals do not.
	Binary bool
}

// registry is every output format, in the order help lists them.
var registry = []FormatInfo{
	{Name: Table, Description: "aligned columns with a header, coloured on a terminal", Writes: Records},
	{Name: TSV, Description: "tab-separated rows without a header, for cut and awk", Writes: Records, Extensions: []string{".tsv"}},
	{Name: JSON, Description: "one indented JSON array (a view: one object)", Writes: Records | View | Findings, Extensions: []string{".json"}},
	{Name: NDJSON, Aliases: []string{"jsonl"}, Description: "one compact JSON value per line", Writes: Records | View, Extensions: []string{".ndjson", ".jsonl"}},
	{Name: CSV, Description: "RFC 4180 with a header row; lists and objects as JSON in their cell", Writes: Records | View, Extensions: []string{".csv"}},
	{Name: Text, Description: "prose for people: a document in full, findings as path:line:col", Writes: View | Findings},
	{Name: GitHub, Description: "GitHub Actions workflow commands (annotations)", Writes: Findings},
	{Name: SARIF, Description: "SARIF 2.1.0, for code scanning", Writes: Findings, Extensions: []string{".sarif"}},
	{Name: JUnit, Description: "JUnit XML, one test case per file with findings", Writes: Findings},
	{Name: Parquet, Description: "typed, compressed Parquet columns, for DuckDB and Spark (a file)", Writes: Records, Extensions: []string{".parquet"}, Binary: true},
	{Name: SQLite, Description: "an SQLite database with a full-text index, for Datasette (a file)", Writes: Records, Extensions: []string{".db", ".sqlite", ".sqlite3"}, Binary: true},
}

// Registry returns every output format, in the order help lists them.
func Registry() []FormatInfo { return slices.Clone(registry) }

// Lookup returns the format a name or alias (any case) stands for.
func Lookup(name string) (FormatInfo, bool) {
	name = strings.ToLower(name)
	for _, f := range registry {
		if string(f.Name) == name || slices.Contains(f.Aliases, name) {
			return f, true
		}
	}
	return FormatInfo{}, false
}

// ForFile returns the format a file name's ending names (any case), if
// any.
func ForFile(name string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range registry {
		if ext != "" && slices.Contains(f.Extensions, ext) {
			return f.Name, true
		}
	}
	return "", false
}

// KeepsRecords reports whether a Writer of format f keeps the records
// it is given until Close (a table: its column widths need every row)
// rather than writing each out as it comes.
func KeepsRecords(f Format) bool { return f == Table }

// IsBinary reports whether f is a binary format (see FormatInfo.Binary).
func IsBinary(f Format) bool {
	i, ok := Lookup(string(f))
	return ok && i.Binary
}

func info(f Format) FormatInfo {
	i, ok := Lookup(string(f))
	if !ok {
		panic(fmt.Sprintf("render: format %q is not in the registry", f))
	}
	return i
}

// FormatSet is the formats one command accepts, and its default on a
// terminal and elsewhere.
type FormatSet struct {
	formats         []Format
	terminal, piped Format
	// refusal explains a known format the command does not write.
	refusal map[Format]string
}

// NewFormatSet declares the formats a command accepts. writes is what the
// command prints; each format must be able to write it (a programming
// error otherwise: NewFormatSet panics, and the tests build every
// command). The defaults must be among the formats.
func NewFormatSet(writes Writes, terminal, piped Format, formats ...Format) FormatSet {
	for _, f := range formats {
		if info(f).Writes&writes == 0 {
			panic(fmt.Sprintf("render: format %q cannot write what this command prints", f))
		}
	}
	if !slices.Contains(formats, terminal) || !slices.Contains(formats, piped) {
		panic("render: a default format is not among the accepted formats")
	}
	return FormatSet{formats: formats, terminal: terminal, piped: piped}
}

// Refusing adds why a known format is not accepted, for the error: e.g.
// "use list for tables".
func (s FormatSet) Refusing(why string, formats ...Format) FormatSet {
	m := make(map[Format]string, len(s.refusal)+len(formats))
	for f, w := range s.refusal {
		m[f] = w
	}
	for _, f := range formats {
		m[f] = why
	}
	s.refusal = m
	return s
}

// Formats lists the accepted formats, in the order help shows them.
func (s FormatSet) Formats() []Format { return slices.Clone(s.formats) }

// Contains reports whether f is accepted.
func (s FormatSet) Contains(f Format) bool { return slices.Contains(s.formats, f) }

// Default is the format used when none is given.
func (s FormatSet) Default(tty bool) Format {
	if tty {
		return s.terminal
	}
	return s.piped
}

// Names is the accepted formats as "a|b|c".
func (s FormatSet) Names() string { return enum.Join(s.formats) }

// Usage is the help text of a --format flag taking this set.
func (s FormatSet) Usage() string {
	def := "default " + string(s.terminal)
	if s.terminal != s.piped {
		def = fmt.Sprintf("default: %s on a terminal, %s otherwise", s.terminal, s.piped)
	}
	return fmt.Sprintf("output `format`: {%s} (%s)", s.Names(), def)
}

// Flag returns a --format flag value for this set.
func (s FormatSet) Flag() *FormatFlag {
	f := &FormatFlag{set: s}
	aliases := map[string]Format{}
	for _, name := range s.formats {
		for _, a := range info(name).Aliases {
			aliases[a] = name
		}
	}
	f.value = enum.NewValue(&f.Value, "format", s.formats).WithAliases(aliases).WithRefusal(func(name string) string {
		if i, ok := Lookup(name); ok {
			return s.refusal[i.Name]
		}
		return ""
	})
	return f
}

// FormatFlag is the pflag.Value of --format: it accepts the formats of
// its set (names and aliases, any case), refuses any other with the
// valid values listed (a usage error), and offers them to shell
// completion. Empty means "not given": Resolve picks the default.
type FormatFlag struct {
	Value Format
	set   FormatSet
	value *enum.Value[Format]
}

func (f *FormatFlag) Set(s string) error      { return f.value.Set(s) }
func (f *FormatFlag) String() string          { return string(f.Value) }
func (f *FormatFlag) Type() string            { return "format" }
func (f *FormatFlag) Completions() []string   { return f.value.Completions() }
func (f *FormatFlag) Usage() string           { return f.set.Usage() }
func (f *FormatFlag) Formats() FormatSet      { return f.set }
func (f *FormatFlag) Resolve(tty bool) Format { return cmp.Or(f.Value, f.set.Default(tty)) }
