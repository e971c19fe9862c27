// Package cmd holds seedscope's cobra commands: each turns flags into
// options and calls the engine in pkg/. No parsing or formatting lives here.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"github.com/seedscope/seedscope/pkg/termsafe"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/iostreams"
)

// DefaultCorpus is loaded when a command is given no paths.
const DefaultCorpus = "seeds"

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	IO          *iostreams.IOStreams
	NoColor     bool
	Parser      string
	MaxFileSize string
	Workers     int
	Follow      bool
	Verbose     bool
	Quiet       bool
	Context     context.Context
}

const rootLong = `seedscope loads a folder of news seed documents (YAML front matter or plain
text) into an in-memory corpus and lets you list, filter, show, follow
related links, facet, export and validate them.

Commands take corpus paths (files or folders, read recursively) as
arguments; with none they read ./seeds. Symlinks met in folders are
reported and not followed unless -L/--follow is given; each real file and
folder is read once, whatever the paths that lead to it.

Output: a table on a terminal; elsewhere header-less tab-separated rows.
--format json|ndjson|csv gives stable machine-readable data on stdout;
warnings and errors go to stderr as "seedscope: path:line:col: message".
Colour only on a terminal, never with NO_COLOR set or --no-color.

Exit status:
  0    success
  1    failure (validate: errors found)
  2    usage error, or a corpus path that does not exist
  130  interrupted (Ctrl-C)`

// NewRootCmd builds the command tree.
func NewRootCmd(ios *iostreams.IOStreams, version string) *cobra.Command {
	g := &GlobalOptions{IO: ios, Context: context.Background()}
	root := &cobra.Command{
		Use:           "seedscope",
		Short:         "Explore, query, export and validate corpora of news seed documents",
		Long:          rootLong,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			if g.NoColor {
				ios.SetColorEnabled(false)
			}
			if c.Context() != nil {
				g.Context = c.Context()
			}
			if _, err := g.loadOptions(); err != nil {
				return err
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{err} })
	pf := root.PersistentFlags()
	pf.BoolVar(&g.NoColor, "no-color", false, "never colour the output (also: NO_COLOR=1)")
	pf.StringVar(&g.Parser, "parser", string(corpus.ParserAuto), "front matter parser: auto (fast path, yaml.v3 fallback) or yaml (always yaml.v3)")
	pf.StringVar(&g.MaxFileSize, "max-file-size", corpus.FormatSize(corpus.DefaultMaxFileSize), "skip files larger than this, with a warning (e.g. 512KiB, 64MiB; 0 = no limit)")
	pf.IntVar(&g.Workers, "workers", 0, fmt.Sprintf("files read and parsed at once, at most %d (0 = one per CPU)", corpus.MaxWorkers))
	pf.BoolVarP(&g.Follow, "follow", "L", false, "follow symlinks met in folders (each real file and folder is still read once); paths given as arguments are always followed")
	pf.BoolVarP(&g.Verbose, "verbose", "v", false, "print every load warning, not just the first few")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "print no load warnings, only errors that stop a command")

	root.AddCommand(
		NewCmdList(g, nil),
		NewCmdShow(g, nil),
		NewCmdRelated(g, nil),
		NewCmdExport(g, nil),
		NewCmdTopics(g, nil),
		NewCmdProviders(g, nil),
		NewCmdStats(g, nil),
		NewCmdValidate(g, nil),
	)
	registerCompletions(root)
	return root
}

// Execute runs seedscope with args and returns the exit status.
func Execute(ios *iostreams.IOStreams, version string, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer keepGCPercent()()
	root := NewRootCmd(ios, version)
	root.SetArgs(args)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	c, err := root.ExecuteContextC(ctx)
	return exitStatus(ios, c, err)
}

func exitStatus(ios *iostreams.IOStreams, c *cobra.Command, err error) int {
	var fe *FlagError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, syscall.EPIPE):
		return ExitOK // the reader went away (| head): not our failure
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(ios.ErrOut, "seedscope: interrupted")
		return ExitInterrupt
	case errors.Is(err, ErrSilent):
		return ExitFailure
	case errors.Is(err, corpus.ErrNoPath):
		fmt.Fprintf(ios.ErrOut, "seedscope: %s\n", termsafe.Clean(err.Error(), true)) // names come from files
		return ExitUsage
	case errors.As(err, &fe) || isCobraUsageError(err):
		fmt.Fprintf(ios.ErrOut, "seedscope: %s\n", termsafe.Clean(err.Error(), true)) // names come from files
		if c != nil {
			fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", c.CommandPath())
		}
		return ExitUsage
	}
	fmt.Fprintf(ios.ErrOut, "seedscope: %s\n", termsafe.Clean(err.Error(), true)) // names come from files
	return ExitFailure
}

// isCobraUsageError spots the argument errors cobra returns as plain
// errors (unknown command, wrong number of arguments).
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "unknown flag", "unknown shorthand"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
