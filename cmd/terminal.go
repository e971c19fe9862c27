package cmd

import (
	"errors"
	"sync/atomic"
	"syscall"

	"github.com/seedscope/seedscope/pkg/progress"
)

// What seedscope does for a person at a terminal, on top of the output:
// the pager (armed in the root command, started by the first byte of
// output), the progress line while a corpus loads, and the notes on
// stderr that say a result is empty or cut by --limit. None of it happens
// on a pipe, and --quiet turns off the progress line and the notes.

// The progress lines' labels.
const (
	readingLabel  = "reading…"
	checkingLabel = "checking…"
)

// progressCounter returns the counter a load adds each file to, after
// starting a progress line about it on stderr (when stderr is a terminal
// that allows one, not with --quiet, not for shell completion). The line goes with the first
// byte of output, or when the command ends.
func (g *GlobalOptions) progressCounter(label string) *atomic.Int64 {
	n := new(atomic.Int64)
	if !g.Quiet && !g.completing {
		g.IO.StartProgress(label, n)
	}
	return n
}

// notesShown reports whether the notes for a person are printed: stdout
// and stderr are terminals, and no --quiet.
func (g *GlobalOptions) notesShown() bool {
	return g.IO.IsStdoutTTY() && g.IO.IsStderrTTY() && !g.Quiet
}

// noteCount tells a person at the terminal, once the output is done (and
// read through the pager), that nothing was printed (empty: "no
// documents match") or that only shown of total values were ("15 of 4,003
// documents", with noun "documents"). It passes err through; after an
// error other than a pager quit early (EPIPE) it says nothing.
func (g *GlobalOptions) noteCount(err error, shown, total int, noun, empty string) error {
	if (err != nil && !errors.Is(err, syscall.EPIPE)) || !g.notesShown() {
		return err
	}
	var msg string
	switch {
	case shown == 0 && total == 0:
		msg = empty
	case shown < total:
		msg = progress.Group(int64(shown)) + " of " + progress.Group(int64(total)) + " " + noun
	default:
		return err
	}
	g.IO.StopPager()
	printMessage(g.IO.ErrOut, msg)
	return err
}

// noMatch is the empty-result note: "no documents match" when filters
// were given, "no documents" (in the corpus) otherwise.
func noMatch(filtered bool) string {
	if filtered {
		return "no documents match"
	}
	return "no documents"
}
