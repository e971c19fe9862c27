// Package cmd holds seedscope's cobra commands: each turns flags into
// options and calls the engine in pkg/. No parsing or formatting lives here.
package cmd

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
)

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	IO          *iostreams.IOStreams
	NoColor     bool
	Color       string
	Parser      string
	MaxFileSize string
	Workers     int
	Follow      bool
	Verbose     bool
	Quiet       bool
	NoPager     bool
	Context     context.Context
	// output, when set, is a file the command writes: loading it is an
	// error.
	output *outputGuard
	// completing: the command answers the shell's completion request.
	completing bool
}

const rootLong = `seedscope loads a folder of news seed documents (YAML front matter or plain
text) into an in-memory corpus and lets you list, filter, show, follow
related links, facet, export and validate them.

Commands take corpus paths (files or folders, read recursively) as
arguments; with none they read the folder named by "corpus:" in the
.seedscope.yaml found upward from the working directory, else ./seeds if
it is a folder, else the working directory. A corpus's root is the nearest
folder upward from a path holding .seedscope.yaml (the search stops at a
repository's top, the folder holding .git), else the path itself; document
ids are relative to it, so a sub-folder gives the ids of the whole corpus.
Symlinks met in folders are reported and not followed unless -L/--follow
is given; each real file and folder is read once, whatever the paths that
lead to it.

Output: a table on a terminal; elsewhere header-less tab-separated rows.
--format json|ndjson|csv gives stable machine-readable data on stdout;
warnings and errors go to stderr as "seedscope: path:line:col: message".
Colour (--color auto, the default) on a terminal, or with CLICOLOR_FORCE=1
even on a pipe; never with NO_COLOR set or CLICOLOR=0. --color
always|never decides (--no-color is --color never).

On a terminal, output goes through $SEEDSCOPE_PAGER, $PAGER or less -FRX
(--no-pager, or an empty pager or cat, turns it off), a load longer than a
second shows a progress line on stderr (not with --quiet, nor with CI
set), and an empty or --limit-cut result says so on stderr.

Exit status:
  0    success
  1    failure (validate: errors found)
  2    usage error, a corpus path that does not exist, or (validate) no
       seed file under the paths
  130  interrupted (Ctrl-C, SIGINT); export -o leaves the old file untouched
  143  terminated (SIGTERM), likewise`

// NewRootCmd builds the command tree.
func NewRootCmd(ios *iostreams.IOStreams, build buildinfo.Info) *cobra.Command {
	g := &GlobalOptions{IO: ios, Context: context.Background()}
	root := &cobra.Command{
		Use:           "seedscope",
		Short:         "Explore, query, export and validate corpora of news seed documents",
		Long:          rootLong,
		Version:       build.Version,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			if err := g.applyColor(c); err != nil {
				return err
			}
			if err := checkLimit(c); err != nil {
				return err
			}
			if c.Context() != nil {
				g.Context = c.Context()
			}
			if _, err := g.loadOptions(); err != nil {
				return err
			}
			if pagedCommands[c.Name()] && c.Parent() == c.Root() && !g.NoPager {
				g.IO.PageOutput()
			}
			// Shell completion (<TAB>) draws nothing on the terminal.
			g.completing = strings.HasPrefix(c.Name(), cobra.ShellCompRequestCmd)
			return nil
		},
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if e := jsonFieldsError(c, err); e != nil {
			return e
		}
		return &FlagError{err}
	})
	pf := root.PersistentFlags()
	g.Color = colorAuto
	pf.Var(enum.NewValue(&g.Color, "--color", []string{colorAuto, colorAlways, colorNever}), "color", "colour the output: `when` auto (on a terminal; NO_COLOR and CLICOLOR_FORCE are honoured), always or never")
	pf.BoolVar(&g.NoColor, "no-color", false, "never colour the output: --color never (also: NO_COLOR=1)")
	g.Parser = string(corpus.ParserAuto)
	pf.Var(enum.NewValue(&g.Parser, "--parser", enum.Names(corpus.Parsers)), "parser", "front matter parser: auto (fast path, yaml.v3 fallback) or yaml (always yaml.v3)")
	pf.StringVar(&g.MaxFileSize, "max-file-size", corpus.FormatSize(corpus.DefaultMaxFileSize), "skip files larger than this, with a warning (e.g. 512KiB, 64MiB; 0 = no limit)")
	pf.IntVar(&g.Workers, "workers", 0, "files read and parsed at once, at most "+strconv.Itoa(corpus.MaxWorkers)+" (0 = one per CPU)")
	pf.BoolVarP(&g.Follow, "follow", "L", false, "follow symlinks met in folders (each real file and folder is still read once); paths given as arguments are always followed")
	pf.BoolVarP(&g.Verbose, "verbose", "v", false, "print every load warning, not just the first few")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "print no load warnings, no progress line and no notes (errors, and the count of files skipped, are still printed)")
	pf.BoolVar(&g.NoPager, "no-pager", false, "do not page the output on a terminal (also: SEEDSCOPE_PAGER= or PAGER=cat)")

	root.AddCommand(
		NewCmdList(g, nil),
		NewCmdShow(g, nil),
		NewCmdRelated(g, nil),
		NewCmdExport(g, nil),
		NewCmdTopics(g, nil),
		NewCmdProviders(g, nil),
		NewCmdStats(g, nil),
		NewCmdSearch(g, nil),
		NewCmdDupes(g, nil),
		NewCmdConcordance(g, nil),
		NewCmdTerms(g, nil),
		NewCmdValidate(g, nil),
		NewCmdSchema(g, nil),
	)
	root.AddCommand(NewCmdVersion(g, build))
	// --version prints what "seedscope version" prints.
	root.SetVersionTemplate(render.VersionText(build))
	registerCompletions(root, g)
	return root
}

// pagedCommands are the commands whose output a terminal pages (through
// $SEEDSCOPE_PAGER, $PAGER or less -FRX): every command that prints data.
// Help and completion scripts are not paged. A command that prints
// nothing on stdout (export -o, an empty result) starts no pager: it
// starts with the first byte.
var pagedCommands = map[string]bool{
	"list": true, "show": true, "related": true, "export": true, "topics": true,
	"providers": true, "stats": true, "validate": true, "schema": true,
	"search": true, "concordance": true, "terms": true, "dupes": true,
}

// The values of --color.
const (
	colorAuto   = "auto"
	colorAlways = "always"
	colorNever  = "never"
)

// applyColor applies --color and --no-color over what the environment
// decided (iostreams.ColorAuto).
func (g *GlobalOptions) applyColor(c *cobra.Command) error {
	if g.NoColor {
		if f := c.Flags().Lookup("color"); f != nil && f.Changed && g.Color != colorNever {
			return flagErrorf("--no-color contradicts --color %s", g.Color)
		}
		g.Color = colorNever
	}
	switch g.Color {
	case colorAlways:
		g.IO.SetColorEnabled(true)
	case colorNever:
		g.IO.SetColorEnabled(false)
	}
	return nil
}

// Execute runs seedscope with args and returns the exit status.
func Execute(ios *iostreams.IOStreams, build buildinfo.Info, args []string) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	interrupted := sync.OnceFunc(func() { printMessage(ios.ErrOut, "interrupted") })
	stopSignals := handleSignals(ios, cancel, interrupted)
	defer stopSignals()
	defer keepGCPercent()()
	defer paceStreaming()() // before the percent is put back
	ios.OnPagerError(func(err error) { printMessagef(ios.ErrOut, "%v; output not paged", err) })
	root := NewRootCmd(ios, build)
	root.SetArgs(args)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	c, err := root.ExecuteContextC(ctx)
	// The pager has the rest of the output: wait until the person has
	// read it (or quit), so the shell does not take the terminal back
	// from under it. A pager quit early makes the output's writes fail
	// with EPIPE, a success (exitStatus).
	ios.StopPager()
	ios.StopProgress()
	if sig, ok := context.Cause(ctx).(interruption); ok {
		// A signal came before the command returned: whatever it did
		// since (stopped on the cancelled context, or finished), the
		// status says it was interrupted. export -o checks the context
		// before its rename, so the old file is untouched.
		interrupted()
		return sig.status()
	}
	return exitStatus(ios, c, err)
}

// interruption is the cause of a context cancelled by a signal.
type interruption struct{ sig os.Signal }

func (i interruption) Error() string { return "interrupted by " + i.sig.String() }

// status is 128 + the signal's number, as a shell reports a process the
// signal killed: 130 for SIGINT (Ctrl-C), 143 for SIGTERM.
func (i interruption) status() int {
	if i.sig == syscall.SIGTERM {
		return ExitTerminated
	}
	return ExitInterrupt
}

// interruptGrace is how long a command has to return after SIGINT or
// SIGTERM cancelled its context. A command blocked in a system call that
// no context reaches (opening a FIFO nobody writes, writing to a pipe
// nobody reads) is then ended by the process, after its temporary files
// are removed.
const interruptGrace = time.Second

// exit ends the process; a variable for tests.
var exit = os.Exit

// handleSignals cancels ctx (through cancel) on the first SIGINT or
// SIGTERM and ends the process if the command has not returned within
// interruptGrace, or at once on a second signal. It returns the function
// that stops it, to call when the command has returned.
//
// A pager, if one runs, got the signal too and handles it (less ignores
// Ctrl-C, quits on q): the process waits for it to exit before it ends,
// so that the shell does not take the terminal back while the pager still
// reads from it.
func handleSignals(ios *iostreams.IOStreams, cancel context.CancelCauseFunc, interrupted func()) (stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-done:
			return
		}
		in := interruption{sig}
		atomicfile.Interrupt(func() { cancel(in) })
		timer := time.NewTimer(interruptGrace)
		defer timer.Stop()
		select {
		case <-done:
			return
		case <-sigs:
		case <-timer.C:
		}
		atomicfile.RemoveTemps()
		ios.StopPager()
		ios.StopProgress()
		// stderr may be a pipe nobody reads: the message must not keep
		// the process alive.
		printed := make(chan struct{})
		go func() {
			interrupted()
			close(printed)
		}()
		select {
		case <-printed:
		case <-time.After(100 * time.Millisecond):
		}
		exit(in.status())
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

func exitStatus(ios *iostreams.IOStreams, c *cobra.Command, err error) int {
	var fe *FlagError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, syscall.EPIPE):
		return ExitOK // the reader went away (| head): not our failure
	case errors.Is(err, context.Canceled):
		printMessage(ios.ErrOut, "interrupted")
		return ExitInterrupt
	case errors.Is(err, ErrSilent):
		return ExitFailure
	case errors.Is(err, corpus.ErrNoPath), errors.Is(err, errNothingChecked):
		printError(ios.ErrOut, err)
		return ExitUsage
	case errors.As(err, &fe) || isCobraUsageError(err):
		printError(ios.ErrOut, err)
		if c != nil {
			printUsageHint(ios.ErrOut, c.CommandPath())
		}
		return ExitUsage
	}
	printError(ios.ErrOut, err)
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

// checkLimit refuses a negative --limit, for every command that has one.
func checkLimit(c *cobra.Command) error {
	if f := c.Flags().Lookup("limit"); f != nil && strings.HasPrefix(f.Value.String(), "-") {
		return flagErrorf("--limit must be 0 or more")
	}
	return nil
}
