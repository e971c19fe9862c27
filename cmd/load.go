package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/validate"
)

// shownDiagnostics is how many load problems are printed before the rest
// are only counted (--verbose shows all).
const shownDiagnostics = 20

func (g *GlobalOptions) loadOptions() (corpus.Options, error) {
	p, err := enum.Parse("--parser", g.Parser, corpus.Parsers)
	if err != nil {
		return corpus.Options{}, &FlagError{err}
	}
	size, err := corpus.ParseSize(g.MaxFileSize)
	if err != nil {
		return corpus.Options{}, &FlagError{fmt.Errorf("--max-file-size: %w", err)}
	}
	if size == 0 {
		size = -1 // no limit
	}
	if g.Workers < 0 || g.Workers > corpus.MaxWorkers {
		return corpus.Options{}, flagErrorf("--workers must be between 0 (one per CPU) and %d, not %d", corpus.MaxWorkers, g.Workers)
	}
	return corpus.Options{Parser: p, Workers: g.Workers, MaxFileSize: size, FollowLinks: g.Follow}, nil
}

// paths are the corpus paths of a command: its arguments, or with none
// the default corpus (see validate.DefaultCorpus). A bad "corpus" key in
// the working configuration is a usage error.
func paths(args []string) ([]string, error) {
	if len(args) > 0 {
		return args, nil
	}
	p, _, err := validate.DefaultCorpus()
	if errors.Is(err, corpus.ErrNoPath) {
		return nil, err
	}
	if err != nil {
		return nil, &FlagError{err}
	}
	return []string{p}, nil
}

// loadCorpus loads the whole corpus, reporting diagnostics on stderr as
// they come, and resolves the related links between its documents.
func (g *GlobalOptions) loadCorpus(args []string) (*corpus.Corpus, error) {
	return g.loadCorpusLinks(args, true)
}

// loadCorpusLinks is loadCorpus, resolving the related links only when
// links is set: a view that prints no link target does without. The
// links are indexed as documents arrive, while the workers parse.
func (g *GlobalOptions) loadCorpusLinks(args []string, links bool) (*corpus.Corpus, error) {
	setGCPercent(gcPercentLoading)
	defer holdGC()
	b := corpus.NewBuilder(links)
	_, err := g.streamCorpus(args, func(d *corpus.Document) error {
		b.Add(d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.Corpus(), nil
}

// selection is a loaded corpus as the views that hold it read it: the
// whole corpus, the documents the filter selects from it, and the cleaner
// learnt from all of it (so that a filter never changes a document's
// cleaned text).
type selection struct {
	corpus *corpus.Corpus
	filter *query.Filter
	docs   []*corpus.Document
	cl     *clean.Cleaner
}

// loadSelection loads the corpus of args and selects the documents filter
// keeps; the -w and -E of filter, and of the others (terms --reference),
// look in the cleaned bodies.
func (g *GlobalOptions) loadSelection(args []string, filter *query.Filter, others ...*query.Filter) (*selection, error) {
	return g.loadSelectionLinks(args, true, filter, others...)
}

// loadViewSelection is loadSelection for the views that print no link
// target (search, concordance, terms, dupes): the links are not resolved.
func (g *GlobalOptions) loadViewSelection(args []string, filter *query.Filter, others ...*query.Filter) (*selection, error) {
	return g.loadSelectionLinks(args, false, filter, others...)
}

func (g *GlobalOptions) loadSelectionLinks(args []string, links bool, filter *query.Filter, others ...*query.Filter) (*selection, error) {
	c, err := g.loadCorpusLinks(args, links)
	if err != nil {
		return nil, err
	}
	s := &selection{corpus: c, filter: filter}
	for _, f := range append([]*query.Filter{filter}, others...) {
		if f != nil && f.NeedsBody() && f.Body == nil {
			f.Body = s.cleaner().Body
		}
	}
	s.docs = filter.Select(c.Docs)
	return s, nil
}

// cleaner is the corpus's cleaner (clean.New over the whole corpus),
// learnt on first use. Its Body may be called from many goroutines; the
// cleaner itself is learnt on the command's.
func (s *selection) cleaner() *clean.Cleaner {
	if s.cl == nil {
		s.cl = clean.New(s.corpus.Docs)
	}
	return s.cl
}

// streamMatching is streamCorpus for the documents the filter flags
// select.
func (g *GlobalOptions) streamMatching(args []string, ff *filterFlags, fn func(*corpus.Document) error) (loadCount, error) {
	return g.streamMatchingBodies(args, ff, true, fn)
}

// streamFacets is streamMatching for a command that uses neither the
// bodies nor the word counts of the documents it is given (counts of
// topics, providers, dates): unless the filter looks in the body, they
// are loaded without (corpus.Options.SkipBody), which saves the copy of
// each body and the count of its words.
func (g *GlobalOptions) streamFacets(args []string, ff *filterFlags, fn func(*corpus.Document) error) (loadCount, error) {
	return g.streamMatchingBodies(args, ff, false, fn)
}

// alwaysLoadBodies turns streamFacets into streamMatching, for the test
// that their outputs are the same.
var alwaysLoadBodies = false

// streamMatchingBodies is streamMatching; bodies false loads documents
// without their bodies when the filter does not need them.
func (g *GlobalOptions) streamMatchingBodies(args []string, ff *filterFlags, bodies bool, fn func(*corpus.Document) error) (loadCount, error) {
	filter, err := ff.filter()
	if err != nil {
		return loadCount{}, err
	}
	return g.streamFiltered(args, filter, docUse{bodies: bodies}, nil, fn)
}

// docUse says what a streaming command does with the documents it is
// given.
type docUse struct {
	// bodies: it reads their bodies or word counts.
	bodies bool
	// transient: it keeps nothing of a document once fn returns (it
	// prints or counts it), so documents may point into their files
	// rather than copies (corpus.Options.Transient).
	transient bool
	// count: it reads on past --limit to count the documents selected
	// (selectionFlags.streamDocs).
	count bool
}

// tune sets the load's options for a command that uses documents as use
// says, with filter: without their bodies when neither the command nor
// the filter's --grep reads them (a filter that needs the cleaned bodies
// is the caller's to handle).
func (use docUse) tune(filter *query.Filter) func(*corpus.Options) {
	skipBody := !use.bodies && filter.Grep == "" && !alwaysLoadBodies
	return func(o *corpus.Options) { o.SkipBody, o.Transient = skipBody, use.transient }
}

// streamFiltered is streamCorpus for the documents filter selects,
// loaded as use allows: without their bodies when neither the command
// nor the filter reads them. each, when set, is called first with every
// document loaded, selected or not.
func (g *GlobalOptions) streamFiltered(args []string, filter *query.Filter, use docUse, each func(*corpus.Document), fn func(*corpus.Document) error) (loadCount, error) {
	if each == nil {
		each = func(*corpus.Document) {}
	}
	if filter.NeedsBody() {
		// -w and -E look in the cleaned body, which is learnt from the
		// whole corpus: hold it, then filter.
		var docs []*corpus.Document
		n, err := g.streamCorpus(args, func(d *corpus.Document) error {
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return n, err
		}
		cleanBodies(filter, docs)
		for _, d := range docs {
			each(d)
			if filter.Match(d) {
				if err := fn(d); err != nil {
					return n, err
				}
			}
		}
		return n, nil
	}
	return g.streamResults(args, use.tune(filter), true, func(r corpus.Result) error {
		each(r.Doc)
		if !filter.Match(r.Doc) {
			return nil
		}
		return fn(r.Doc)
	})
}

// fieldMap reads the "fields:" mapping of the configuration files
// validate reads (the working configuration and each corpus root's, see
// validate.FindConfigs), joined. A bad mapping is a usage error; no
// mapping gives nil.
func fieldMap(configs []validate.ConfigFile) (*corpus.FieldMap, error) {
	var ms []map[string][]string
	var names []string
	for _, f := range configs {
		m, err := validate.ReadFieldMapping(f.Path)
		if err != nil {
			return nil, &FlagError{err}
		}
		if m != nil {
			ms = append(ms, m)
			names = append(names, f.Path)
		}
	}
	fm, err := corpus.NewFieldMap(validate.MergeFieldMappings(ms...))
	if err != nil {
		return nil, &FlagError{fmt.Errorf("%s: %w", strings.Join(names, " and "), err)}
	}
	return fm, nil
}

// corpusOptions returns the paths a command with these arguments reads
// and how to load them: ids relative to each path's corpus root, fields
// mapped as the configurations found for them say.
func (g *GlobalOptions) corpusOptions(args []string) ([]string, corpus.Options, error) {
	o, err := g.loadOptions()
	if err != nil {
		return nil, o, err
	}
	roots, err := paths(args)
	if err != nil {
		return nil, o, err
	}
	if err := corpus.CheckPaths(roots); err != nil {
		return nil, o, err
	}
	found, err := validate.FindRoots(roots)
	if err != nil {
		return nil, o, &FlagError{err}
	}
	o.IDPrefix = validate.IDPrefixes(found)
	if o.Fields, err = fieldMap(validate.ConfigsOf(found)); err != nil {
		return nil, o, err
	}
	return roots, o, nil
}

// loadCount is how many files a load looked at and how many of them it
// skipped.
type loadCount struct{ files, skipped int }

// streamCorpus calls fn with each loaded document in path order, without
// holding the corpus in memory, and reports diagnostics on stderr. Related
// links are not resolved: that needs the whole corpus.
func (g *GlobalOptions) streamCorpus(args []string, fn func(*corpus.Document) error) (loadCount, error) {
	return g.streamResults(args, nil, true, func(r corpus.Result) error { return fn(r.Doc) })
}

// streamResults is streamCorpus with the load's options tuned (tune, when
// set), calling fn with the result of each file that loaded a document
// (Result.Doc is set), for a caller that reads more of it than the
// document (Result.Checked). Without report it shows no progress and no
// diagnostics: a pass over files that another pass reports. A file read
// but left unparsed (Options.ParseIf) is not counted, and its diagnostics
// are those of the read alone.
func (g *GlobalOptions) streamResults(args []string, tune func(*corpus.Options), report bool, fn func(corpus.Result) error) (loadCount, error) {
	roots, o, err := g.corpusOptions(args)
	if err != nil {
		return loadCount{}, err
	}
	if tune != nil {
		tune(&o)
	}
	rep := g.newReporter()
	if report {
		o.Progress = g.progressCounter(readingLabel)
	} else {
		rep = nil
	}
	files, skipped := 0, 0
	err = corpus.Stream(g.Context, roots, o, func(r corpus.Result) error {
		if err := g.output.check(r); err != nil {
			return err
		}
		if rep != nil {
			for _, d := range r.Diags {
				rep.diagnostic(d)
			}
		}
		if r.Unparsed {
			return nil
		}
		files++
		if r.Doc == nil {
			skipped++
			return nil
		}
		return fn(r)
	})
	if err != nil {
		return loadCount{}, err
	}
	if rep != nil {
		rep.summary(files, skipped)
	}
	return loadCount{files, skipped}, nil
}

// reporter prints load diagnostics to stderr, the first few in full.
type reporter struct {
	g       *GlobalOptions
	shown   int
	dropped int
}

func (g *GlobalOptions) newReporter() *reporter { return &reporter{g: g} }

func (r *reporter) diagnostic(d corpus.Diagnostic) {
	if r.g.Quiet && d.Severity == corpus.Warning {
		r.dropped++
		return
	}
	if !r.g.Verbose && r.shown >= shownDiagnostics {
		r.dropped++
		return
	}
	r.shown++
	printMessage(r.g.IO.ErrOut, d.Error())
}

func (r *reporter) summary(files, skipped int) {
	if r.dropped > 0 && !r.g.Quiet {
		printMessagef(r.g.IO.ErrOut, "%d more problems not shown (--verbose shows all; 'seedscope validate' checks every file)", r.dropped)
	}
	if skipped > 0 {
		printMessagef(r.g.IO.ErrOut, "%d of %d files skipped", skipped, files)
	}
}

// outputGuard is the file a command is about to write (export -o), which
// must not be one of the files it reads.
type outputGuard struct {
	name string      // as given
	file fs.FileInfo // the file it would overwrite; nil for a new one
}

// check refuses a result read from the output file.
func (o *outputGuard) check(r corpus.Result) error {
	if o == nil || !r.SameFile(o.file) {
		return nil
	}
	if o.name == r.Path {
		return fmt.Errorf("%s: refusing to write the output over one of the input files; nothing written", o.name)
	}
	return fmt.Errorf("%s: refusing to write the output over one of the input files (%s is the same file); nothing written", o.name, r.Path)
}
