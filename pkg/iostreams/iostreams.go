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

// System returns the process's streams. Colour is decided by ColorAuto
// from the environment (--color always|never overrides it).
func System() *IOStreams {
	// With SIGPIPE caught, a write to a closed pipe returns EPIPE instead of
	// killing the process, so the command can stop quietly with status 0.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	// SEEDSCOPE_FORCE_TTY makes stdout count as a terminal, for screenshots
	// and tests; its value, if a number, is the width.
	force := os.Getenv("SEEDSCOPE_FORCE_TTY")
	outTTY := isTerminal(os.Stdout) || force != ""
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		stdoutTTY: outTTY,
		color:     ColorAuto(outTTY, os.Getenv),
	}
	s.width = width(outTTY, force, func() (int, error) {
		w, _, err := term.GetSize(int(os.Stdout.Fd()))
		return w, err
	}, os.Getenv("COLUMNS"))
	return s
}

// ColorAuto decides colour when --color is auto (the default): never
// with NO_COLOR set to anything but "" (https://no-color.org); always
// with CLICOLOR_FORCE set to anything but "" or "0", even on a pipe;
// never with CLICOLOR=0; otherwise only when stdout is a terminal.
func ColorAuto(tty bool, getenv func(string) string) bool {
	switch {
	case getenv("NO_COLOR") != "":
		return false
	case getenv("CLICOLOR_FORCE") != "" && getenv("CLICOLOR_FORCE") != "0":
		return true
	case getenv("CLICOLOR") == "0":
		return false
	}
	return tty
}

// width is the number of columns output is fitted to: a number given in
// SEEDSCOPE_FORCE_TTY, else the terminal's width, else COLUMNS. Output
// that does not go to a terminal is fitted only to an explicit COLUMNS: a
// table written to a pipe or a file keeps its full width (0: no limit). A
// terminal whose size cannot be read is DefaultWidth wide.
func width(tty bool, force string, size func() (int, error), columns string) int {
	if w, err := strconv.Atoi(force); err == nil && w > 0 {
		return w
	}
	if tty {
		if w, err := size(); err == nil && w > 0 {
			return w
		}
	}
	if w, err := strconv.Atoi(columns); err == nil && w > 0 {
		return w
	}
	if tty {
		return DefaultWidth
	}
	return 0
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Test returns streams backed by buffers: not a terminal, no colour, no
// width (as System for a pipe). Use the setters to pretend otherwise.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: &bytes.Buffer{}, Out: out, ErrOut: errOut}, out, errOut
}

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// ColorEnabled reports whether stdout output may be coloured.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// TerminalWidth is the number of columns to fit tables to; 0 when output
// is not fitted (not a terminal, and no COLUMNS).
func (s *IOStreams) TerminalWidth() int { return s.width }

// SetStdoutTTY pretends stdout is (or is not) a terminal.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetColorEnabled turns colour on or off (--no-color turns it off).
func (s *IOStreams) SetColorEnabled(v bool) { s.color = v }

// SetTerminalWidth sets the width tables are fitted to.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = w }
