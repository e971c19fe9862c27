package cmd

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/validate"
)

// ValidateOptions are the inputs of validate.
type ValidateOptions struct {
	Global  *GlobalOptions
	Paths   []string
	Output  outputFlags
	Enable  []string
	Disable []string
	Strict  bool
	// StrictGiven is set when --strict was given (also as --strict=false):
	// it then overrides the configuration file's strict.
	StrictGiven bool
	Fix         bool
	CI          ciFlags
	Config      string
	ListRules   bool
	Baseline    baselineFlags
	// Version is the tool version written into SARIF output.
	Version string
	Fields  *fieldFlags
	format  render.Format
	sel     render.Selection
}

// NewCmdValidate builds "seedscope validate". runF replaces the run in tests.
func NewCmdValidate(g *GlobalOptions, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check seed files and report every problem with its line and column",
		Long: `Check every seed file under the paths (default: the corpus named by
.seedscope.yaml, else ./seeds, else the working directory; "-" alone: one
file read from standard input, named by --stdin-filename) and report each
problem as path:line:col with its rule id. Rules are listed by --rules and
documented in docs/validate.md.

Configuration: an optional .seedscope.yaml found upward from the working
directory (or --config FILE) may set under "validate:" the keys enable,
disable, strict, required (the required fields), ignores (globs of files
not checked), overrides (settings for the files some globs match) and
rules (file-name: {pattern: REGEX}, required-field: {fields: [...]}).
The one found upward from each path (its corpus root's; the search stops
at the folder holding .git) and those in its sub-folders (each for the
files below it) are part of the checked data: they may only add checks
(enable, strict: true, more required fields), never disable a rule,
ignore files or change the file-name pattern. Flags override the files;
-v names the files read.

Exit status:
  0  no errors (warnings allowed unless --strict)
  1  errors found, or warnings with --strict, or more warnings than
     --max-warnings N (--errors-only: warnings are not counted)
  2  usage error, unknown rule id, bad configuration file, a path
     that does not exist, or no seed file under the paths (nothing
     checked)`,
		Example: `  seedscope validate
  seedscope validate content/ --format github
  seedscope validate --format sarif > seedscope.sarif
  seedscope validate --disable file-name --enable unknown-field --strict
  seedscope validate --fix seeds/
  seedscope validate seeds --format junit --max-warnings 10 > junit.xml
  seedscope validate - --stdin-filename seeds/001_0123456789abcdef.md < buffer.md`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if err := opts.CI.check(opts, c); err != nil {
				return err
			}
			opts.Version = c.Root().Version
			opts.StrictGiven = c.Flags().Changed("strict")
			if _, err := validate.NewSettings(nil, opts.Enable, opts.Disable, nil); err != nil {
				return &FlagError{err}
			}
			if f := opts.Output.Format.Value; opts.ListRules && f != "" && !rulesFormats.Contains(f) {
				return flagErrorf("--rules lists the rules as {%s}, not %s", rulesFormats.Names(), f)
			}
			var err error
			if opts.format, opts.sel, err = opts.Fields.resolve(opts.Output.Format, g); err != nil {
				return err
			}
			if opts.ListRules && (opts.sel.JSONOutput() || opts.sel.Null) {
				return flagErrorf("--rules takes no --json, --jq, --template or -0: they select the fields of findings")
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	f := cmd.Flags()
	opts.Output.register(f, validateFormats)
	f.StringSliceVar(&opts.Enable, "enable", nil, "turn on a `rule` (repeatable, or comma-separated)")
	f.StringSliceVar(&opts.Disable, "disable", nil, "turn off a `rule` (repeatable, or comma-separated)")
	f.BoolVar(&opts.Strict, "strict", false, "fail (exit 1) on warnings too")
	f.BoolVar(&opts.Fix, "fix", false, "repair broken HTML entities (& # 39; -> &#39;) in place, atomically, where lossless")
	opts.CI.register(f)
	f.StringVar(&opts.Config, "config", "", "read settings from this `file` instead of looking for .seedscope.yaml")
	f.BoolVar(&opts.ListRules, "rules", false, "list the rules (id, severity, default, explanation) and exit")
	f.StringVar(&opts.Baseline.Read, "baseline", "", "report only the findings this baseline `file` does not hold")
	f.StringVar(&opts.Baseline.Write, "write-baseline", "", "record the findings in this baseline `file` (e.g. .seedscope-baseline.json), report none and exit 0")
	cmd.MarkFlagsMutuallyExclusive("baseline", "write-baseline")
	opts.Fields = addFieldFlags(cmd, validate.FindingFields.Infos(), fieldCaps{null: "the paths of the files with findings, each once"})
	return cmd
}

func validateRun(opts *ValidateOptions) error {
	g := opts.Global
	ios := g.IO
	roots, err := opts.CI.paths(opts.Paths, ios)
	if err != nil {
		return err
	}
	found, err := validate.FindRoots(roots)
	if err != nil {
		return &FlagError{err}
	}
	settings, err := validateSettings(opts, found)
	if err != nil {
		return err
	}
	if opts.ListRules {
		return render.WriteRules(ios.Out, opts.format, validate.Rules, settings.Enabled, renderOptions(ios))
	}
	load, err := g.loadOptions()
	if err != nil {
		return err
	}
	load.IDPrefix = validate.IDPrefixes(found)
	opts.CI.stdinIDPrefix(&load, found)
	var baseline *validate.Baseline
	switch {
	case opts.Baseline.Write != "":
		if err := checkWriteBaseline(opts.Baseline.Write, roots, load.SeedExtensions(), opts.Config); err != nil {
			return err
		}
	case opts.Baseline.Read != "":
		if baseline, err = validate.ReadBaseline(opts.Baseline.Read); err != nil {
			return flagErrorf("--baseline: %v", err)
		}
	}
	load.Progress = g.progressCounter(checkingLabel)
	settings.OnNestedConfig(func(p string) {
		opts.verbosef("validate: configuration %s (inside the checked folder: it can only add checks, to the files below it)", p)
	})
	vo := validate.Options{Settings: settings, Load: load, Fix: opts.Fix, KeepPaths: opts.CI.keepPaths(opts)}
	var rep *validate.Report
	if opts.CI.Stdin {
		rep, err = validate.CheckReader(g.Context, opts.CI.name(), ios.In, vo)
	} else {
		rep, err = validate.Run(g.Context, roots, vo)
	}
	var ce *validate.ConfigError
	if errors.As(err, &ce) {
		return &FlagError{err}
	}
	if err != nil {
		return err
	}
	opts.CI.filter(rep)
	strict := settings.Strict || rep.Strict
	if rep.Files == 0 {
		return fmt.Errorf("no seed file (%s) under %s: %w", strings.Join(load.SeedExtensions(), ", "), strings.Join(roots, ", "), errNothingChecked)
	}
	if baseline != nil {
		applyBaseline(opts, baseline, rep, roots)
	}
	wd, _ := os.Getwd()
	ro := render.FindingsOptions{
		Color: ios.ColorEnabled(), TTY: ios.IsStdoutTTY(), Strict: strict,
		ToolVersion: opts.Version, BaseDir: wd,
		Stats: opts.CI.Stats, Width: ios.TerminalWidth(),
	}
	var writeErr error
	switch {
	case opts.Baseline.Write != "": // the findings go to the baseline
	case opts.sel.JSONOutput() || opts.sel.Null:
		writeErr = render.WriteRecords(ios.Out, opts.format, render.FindingRecords, opts.sel, opts.Fields.options(ios), rep.Findings)
	default:
		writeErr = render.WriteFindings(ios.Out, opts.format, rep, ro)
	}
	if writeErr != nil && !errors.Is(writeErr, syscall.EPIPE) {
		return writeErr
	}
	opts.CI.statsOnStderr(opts, rep, ios)
	if rep.Fixed > 0 {
		printMessagef(ios.ErrOut, "fixed %d broken %s in %d %s", rep.Fixed, pluralWord(rep.Fixed, "entity", "entities"),
			len(rep.FixedFiles), pluralWord(len(rep.FixedFiles), "file", "files"))
	}
	if opts.Baseline.Write != "" {
		return writeBaseline(opts, rep)
	}
	// The exit status is the verdict even when the reader went away
	// (validate | head under pipefail): a closed pipe only makes a clean
	// run's status 0, as for every other command.
	tooMany := opts.CI.tooManyWarnings(rep, ios)
	if rep.Failed(strict) || tooMany {
		return ErrSilent
	}
	return writeErr
}

// validateSettings reads the configuration files (given, or found upward
// from the working directory and from each corpus path: see
// validate.FindConfigs) and applies the flags over them. Any problem is a
// usage error. With -v it names on stderr the files in force.
func validateSettings(opts *ValidateOptions, roots []validate.Root) (*validate.Settings, error) {
	var files []validate.ConfigFile
	if opts.Config != "" {
		files = []validate.ConfigFile{{Path: opts.Config}}
	} else {
		files = validate.ConfigsOf(roots)
	}
	var cfg *validate.Config
	for _, f := range files {
		c, err := validate.ReadConfig(f.Path)
		if err != nil {
			if opts.Config != "" && errors.Is(err, os.ErrNotExist) {
				return nil, flagErrorf("--config: %v", err)
			}
			return nil, &FlagError{err}
		}
		how := ""
		if f.InData {
			if c, err = validate.Tighten(cfg, c, f.Path); err != nil {
				return nil, &FlagError{err}
			}
			how = " (inside the checked folder: it can only add checks)"
		}
		if opts.Config != "" { // its globs are relative to the working directory
			if wd, err := os.Getwd(); err == nil {
				c.RebaseGlobs(wd)
			}
		}
		cfg = c
		opts.verbosef("validate: configuration %s%s", f.Path, how)
	}
	if len(files) == 0 {
		opts.verbosef("validate: no configuration file (%s); default settings", validate.ConfigFileName)
	}
	var strict *bool
	if opts.StrictGiven || opts.Strict {
		strict = &opts.Strict
	}
	s, err := validate.NewSettings(cfg, opts.Enable, opts.Disable, strict)
	if err != nil {
		return nil, &FlagError{err}
	}
	s.NestedConfigs(opts.Config == "") // --config: only that file is read
	return s, nil
}

// verbosef prints on stderr with -v.
func (opts *ValidateOptions) verbosef(format string, args ...any) {
	if g := opts.Global; g != nil && g.Verbose && g.IO != nil {
		printMessagef(g.IO.ErrOut, format, args...)
	}
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
