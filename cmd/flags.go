package cmd

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/kwic"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// filterFlags are the document filters list, export, topics and providers share.
type filterFlags struct {
	Topics, Providers, Kinds, Types []string
	Since, Until                    dateFlag
	Grep                            string
	// GrepWords (-w) and GrepRegexp (-E) change what --grep means.
	GrepWords, GrepRegexp    bool
	AllTopics, NotTopics     []string
	NotProviders, Categories []string
	Folders                  []string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&f.Topics, "topic", "t", nil, "only documents with this `topic` (repeatable: any of them)")
	fs.StringArrayVarP(&f.Providers, "provider", "p", nil, "only documents from this `provider`: a domain (www. and case ignored) or a name (case ignored) (repeatable)")
	fs.Var(enum.NewSlice(&f.Kinds, "--kind", enum.Names(corpus.Kinds)), "kind", "only documents of this `kind`: frontmatter or text (repeatable)")
	fs.StringArrayVar(&f.Types, "type", nil, "only documents of this `type`, e.g. article (repeatable)")
	fs.Var(&f.Since, "since", "only documents published on or after this `date`: a day, month or year (2020-03-13, 2020-03, 2020), a time back (30d, 2w, 6mo, 1y) or an RFC 3339 time; a day is the document's own date, as DATE shows it")
	fs.Var(&f.Until, "until", "only documents published on or before this `date` (as --since; a month or year up to its last day)")
	fs.StringVarP(&f.Grep, "grep", "g", "", "only documents whose title, excerpt or body contains this `text` (any case)")
	fs.BoolVarP(&f.GrepWords, "word-regexp", "w", false, "--grep matches whole words: its words, in a row, in the title, excerpt or cleaned body (any case; what concordance finds)")
	fs.BoolVarP(&f.GrepRegexp, "regexp", "E", false, "--grep is a regular expression (Go RE2 syntax; any case unless it says (?-i)) matched in the title, excerpt or cleaned body")
	fs.StringArrayVar(&f.AllTopics, "topic-all", nil, "only documents with this `topic`, and with every other --topic-all (repeatable: all of them)")
	fs.StringArrayVar(&f.NotTopics, "not-topic", nil, "leave out documents with this `topic` (repeatable)")
	fs.StringArrayVar(&f.NotProviders, "not-provider", nil, "leave out documents from this `provider`: a domain or a name, as --provider (repeatable)")
	fs.StringArrayVar(&f.Categories, "category", nil, "only documents of this `category`, e.g. news (repeatable)")
	fs.StringArrayVar(&f.Folders, "folder", nil, "only documents under this `folder` of the corpus, e.g. business (repeatable)")
}

// filter checks the flags and builds the query filter.
func (f *filterFlags) filter() (*query.Filter, error) {
	q := &query.Filter{Topics: f.Topics, Providers: f.Providers, Kinds: f.Kinds, Types: f.Types, Grep: f.Grep,
		AllTopics: f.AllTopics, NotTopics: f.NotTopics, NotProviders: f.NotProviders, Categories: f.Categories, Folders: f.Folders}
	if err := f.grepFilter(q); err != nil {
		return nil, err
	}
	now := time.Now()
	for _, b := range []struct {
		name  string
		flag  dateFlag
		upper bool
		day   *int
		at    **time.Time
	}{{"--since", f.Since, false, &q.SinceDay, &q.Since}, {"--until", f.Until, true, &q.UntilDay, &q.Until}} {
		if !b.flag.set {
			continue
		}
		var err error
		if *b.day, *b.at, err = query.ParseDateBound(b.flag.value, b.upper, now); err != nil {
			return nil, flagErrorf("invalid %s: %v", b.name, err)
		}
	}
	return q, nil
}

// grepFilter sets the text filter of --grep, -w and -E on q.
func (f *filterFlags) grepFilter(q *query.Filter) error {
	switch {
	case f.GrepWords && f.GrepRegexp:
		return flagErrorf("-w/--word-regexp and -E/--regexp cannot be combined (a regular expression can ask for word boundaries itself: \\b)")
	case (f.GrepWords || f.GrepRegexp) && f.Grep == "":
		return flagErrorf("-w/--word-regexp and -E/--regexp change what --grep matches: give --grep TEXT")
	case f.GrepWords:
		w, err := kwic.Parse(f.Grep)
		if err != nil {
			return flagErrorf("invalid --grep for -w: %v", err)
		}
		q.Grep, q.Words = "", w
	case f.GrepRegexp:
		re, err := query.CompileGrep(f.Grep)
		if err != nil {
			return flagErrorf("invalid --grep regular expression: %v", err)
		}
		q.Grep, q.Regexp = "", re
	}
	return nil
}

// cleanBodies makes q's -w and -E look in the cleaned bodies of the
// corpus docs (all of the corpus's documents: a filter never changes a
// document's cleaned text).
func cleanBodies(q *query.Filter, docs []*corpus.Document) {
	if q.NeedsBody() && q.Body == nil {
		q.Body = clean.New(docs).Body
	}
}

// dateFlag is --since or --until: a value, and whether it was given (an
// empty --since "" is a mistake, not "no bound").
type dateFlag struct {
	value string
	set   bool
}

func (d *dateFlag) Set(s string) error { d.value, d.set = s, true; return nil }
func (d *dateFlag) String() string     { return d.value }
func (d *dateFlag) Type() string       { return "date" }

// outputFlags are --format and its relatives.
type outputFlags struct {
	Format *render.FormatFlag
}

// register adds --format, taking the formats the command declares: the
// flag refuses any other (a usage error listing them), completes them,
// and its help is generated from them.
func (o *outputFlags) register(fs *pflag.FlagSet, formats render.FormatSet) {
	o.Format = formats.Flag()
	fs.VarP(o.Format, "format", "f", o.Format.Usage())
}

// options returns the resolved format and the render options for ios.
func (o *outputFlags) options(ios *iostreams.IOStreams) (render.Format, render.Options) {
	return o.Format.Resolve(ios.IsStdoutTTY()), renderOptions(ios)
}

// renderOptions are the options of output to ios's stdout. Tables are
// fitted to a width only when one is known (a terminal, or COLUMNS).
func renderOptions(ios *iostreams.IOStreams) render.Options {
	return render.Options{
		Color: ios.ColorEnabled(),
		Width: ios.TerminalWidth(),
		// Today's JSON: <, > and & escaped, as encoding/json does.
		JSON: render.JSONOptions{EscapeHTML: true},
	}
}

// binaryRefusal is why list, show and the other printing commands do not
// write Parquet or SQLite.
const binaryRefusal = "parquet and sqlite are files for other tools: write them with export -o FILE"

// The formats each command accepts, and its defaults: every format is
// declared once, in render's registry.
var (
	// recordFormats are those of commands that print records (list,
	// related, topics, providers).
	recordFormats = render.NewFormatSet(render.Records, render.Table, render.TSV,
		render.Table, render.TSV, render.JSON, render.NDJSON, render.CSV).
		Refusing(binaryRefusal, render.Parquet, render.SQLite)
	// statsFormats: summary lines, or one JSON object.
	statsFormats = render.NewFormatSet(render.Records|render.View, render.Table, render.TSV,
		render.Table, render.TSV, render.JSON, render.NDJSON, render.CSV).
		Refusing(binaryRefusal, render.Parquet, render.SQLite)
	// exportFormats are machine formats only.
	exportFormats = render.NewFormatSet(render.Records, render.JSON, render.JSON,
		render.JSON, render.NDJSON, render.CSV, render.Parquet, render.SQLite).
		Refusing("export writes data: use list for tables", render.Table, render.TSV)
	// showFormats write one document in full; rows are list's.
	showFormats = render.NewFormatSet(render.View, render.Text, render.Text,
		render.Text, render.JSON, render.NDJSON, render.CSV).
		Refusing("show prints one document: use list for rows", render.Table, render.TSV).
		Refusing(binaryRefusal, render.Parquet, render.SQLite)
	// validateFormats write findings.
	validateFormats = render.NewFormatSet(render.Findings, render.Text, render.Text,
		render.Text, render.JSON, render.GitHub, render.SARIF, render.JUnit)
	// rulesFormats are those of validate --rules.
	rulesFormats = render.NewFormatSet(render.View, render.Text, render.Text,
		render.Text, render.JSON)
	// schemaFormats: a JSON Schema is JSON.
	schemaFormats = render.NewFormatSet(render.View, render.JSON, render.JSON, render.JSON)
)
