package cmd

import (
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/validate"
)

// ciFlags are validate's flags for CI: how many warnings fail the run,
// whether warnings count at all, a per-rule summary, and a file read from
// standard input.
type ciFlags struct {
	// MaxWarnings fails the run when there are more warnings; -1: no limit.
	MaxWarnings int
	// ErrorsOnly drops warnings: neither printed nor counted.
	ErrorsOnly bool
	// Stats adds the count of findings per rule.
	Stats bool
	// Stdin is set when the path is "-": one file read from standard
	// input, named StdinFilename in findings.
	Stdin         bool
	StdinFilename string
}

// stdinPath is the path that reads a file from standard input.
const stdinPath = "-"

func (c *ciFlags) register(f *pflag.FlagSet) {
	f.IntVar(&c.MaxWarnings, "max-warnings", -1, "fail (exit 1) when there are more than `N` warnings (-1: no limit)")
	f.BoolVar(&c.ErrorsOnly, "errors-only", false, "report errors only: warnings are neither printed nor counted")
	f.BoolVar(&c.Stats, "stats", false, "add the number of findings and files per rule (text: a table; json: a \"stats\" object; other formats: the table on stderr)")
	f.StringVar(&c.StdinFilename, "stdin-filename", "", "with the path -, the `name` of the file read from standard input (in findings, for file-name and the configuration)")
}

// check refuses the combinations that make no sense.
func (c *ciFlags) check(opts *ValidateOptions, cmd *cobra.Command) error {
	if c.MaxWarnings < -1 {
		return flagErrorf("--max-warnings must be a number of warnings, or -1 for no limit, not %d", c.MaxWarnings)
	}
	c.Stdin = slices.Contains(opts.Paths, stdinPath)
	if c.Stdin && len(opts.Paths) > 1 {
		return flagErrorf("- (read a file from standard input) must be the only path")
	}
	if cmd.Flags().Changed("stdin-filename") {
		if !c.Stdin {
			return flagErrorf("--stdin-filename names the file read from standard input: give the path - as well")
		}
		if c.StdinFilename == "" {
			return flagErrorf("--stdin-filename needs a name")
		}
	}
	if c.Stdin && opts.Fix {
		return flagErrorf("--fix writes files in place: it cannot fix standard input (-)")
	}
	return nil
}

// name is the name of the file read from standard input.
func (c *ciFlags) name() string {
	if c.StdinFilename != "" {
		return c.StdinFilename
	}
	return validate.StdinName
}

// stdinIsTerminal reports whether r is a terminal (a variable for tests).
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// paths are the corpus paths of the run (see paths). For standard input
// they are where the configuration is looked for: the file named by
// --stdin-filename if it exists, else its folder if that exists, else
// none (the working directory's configuration still applies).
func (c *ciFlags) paths(args []string, ios *iostreams.IOStreams) ([]string, error) {
	if !c.Stdin {
		return paths(args)
	}
	if stdinIsTerminal(ios.In) {
		return nil, flagErrorf("- reads a seed file from standard input, which is a terminal: pipe a file in (seedscope validate - < FILE)")
	}
	if c.StdinFilename == "" {
		return nil, nil
	}
	for _, p := range []string{c.StdinFilename, filepath.Dir(c.StdinFilename)} {
		if _, err := os.Stat(p); err == nil {
			return []string{p}, nil
		}
	}
	return nil, nil
}

// stdinIDPrefix keys the corpus root found for --stdin-filename (through
// the file or its folder) by the name, as validate.CheckReader asks.
func (c *ciFlags) stdinIDPrefix(load *corpus.Options, found []validate.Root) {
	if !c.Stdin {
		return
	}
	load.IDPrefix = nil
	if len(found) == 1 && found[0].Dir != "" {
		load.IDPrefix = map[string]string{c.name(): found[0].Prefix}
	}
}

// keepPaths: JUnit output lists every file checked.
func (c *ciFlags) keepPaths(opts *ValidateOptions) bool {
	return !opts.sel.JSONOutput() && !opts.sel.Null && opts.format == render.JUnit
}

// filter applies --errors-only: the warnings leave the report.
func (c *ciFlags) filter(rep *validate.Report) {
	if !c.ErrorsOnly {
		return
	}
	rep.Findings = slices.DeleteFunc(rep.Findings, func(f validate.Finding) bool { return f.Severity != validate.Error })
}

// statsOnStderr writes the --stats counts on stderr, a line per rule,
// for the outputs that have no place for them (github, sarif, junit,
// field selections): stdout stays the format its reader parses.
func (c *ciFlags) statsOnStderr(opts *ValidateOptions, rep *validate.Report, ios *iostreams.IOStreams) {
	if !c.Stats {
		return
	}
	if f := opts.format; !opts.sel.JSONOutput() && !opts.sel.Null && (f == render.Text || f == render.JSON) {
		return // in the output itself
	}
	for _, rc := range validate.RuleCounts(rep.Findings) {
		printMessagef(ios.ErrOut, "stats: %s (%s): %d %s in %d %s", rc.Rule, rc.Severity,
			rc.Findings, pluralWord(rc.Findings, "finding", "findings"), rc.Files, pluralWord(rc.Files, "file", "files"))
	}
}

// tooManyWarnings applies --max-warnings, saying so on stderr.
func (c *ciFlags) tooManyWarnings(rep *validate.Report, ios *iostreams.IOStreams) bool {
	if c.MaxWarnings < 0 {
		return false
	}
	n := validate.Count(rep.Findings).Warnings
	if n <= c.MaxWarnings {
		return false
	}
	printMessagef(ios.ErrOut, "%d %s, more than --max-warnings %d allows", n, pluralWord(n, "warning", "warnings"), c.MaxWarnings)
	return true
}
