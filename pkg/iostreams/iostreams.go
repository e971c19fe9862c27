// Package iostreams bundles the standard streams with what is known about
// the terminal behind them, and the two things seedscope does to a
// terminal: page long output (pager.go) and draw a progress line on stderr
// (StartProgress). Only System looks at the real process; commands take an
// *IOStreams, so tests hand them buffers (Test).
package iostreams

import (
	"bytes"
	"io"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"

	"github.com/seedscope/seedscope/pkg/progress"
)

// DefaultWidth is assumed when the terminal width cannot be read.
const DefaultWidth = 80

// IOStreams are where a command reads and writes.
//
// Out starts the pager (when PageOutput armed it) and erases the progress
// line before its first byte; ErrOut erases the progress line before each
// message. Both are otherwise the streams they wrap.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdoutTTY bool
	stderrTTY bool
	// progressOK: stderr is a terminal a progress line may be drawn on
	// (not a CI log, not TERM=dumb).
	progressOK    bool
	progressDelay time.Duration
	color         bool
	width         int

	out    *stdout
	errOut *stderr
	// realStdout is where a pager writes: the process's stdout.
	realStdout *os.File

	mu       sync.Mutex
	progress *progress.Line
	stopTick chan struct{}

	pagerCmd   string
	pagerArmed bool
	pager      *pagerProcess
	// onPagerError is told when the pager cannot start.
	onPagerError func(error)
}

// wrap puts the stream wrappers around out and errOut.
func (s *IOStreams) wrap(out, errOut io.Writer) {
	s.out = &stdout{s: s, w: out}
	s.errOut = &stderr{s: s, w: errOut}
	s.Out, s.ErrOut = s.out, s.errOut
	s.progressDelay = progress.Delay
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
	realTTY := isTerminal(os.Stdout)
	outTTY := realTTY || force != ""
	if !realTTY {
		growPipe(os.Stdout)
	}
	// SEEDSCOPE_FORCE_STDERR_TTY makes stderr count as a terminal: the
	// progress line and the notes for a person (tests, screenshots).
	errTTY := isTerminal(os.Stderr) || os.Getenv("SEEDSCOPE_FORCE_STDERR_TTY") != ""
	s := &IOStreams{
		In:         os.Stdin,
		stdoutTTY:  outTTY,
		stderrTTY:  errTTY,
		progressOK: ProgressAllowed(errTTY, os.Getenv),
		color:      ColorAuto(outTTY, os.Getenv),
		pagerCmd:   PagerCommand(realTTY, os.LookupEnv),
		realStdout: os.Stdout,
	}
	s.wrap(os.Stdout, os.Stderr)
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
	s := &IOStreams{In: &bytes.Buffer{}}
	s.wrap(out, errOut)
	return s, out, errOut
}

// ProgressAllowed decides whether a progress line may be drawn on stderr:
// only on a terminal, never in a CI log (CI set to anything but "", as
// GitHub Actions, GitLab CI and most others set it) nor on a terminal
// that cannot erase a line (TERM=dumb).
func ProgressAllowed(stderrTTY bool, getenv func(string) string) bool {
	return stderrTTY && getenv("CI") == "" && getenv("TERM") != "dumb"
}

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStderrTTY pretends stderr is (or is not) a terminal, one a progress
// line may be drawn on.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY, s.progressOK = v, v }

// SetProgressDelay changes how long a command runs before its progress
// line appears (progress.Delay); tests set 0.
func (s *IOStreams) SetProgressDelay(d time.Duration) { s.progressDelay = d }

// StartProgress draws a progress line about n on stderr, from
// progress.Delay on, until StopProgress or the first byte of stdout. It
// does nothing unless stderr is a terminal that allows it
// (ProgressAllowed); the caller decides the rest (--quiet).
func (s *IOStreams) StartProgress(label string, n *atomic.Int64) {
	if !s.progressOK {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.progress != nil || s.out.started.Load() {
		return
	}
	l := progress.New(s.errOut.w, label, n, time.Now)
	l.SetDelay(s.progressDelay)
	s.progress, s.stopTick = l, make(chan struct{})
	if s.progressDelay == 0 {
		l.Tick() // at once, not when the ticker goroutine runs (tests)
	}
	go l.Run(s.stopTick)
}

// StopProgress erases the progress line, for good.
func (s *IOStreams) StopProgress() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopTick == nil {
		return
	}
	close(s.stopTick)
	s.stopTick = nil
	s.progress.Stop()
}

// line is the progress line, nil if none.
func (s *IOStreams) line() *progress.Line {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

// stdout is IOStreams.Out: before its first byte the progress line goes
// and the pager comes.
type stdout struct {
	s       *IOStreams
	w       io.Writer
	started atomic.Bool
	once    sync.Once
	dst     io.Writer
}

func (o *stdout) Write(p []byte) (int, error) {
	o.once.Do(func() {
		o.started.Store(true)
		o.s.StopProgress()
		o.dst = o.w
		if pw := o.s.startPager(); pw != nil {
			o.dst = pw
		}
	})
	return o.dst.Write(p)
}

// stderr is IOStreams.ErrOut: each message erases the progress line
// first (it is drawn again below the message).
type stderr struct {
	s *IOStreams
	w io.Writer
}

func (e *stderr) Write(p []byte) (int, error) {
	if l := e.s.line(); l != nil {
		return l.Write(p)
	}
	return e.w.Write(p)
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
