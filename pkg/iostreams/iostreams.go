// Package iostreams bundles the standard streams with what is known about
// the terminal behind them. Only System looks at the real process; commands
// take an *IOStreams, so tests hand them buffers (Test).
package iostreams

import (
	"bytes"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// DefaultWidth is assumed when the terminal width cannot be read.
const DefaultWidth = 80

// IOStreams are where a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdoutTTY bool
	color     bool
	width     int
}

// System returns the process's streams. Colour is on only when stdout is a
// terminal and NO_COLOR is unset or empty (https://no-color.org).
func System() *IOStreams {
	// With SIGPIPE caught, a write to a closed pipe returns EPIPE instead of
	// killing the process, so the command can stop quietly with status 0.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	// SEEDSCOPE_FORCE_TTY makes stdout count as a terminal, for screenshots
	// and tests; its value, if a number, is the width.
	force := os.Getenv("SEEDSCOPE_FORCE_TTY")
	outTTY := isTerminal(os.Stdout) || force != ""
	noColor := os.Getenv("NO_COLOR")
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		stdoutTTY: outTTY,
		color:     outTTY && noColor == "",
		width:     DefaultWidth,
	}
	if w, err := strconv.Atoi(force); err == nil && w > 0 {
		s.width = w
	} else if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
		s.width = w
	} else if w, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && w > 0 {
		s.width = w
	}
	return s
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Test returns streams backed by buffers: not a terminal, no colour, 80
// columns. Use the setters to pretend otherwise.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: &bytes.Buffer{}, Out: out, ErrOut: errOut, width: DefaultWidth}, out, errOut
}

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// ColorEnabled reports whether stdout output may be coloured.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// TerminalWidth is the number of columns to fit tables to.
func (s *IOStreams) TerminalWidth() int { return s.width }

// SetStdoutTTY pretends stdout is (or is not) a terminal.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetColorEnabled turns colour on or off (--no-color turns it off).
func (s *IOStreams) SetColorEnabled(v bool) { s.color = v }

// SetTerminalWidth sets the width tables are fitted to.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = w }
