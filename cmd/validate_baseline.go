package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/validate"
)

// baselineFlags are validate's --baseline and --write-baseline.
type baselineFlags struct {
	Read, Write string
}

// checkWriteBaseline refuses, before the run, a --write-baseline path
// that is one of the files checked, would be checked next time (a seed
// extension under a checked folder), or is a configuration file.
func checkWriteBaseline(path string, roots []string, exts []string, config string) error {
	t, err := atomicfile.Resolve(path)
	if err != nil {
		return flagErrorf("--write-baseline: %v", err)
	}
	refuse := func(why string) error {
		return flagErrorf("--write-baseline %s: refusing to overwrite %s; give a path such as .seedscope-baseline.json", path, why)
	}
	if filepath.Base(path) == validate.ConfigFileName {
		return refuse("a configuration file")
	}
	if fi := t.Existing(); fi != nil {
		for _, p := range append(slices.Clone(roots), config) {
			if other, err := os.Stat(p); p != "" && err == nil && os.SameFile(fi, other) {
				return refuse("an input file")
			}
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	if !slices.Contains(exts, strings.ToLower(filepath.Ext(abs))) {
		return nil
	}
	for _, r := range roots {
		ra, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(ra, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return refuse("a seed file (it is under " + r + ")")
		}
	}
	return nil
}

// writeBaseline records the run's findings in the baseline file.
func writeBaseline(opts *ValidateOptions, rep *validate.Report) error {
	path := opts.Baseline.Write
	b := validate.NewBaseline(filepath.Dir(path), rep.Findings)
	err := atomicfile.WriteContext(opts.Global.Context, path, func(w io.Writer) error {
		_, err := b.WriteTo(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("--write-baseline: %w", err)
	}
	c := validate.Count(rep.Findings)
	printMessagef(opts.Global.IO.ErrOut, "validate: wrote %s: %s (%s) in %s; validate --baseline %s reports only new ones",
		path, pluralCount(len(rep.Findings), "finding", "findings"), pluralCount(len(b.Entries), "entry", "entries"),
		pluralCount(c.Files, "file", "files"), path)
	return nil
}

// applyBaseline drops the findings the baseline holds and says on stderr
// how many, and which of its entries no longer occur.
func applyBaseline(opts *ValidateOptions, b *validate.Baseline, rep *validate.Report, roots []string) {
	res := b.Apply(rep, roots)
	path := opts.Baseline.Read
	printMessagef(opts.Global.IO.ErrOut, "validate: baseline %s: %s suppressed, %s new", path,
		pluralCount(res.Suppressed, "finding", "findings"), pluralCount(len(rep.Findings), "finding", "findings"))
	if len(res.Stale) > 0 {
		printMessagef(opts.Global.IO.ErrOut, "validate: baseline %s: %s (%s) no longer found; validate --write-baseline %s prunes them",
			path, pluralCount(len(res.Stale), "entry", "entries"), pluralCount(res.StaleFindings, "finding", "findings"), path)
		for _, e := range res.Stale {
			opts.verbosef("validate: stale baseline entry: %s [%s] %s (%d)", e.Path, e.Rule, e.Message, e.Count)
		}
	}
}

func pluralCount(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, pluralWord(n, one, many))
}
