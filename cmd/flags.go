package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
)

// filterFlags are the document filters list, export, topics and providers share.
type filterFlags struct {
	Topics, Providers, Kinds, Types []string
	Since, Until, Grep              string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&f.Topics, "topic", "t", nil, "only documents with this `topic` (repeatable: any of them)")
	fs.StringArrayVarP(&f.Providers, "provider", "p", nil, "only documents from this provider `name or domain` (repeatable)")
	fs.StringArrayVar(&f.Kinds, "kind", nil, "only documents of this `kind`: frontmatter or text (repeatable)")
	fs.StringArrayVar(&f.Types, "type", nil, "only documents of this `type`, e.g. article (repeatable)")
	fs.StringVar(&f.Since, "since", "", "only documents published on or after this `date` (2006-01-02 or RFC 3339)")
	fs.StringVar(&f.Until, "until", "", "only documents published on or before this `date` (a whole day when no time is given)")
	fs.StringVarP(&f.Grep, "grep", "g", "", "only documents whose title, excerpt or body contains this `text` (any case)")
}

// filter checks the flags and builds the query filter.
func (f *filterFlags) filter() (*query.Filter, error) {
	q := &query.Filter{Topics: f.Topics, Providers: f.Providers, Kinds: f.Kinds, Types: f.Types, Grep: f.Grep}
	for _, k := range f.Kinds {
		if _, err := enum.Parse("--kind", k, corpus.Kinds); err != nil {
			return nil, &FlagError{err}
		}
	}
	var err error
	if q.Since, err = dateBound("--since", f.Since, false); err != nil {
		return nil, err
	}
	if q.Until, err = dateBound("--until", f.Until, true); err != nil {
		return nil, err
	}
	return q, nil
}

// dateBound reads a --since or --until value. A bare date as --until
// covers that whole day, so the bound is the next midnight (exclusive).
func dateBound(flag, s string, upper bool) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := corpus.ParseTime(s)
	if err != nil {
		return nil, flagErrorf("invalid %s %q: use a date (2020-01-31) or an RFC 3339 time", flag, s)
	}
	if upper {
		if isBareDate(s) {
			t = t.AddDate(0, 0, 1)
		} else {
			t = t.Add(time.Nanosecond)
		}
	}
	return &t, nil
}

func isBareDate(s string) bool { return len(strings.TrimSpace(s)) == len("2006-01-02") }

// outputFlags are --format and its relatives.
type outputFlags struct {
	Format render.FormatFlag
}

func (o *outputFlags) register(fs *pflag.FlagSet) {
	fs.VarP(&o.Format, "format", "f", fmt.Sprintf("output `format`: {%s} (default: table on a terminal, tsv otherwise)", render.FormatNames()))
}

// options returns the resolved format and the render options for ios.
func (o *outputFlags) options(ios *iostreams.IOStreams) (render.Format, render.Options) {
	f := o.Format.Resolve(ios.IsStdoutTTY())
	return f, render.Options{Color: ios.ColorEnabled(), Width: ios.TerminalWidth()}
}
