package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/seedscope/seedscope/pkg/arena"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// Options tune a validation run.
type Options struct {
	// Settings picks the rules; nil means DefaultSettings.
	Settings *Settings
	// Load is passed to the loader (parser, workers, size limit, extensions).
	Load corpus.Options
	// Fix repairs broken entities in place (see FixEntities) before
	// reporting.
	Fix bool
	// KeepPaths lists every file checked in Report.Paths (JUnit output
	// has a test case per file).
	KeepPaths bool
}

// Report is the outcome of a run.
type Report struct {
	// Findings are sorted by path, line, column and rule.
	Findings []Finding
	// Files counts the files looked at.
	Files int
	// Fixed counts the repairs --fix made, in FixedFiles files.
	Fixed      int
	FixedFiles []string
	// Paths are the files checked, in walk order, with Options.KeepPaths.
	Paths []string
	// Suppressed counts the findings hidden by # seedscope-disable
	// comments; Baselined those hidden by a baseline (Baseline.Apply).
	Suppressed, Baselined int
	// Strict is set when a file was checked under strict: true of a
	// configuration file below a corpus path: the run is strict.
	Strict bool
}

// Failed reports whether the run should fail: any error, or with strict
// any finding at all.
func (r *Report) Failed(strict bool) bool {
	for _, f := range r.Findings {
		if strict || f.Severity == Error {
			return true
		}
	}
	return false
}

// Run checks every file under roots, in the loader's walk order. The
// per-file checks are a hook of the loader (corpus.Options.Check): they
// run on its workers, on the bytes it read and the front-matter tree it
// parsed, so each file is read and parsed once, and the loader holds only
// a bounded window of files in memory. The corpus-wide rules see files in
// walk order and keep an index of IDs and URL keys, so the findings are
// the same at any concurrency. A root that does not exist fails the run
// with an error wrapping corpus.ErrNoPath.
func Run(ctx context.Context, roots []string, o Options) (*Report, error) {
	if err := corpus.CheckPaths(roots); err != nil {
		return nil, err
	}
	v := newRunner(ctx, o)
	v.roots = newCorpusRoots(roots)
	s := v.s
	for _, root := range roots { // before any file's settings are asked for
		if fi, err := os.Stat(root); err == nil {
			if err := s.top(root, fi.IsDir()); err != nil {
				return nil, err
			}
		}
	}
	var err error
	seen := corpus.NewSeen()
	for _, root := range roots {
		load := v.loadOptions()
		if len(roots) > 1 && load.Seen == nil {
			load.Seen = seen // a file under two roots is checked once
		}
		load.Check = func(f *corpus.File) any {
			if ignored, err := s.Ignored(f.Path); err != nil || ignored {
				return fileOutcome{ignored: ignored, err: err}
			}
			return v.checkHook(f)
		}
		err = corpus.Stream(ctx, []string{root}, load, func(r corpus.Result) error {
			fo, _ := r.Checked.(fileOutcome)
			if fo.ignored {
				return nil // an ignored file is not checked, nor counted
			}
			return v.collect(r, fo)
		})
		if err != nil {
			break
		}
	}
	if err == nil {
		err = ctx.Err() // stopped after the walk: files were left unchecked
	}
	if err != nil {
		return nil, err
	}
	SortFindings(v.rep.Findings)
	v.rep.Strict = s.strictSeen()
	return v.rep, nil
}

type runner struct {
	// ctx stops the per-file checks of a file in progress.
	ctx context.Context
	s   *Settings
	o   Options
	// roots are where --fix may write.
	roots corpusRoots
	rep   *Report
	// firsts holds the document IDs and main URL keys seen so far.
	firsts *firstFiles
	// messages shares the text of findings that repeat (a broken entity
	// is reported the same way in every file it is in).
	messages arena.Table
	// dirs are the suppressions of the file being collected.
	dirs *directives
}

// maxSharedMessages bounds the table of shared finding messages.
const maxSharedMessages = 4096

func newRunner(ctx context.Context, o Options) *runner {
	if o.Settings == nil {
		o.Settings = DefaultSettings()
	}
	return &runner{ctx: ctx, s: o.Settings, o: o, rep: &Report{}, firsts: newFirstFiles(), messages: arena.Table{Max: maxSharedMessages}}
}

// loadOptions are the loader's options of a run: the per-file checks are
// its hook (checkHook).
func (v *runner) loadOptions() corpus.Options {
	load := v.o.Load
	if load.Fields == nil {
		load.Fields = v.s.Fields // the configuration's mapping of the corpus's keys
	}
	load.Check = v.checkHook
	load.DocumentStubs = true // collect asks only whether a file loaded
	return load
}

// fileOutcome is the per-file pass's result for one file.
type fileOutcome struct {
	findings []Finding
	facts    Facts
	rejected bool
	// toFix holds the file's bytes when --fix has entities to repair.
	toFix []byte
	fixed int
	err   error
	// ignored marks a file the configuration ignores: never checked.
	ignored bool
	// dirs are the file's # seedscope-disable comments.
	dirs *directives
	// s are the file's settings.
	s *Settings
}

// settings are the file's settings, or the run's when it has none of
// its own.
func (fo fileOutcome) settings(run *Settings) *Settings {
	if fo.s != nil {
		return fo.s
	}
	return run
}

func enabledIn(s *Settings, fs []Finding) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if s.Enabled(f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

// checkHook is the loader's per-file hook (corpus.Options.Check): the
// per-file rules, then the file's suppression comments.
func (v *runner) checkHook(f *corpus.File) any {
	return v.withDirectives(f.Result, v.checkOne(f))
}

// checkOne runs the per-file rules on one file, on the loader's worker
// that parsed it. It touches no shared state, and keeps nothing of the
// file's bytes but what --fix needs.
func (v *runner) checkOne(f *corpus.File) fileOutcome {
	if v.ctx.Err() != nil {
		return fileOutcome{} // stopped: the run returns ctx's error
	}
	p := f.Path
	s, err := v.s.For(p)
	if err != nil {
		return fileOutcome{err: err}
	}
	data, skip := v.read(f.Result)
	if skip != nil {
		return fileOutcome{findings: enabledIn(s, []Finding{*skip}), rejected: true, s: s}
	}
	fo := fileOutcome{s: s}
	fo.findings, fo.facts, fo.rejected = checkLoaded(v.ctx, p, data, s, f)
	if v.o.Fix && hasRule(fo.findings, RuleBrokenEntity) && !blocksFix(fo.findings) {
		fo.toFix = bytes.Clone(data) // the loader reuses its buffer
	}
	return fo
}

// fix repairs a file's broken entities in place (--fix), each that can
// be, and checks it again; an entity left is explained at its place. It
// runs as the file is collected, in walk order, once the loader has said
// the path is not a second one to a file fixed before.
func (v *runner) fix(r corpus.Result, s *Settings, fo *fileOutcome) {
	p := r.Path
	data := fo.toFix
	fo.toFix = nil
	fixed, n, refused, err := FixEntities(data)
	switch {
	case err != nil:
		fo.findings = append(fo.findings, enabledIn(s, []Finding{{Path: p, Line: 1, Col: 1, Severity: Warning,
			Rule: RuleBrokenEntity, Message: fmt.Sprintf("not fixed: %v", err)}})...)
	case n > 0:
		if err := writeFix(p, data, fixed, v.roots); err != nil {
			// The file is as it was: its findings stand, and the run
			// goes on with the other files.
			fo.findings = append(fo.findings, enabledIn(s, []Finding{{Path: p, Line: 1, Col: 1, Severity: Error,
				Rule: RuleFixFailed, Message: fmt.Sprintf("not fixed (%d broken %s): %v", n, entityWord(n), err)}})...)
			return
		}
		fo.fixed = n
		fo.findings, fo.facts, fo.rejected = checkFile(v.ctx, p, fixed, s)
		// The repaired text's findings, under the same comments (a repair
		// moves no line).
		*fo = v.withDirectives(corpus.Result{Path: p, Data: fixed, Doc: r.Doc}, *fo)
	}
	explainRefusals(fo.findings, refused)
}

// collect adds one file's outcome to the report and runs the corpus-wide
// rules on it. Files arrive in walk order.
func (v *runner) collect(r corpus.Result, fo fileOutcome) error {
	if fo.err != nil {
		return fo.err
	}
	p := r.Path
	s := fo.settings(v.s)
	if fo.toFix != nil {
		v.fix(r, s, &fo)
	}
	if v.o.Fix {
		explainBlocked(fo.findings)
	}
	v.dirs = fo.dirs
	defer v.endDirectives(p, s)
	v.rep.Files++
	if v.o.KeepPaths {
		v.rep.Paths = append(v.rep.Paths, p)
	}
	if fo.fixed > 0 {
		v.rep.Fixed += fo.fixed
		v.rep.FixedFiles = append(v.rep.FixedFiles, p)
	}
	if r.Doc == nil && !fo.rejected {
		// The loader refused the file (load-error below): its fields
		// were never loaded.
		fo.findings = notLoaded(fo.findings)
	}
	for _, f := range fo.findings {
		v.keep(f)
	}
	if r.Doc == nil {
		if !fo.rejected {
			for _, d := range r.Diags {
				if d.Severity == Error {
					v.emit(s, Finding{Path: p, Line: max(d.Pos.Line, 1), Col: max(d.Pos.Col, 1), Severity: Error,
						Rule: RuleLoadError, Message: d.Msg})
				}
			}
		}
		return nil // not a document: nothing to compare across files
	}
	// The indexes of the corpus-wide rules are the only memory of a run
	// that grows with the corpus: kept only for the rules that may run
	// (a file's configuration may turn on a rule another file's turned
	// off; the command line's --disable is final).
	if v.s.mayRun(RuleDuplicateID) {
		id := r.BaseID
		if first, dup := v.firsts.seen(idKey, id, p); dup {
			v.emit(s, Finding{Path: p, Line: 1, Col: 1, Severity: Error, Rule: RuleDuplicateID,
				Message: fmt.Sprintf("document ID %q is also the ID of %s", id, first)})
		}
	}
	if !v.s.mayRun(RuleDuplicateURL) {
		return nil
	}
	if k := fo.facts.urlKey; k != "" {
		if first, dup := v.firsts.seen(urlKey, k, p); dup {
			v.emit(s, Finding{Path: p, Line: fo.facts.URLLine, Col: fo.facts.URLCol, Severity: Error, Rule: RuleDuplicateURL,
				Message: fmt.Sprintf("same URL as %s (%s)", first, fo.facts.URL)})
		}
	}
	return nil
}

func (v *runner) emit(s *Settings, f Finding) {
	if s.Enabled(f.Rule) && !v.dirs.suppress(f) {
		v.keep(f)
	}
}

// keep adds a finding to the report; a run can have millions.
func (v *runner) keep(f Finding) {
	if m, ok := v.messages.Intern(f.Message); ok {
		f.Message = m
	}
	v.rep.Findings = append(v.rep.Findings, f)
}

// read returns the file's bytes, or the finding that explains why it was
// not checked (the loader's own reason when it skipped the file).
func (v *runner) read(r corpus.Result) ([]byte, *Finding) {
	if r.Data != nil {
		return r.Data, nil
	}
	p := r.Path
	reason := func(fallback string) (string, Severity) {
		for _, d := range r.Diags {
			if d.Pos.Line == 0 {
				return d.Msg, d.Severity
			}
		}
		return fallback, Error
	}
	// The loader said why it did not read the file (a symlink it does not
	// follow, a file read before under another path): reading it here
	// would check what the loader refused.
	skippedByLoader := false
	for _, d := range r.Diags {
		skippedByLoader = skippedByLoader || (d.Pos.Line == 0 && d.Severity == corpus.Warning)
	}
	fi, err := os.Stat(p)
	if err == nil && fi.Mode().IsRegular() && !v.overLimit(fi.Size()) && !skippedByLoader {
		data, err := os.ReadFile(p)
		if err == nil {
			return data, nil
		}
		return nil, &Finding{Path: p, Line: 1, Col: 1, Severity: Error, Rule: RuleUnreadable,
			Message: "cannot read: " + unwrapPathError(err).Error()}
	}
	fallback := "not a regular file; skipped"
	if err != nil {
		fallback = "cannot read: " + unwrapPathError(err).Error()
	}
	msg, sev := reason(fallback)
	rule := RuleFileSkipped
	if sev == Error {
		rule = RuleUnreadable
	}
	return nil, &Finding{Path: p, Line: 1, Col: 1, Severity: ruleByID[rule].Severity, Rule: rule, Message: msg}
}

func (v *runner) overLimit(size int64) bool {
	limit := v.maxFileSize()
	return limit > 0 && size > limit
}

// maxFileSize is the loader's size limit (--max-file-size); <= 0: none.
func (v *runner) maxFileSize() int64 {
	if v.o.Load.MaxFileSize == 0 {
		return corpus.DefaultMaxFileSize
	}
	return v.o.Load.MaxFileSize
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func entityWord(n int) string {
	if n == 1 {
		return "entity"
	}
	return "entities"
}

func hasRule(fs []Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// blocksFix lists the findings that mean a file does not parse cleanly:
// --fix never touches such a file.
func blocksFix(fs []Finding) bool {
	for _, f := range fs {
		switch f.Rule {
		case RuleTextBinary, RuleTextUTF8, RuleUnterminated, RuleYAMLSyntax, RuleNotAMapping:
			return true
		}
	}
	return false
}
