package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/terms"
)

// TermsOptions are the inputs of terms.
type TermsOptions struct {
	Global        *GlobalOptions
	Paths         []string
	Filter        filterFlags
	Output        outputFlags
	Fields        *fieldFlags
	N             int
	Limit         int
	MinCount      int
	StopWordsFile string
	KeepStopWords bool
	Compare       bool
	Reference     string
	referenceSet  bool
	format        render.Format
	sel           render.Selection
}

// NewCmdTerms builds "seedscope terms".
func NewCmdTerms(g *GlobalOptions, runF func(*TermsOptions) error) *cobra.Command {
	opts := &TermsOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "terms [PATH...]",
		Short: "Count words and n-grams, most frequent first, or the key terms of a selection",
		Long: `Count the words (or with -n 2, 3… the n-grams) of the title, excerpt and
cleaned body of the documents: for each term, how many times it occurs,
in how many documents, and how often per million words. Most frequent
first, ties by term. The filters of list choose the documents.

Words are those concordance and --grep -w find, folded (lower case, ’ read
as '); numbers count as words. An n-gram is n words in a row within one
sentence: it never spans the title and the excerpt, a line break, or . ! ?
; : between two words.

Stop words are left out: English ones by default (NLTK's list of 179:
the, of, and, it's…), or those of --stopwords FILE (one or more a line, #
for comments); --keep-stopwords keeps them. An n-gram that starts or ends
with a stop word is left out ("of the", "the police"; "state of the art"
stays). Per-million rates count every word, stop words too.

--compare lists the key terms of the documents selected against a
reference: by default the rest of the corpus (the documents the filters
leave out); --reference 'FILTERS' (list's filter flags, in one argument)
chooses it instead, --reference '' is the whole corpus. Keyness is the
log-likelihood G2 (Rayson & Garside 2000; 3.84 is p < 0.05, 15.13 p <
0.0001), with log ratio as its effect size (Hardie 2014) and "over" or
"under" for the side. Over-used terms come first, strongest first, then
under-used ones, the strongest last. --min-count then counts selection
and reference together.

Memory: the corpus (as list holds it) and one entry per distinct term and
CPU while counting; n-grams have many more distinct terms than words.`,
		Example: `  seedscope terms --limit 20
  seedscope terms -n 2 --topic coronavirus
  seedscope terms --provider wired.com --compare --limit 20
  seedscope terms --since 2020-03 --compare --reference '--until 2020-02'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			switch {
			case opts.N < 1 || opts.N > terms.MaxN:
				return flagErrorf("-n/--ngram counts terms of 1 to %d words, not %d (--limit N keeps the first N terms)", terms.MaxN, opts.N)
			case opts.MinCount < 1:
				return flagErrorf("--min-count must be 1 or more")
			case opts.KeepStopWords && opts.StopWordsFile != "":
				return flagErrorf("--keep-stopwords and --stopwords cannot be combined")
			}
			opts.referenceSet = cmd.Flags().Changed("reference")
			if opts.referenceSet {
				opts.Compare = true
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return termsRun(opts)
		},
	}
	opts.Filter.register(cmd.Flags())
	opts.Output.register(cmd.Flags(), recordFormats)
	fs := cmd.Flags()
	fs.IntVarP(&opts.N, "ngram", "n", 1, fmt.Sprintf("count terms of `N` words in a row (1 to %d)", terms.MaxN))
	fs.IntVar(&opts.Limit, "limit", 0, "print at most `N` terms (0: all)")
	fs.IntVar(&opts.MinCount, "min-count", 1, "leave out terms counted fewer than `N` times")
	fs.StringVar(&opts.StopWordsFile, "stopwords", "", "leave out the stop words of this `file` (words a line, # for comments) instead of the English list")
	fs.BoolVar(&opts.KeepStopWords, "keep-stopwords", false, "keep stop words")
	fs.BoolVar(&opts.Compare, "compare", false, "list the key terms of the selection against a reference (the rest of the corpus, or --reference): log-likelihood")
	fs.StringVar(&opts.Reference, "reference", "", "compare with the documents these `filters` of list select, in one argument ('-p wired.com --since 2020'); implies --compare")
	opts.Fields = addFieldFlags(cmd, terms.KeyTermFields.Infos(), fieldCaps{columns: true, header: true, null: "the terms"})
	return cmd
}

func termsRun(opts *TermsOptions) error {
	g := opts.Global
	stop, err := opts.stopWords()
	if err != nil {
		return err
	}
	filter, err := opts.Filter.filter()
	if err != nil {
		return err
	}
	var refFilter *query.Filter
	if opts.referenceSet {
		if refFilter, err = parseReference(opts.Reference); err != nil {
			return err
		}
	}
	sel, err := g.loadViewSelection(opts.Paths, filter, refFilter)
	if err != nil {
		return err
	}
	docs := sel.docs
	o := terms.Options{N: opts.N, Stop: stop, Body: sel.cleaner().Body, Workers: g.Workers}
	counts, err := terms.Count(g.Context, docs, o)
	if err != nil {
		return err
	}
	ios := g.IO
	ro := opts.Fields.options(ios)
	empty := "no terms"
	if len(docs) == 0 {
		empty = noMatch(!filter.IsZero())
	}
	if !opts.Compare {
		list := counts.List(int64(opts.MinCount))
		total := len(list)
		if opts.Limit > 0 && len(list) > opts.Limit {
			list = list[:opts.Limit]
		}
		err = render.WriteRecords(ios.Out, opts.format, render.TermRecords, opts.sel, ro, list)
		return g.noteCount(err, len(list), total, "terms", empty)
	}
	var ref []*corpus.Document
	if refFilter != nil {
		ref = refFilter.Select(sel.corpus.Docs)
	} else {
		for _, d := range sel.corpus.Docs {
			if !filter.Match(d) {
				ref = append(ref, d)
			}
		}
	}
	if len(ref) == 0 {
		return fmt.Errorf("terms --compare: the reference holds no documents (the filters select the whole corpus: give --reference)")
	}
	refCounts, err := terms.Count(g.Context, ref, o)
	if err != nil {
		return err
	}
	keys := terms.Compare(counts, refCounts, int64(opts.MinCount))
	total := len(keys)
	if opts.Limit > 0 && len(keys) > opts.Limit {
		keys = keys[:opts.Limit]
	}
	err = render.WriteRecords(ios.Out, opts.format, render.KeyTermRecords, opts.sel, ro, keys)
	return g.noteCount(err, len(keys), total, "terms", empty)
}

// stopWords are the stop words the flags ask for: none, a file's or the
// English list.
func (opts *TermsOptions) stopWords() (terms.StopWords, error) {
	switch {
	case opts.KeepStopWords:
		return nil, nil
	case opts.StopWordsFile != "":
		f, err := os.Open(opts.StopWordsFile)
		if err != nil {
			return nil, &FlagError{fmt.Errorf("--stopwords: %w", err)}
		}
		defer f.Close()
		s, err := terms.ReadStopWords(f)
		if err != nil {
			return nil, &FlagError{fmt.Errorf("--stopwords %s: %w", opts.StopWordsFile, err)}
		}
		return s, nil
	}
	return terms.DefaultStopWords(), nil
}

// parseReference reads --reference: filter flags of list in one argument,
// split as a shell splits words (blanks, '…', "…", \).
func parseReference(s string) (*query.Filter, error) {
	args, err := splitWords(s)
	if err != nil {
		return nil, flagErrorf("--reference: %v", err)
	}
	var ff filterFlags
	fs := pflag.NewFlagSet("--reference", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ff.register(fs)
	if err := fs.Parse(args); err != nil {
		return nil, flagErrorf("--reference: %v", err)
	}
	if fs.NArg() > 0 {
		return nil, flagErrorf("--reference takes filters of list (such as -p wired.com), not %q", fs.Arg(0))
	}
	f, err := ff.filter()
	if err != nil {
		return nil, flagErrorf("--reference: %v", err)
	}
	return f, nil
}

// splitWords splits s into words as a POSIX shell does, without
// expansions: blanks separate words, '…' and "…" quote, \ escapes.
func splitWords(s string) ([]string, error) {
	var out []string
	var b strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				out = append(out, b.String())
				b.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`+"`", s[i+1]) >= 0 {
					i++
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf(`unterminated " in %q`, s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
			inWord = true
		default:
			b.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, b.String())
	}
	return out, nil
}
