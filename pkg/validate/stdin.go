package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/seedscope/seedscope/pkg/arena"
	"github.com/seedscope/seedscope/pkg/corpus"
)

// StdinName names the file read from standard input in findings when no
// name is given.
const StdinName = "<stdin>"

// CheckReader checks one file read from r (standard input: validate -)
// as if it were the file name: name is the path in findings, the one the
// file-name rule looks at (StdinName is no name: the rule does not
// apply), and gives the document its ID (o.Load.IDPrefix
// keyed by name). It runs the loader's parse and the per-file rules, as
// Run does for each file; the corpus-wide rules have nothing to compare a
// single file with. At most o.Load.MaxFileSize bytes are read: a longer
// input is reported as skipped, as the loader skips a larger file. --fix
// has nowhere to write: o.Fix is ignored.
func CheckReader(ctx context.Context, name string, r io.Reader, o Options) (*Report, error) {
	s := o.Settings
	if s == nil {
		s = DefaultSettings()
	}
	o.Fix = false
	limit := o.Load.MaxFileSize
	if limit == 0 {
		limit = corpus.DefaultMaxFileSize
	}
	src := r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	data, err := io.ReadAll(src)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := corpus.Result{Path: name}
	if limit > 0 && int64(len(data)) > limit {
		res.Diags = []corpus.Diagnostic{{Pos: corpus.Pos{File: name}, Severity: corpus.Warning,
			Msg: fmt.Sprintf("input is over the %s size limit (--max-file-size); skipped", corpus.FormatSize(limit))}}
	} else {
		if data == nil {
			data = []byte{}
		}
		res = parseBytes(name, data, o, s)
	}
	v := &runner{ctx: ctx, s: s, o: o, rep: &Report{}, firsts: newFirstFiles(), messages: arena.Table{Max: maxSharedMessages}}
	fo := v.withDirectives(res, v.checkOne(res))
	if name == StdinName {
		// No name to check: the file-name rule does not apply.
		fo.findings = slices.DeleteFunc(fo.findings, func(f Finding) bool { return f.Rule == RuleFileName })
	}
	if err := v.collect(name, false, res, fo); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	SortFindings(v.rep.Findings)
	return v.rep, nil
}

// parseBytes is the loader's parse of one file's bytes (see
// corpus.Stream): a document, or the diagnostics saying why not.
func parseBytes(name string, data []byte, o Options, s *Settings) corpus.Result {
	fields := o.Load.Fields
	if fields == nil {
		fields = s.Fields
	}
	id := rawID(name, false, name, o.Load.IDPrefix)
	r := corpus.Result{Path: name, Data: data}
	doc, warnings, err := corpus.ParseFields(corpus.DisplayPath(name), id, data, o.Load.Parser, fields)
	if err != nil {
		var d *corpus.Diagnostic
		if !errors.As(err, &d) {
			d = &corpus.Diagnostic{Pos: corpus.Pos{File: name}, Severity: corpus.Error, Msg: err.Error()}
		}
		r.Diags = append(warnings, *d)
		return r
	}
	r.Doc, r.Diags = doc, warnings
	return r
}
