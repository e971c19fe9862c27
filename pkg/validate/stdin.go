package validate

import (
	"context"
	"fmt"
	"io"
	"slices"

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
	o.Fix = false
	v := newRunner(ctx, o)
	limit := v.maxFileSize()
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
	var res corpus.Result
	var fo fileOutcome
	if limit > 0 && int64(len(data)) > limit {
		res = corpus.Result{Path: name, Diags: []corpus.Diagnostic{{Pos: corpus.Pos{File: name}, Severity: corpus.Warning,
			Msg: fmt.Sprintf("input is over the %s size limit (--max-file-size); skipped", corpus.FormatSize(limit))}}}
		fo = v.checkOne(&corpus.File{Result: res})
	} else {
		if data == nil {
			data = []byte{}
		}
		res = corpus.ParseBytes(name, data, v.loadOptions())
		fo, _ = res.Checked.(fileOutcome)
	}
	if name == StdinName {
		// No name to check: the file-name rule does not apply.
		fo.findings = slices.DeleteFunc(fo.findings, func(f Finding) bool { return f.Rule == RuleFileName })
	}
	if err := v.collect(res, fo); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	SortFindings(v.rep.Findings)
	return v.rep, nil
}
