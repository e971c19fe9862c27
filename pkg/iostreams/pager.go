package iostreams

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
)

// DefaultPager pages output on a terminal when neither SEEDSCOPE_PAGER
// nor PAGER is set, as git and gh do.
const DefaultPager = "less -FRX"

// PagerCommand is the pager to page a terminal's output with, "" for none:
// SEEDSCOPE_PAGER if set, else PAGER if set, else DefaultPager. A value
// that is empty (or blanks) or "cat" means no pager, as for GIT_PAGER and
// GH_PAGER. When stdout is not really a terminal (SEEDSCOPE_FORCE_TTY
// pretends it is) only SEEDSCOPE_PAGER is used: forced output is paged
// only when asked.
func PagerCommand(realTTY bool, lookup func(string) (string, bool)) string {
	cmd, ok := lookup("SEEDSCOPE_PAGER")
	if !ok {
		if !realTTY {
			return ""
		}
		if cmd, ok = lookup("PAGER"); !ok {
			cmd = DefaultPager
		}
	}
	cmd = strings.TrimSpace(cmd)
	if cmd == "cat" {
		return ""
	}
	return cmd
}

// SetPagerCommand sets the pager ("" for none).
func (s *IOStreams) SetPagerCommand(cmd string) { s.pagerCmd = cmd }

// OnPagerError sets what is told when the pager cannot start (output then
// goes to stdout directly).
func (s *IOStreams) OnPagerError(f func(error)) { s.onPagerError = f }

// PageOutput arms the pager: when stdout is a terminal and there is a
// pager, it starts just before the first byte of output, so that nothing
// is paged when nothing is printed, and what comes before (the progress
// line, load warnings) is done by then. --no-pager is not calling it.
func (s *IOStreams) PageOutput() { s.pagerArmed = true }

// pagerProcess is a running pager and the pipe to it.
type pagerProcess struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	once sync.Once
	done chan struct{}
	err  error
}

// shellMeta are the characters for which git hands a command to the
// shell; a command without them is a list of words, run directly.
const shellMeta = "|&;<>()$`\\\"'*?[#~=%"

// pagerExec is the command that runs a pager: `sh -c CMD` as git runs
// it; a command of plain words (less -FRX) is run directly, as the shell
// would, so that a program that is not there is an error to report
// rather than output lost to sh's "not found".
func pagerExec(command string) *exec.Cmd {
	if !strings.ContainsAny(command, shellMeta) {
		f := strings.Fields(command)
		return exec.Command(f[0], f[1:]...)
	}
	return exec.Command("sh", "-c", command)
}

// pagerEnv is the environment of the pager: the process's, with LESS=FRX
// and LV=-c when they are not set (as git sets them): quit when the
// output fits a screen, pass colours through, leave the screen as it is
// when done.
func pagerEnv(environ []string, lookup func(string) (string, bool)) []string {
	env := append([]string(nil), environ...)
	if _, ok := lookup("LESS"); !ok {
		env = append(env, "LESS=FRX")
	}
	if _, ok := lookup("LV"); !ok {
		env = append(env, "LV=-c")
	}
	return env
}

// startPager starts the pager if armed and stdout is a terminal, and
// returns the pipe to write to it; nil means stdout directly.
func (s *IOStreams) startPager() io.Writer {
	if !s.pagerArmed || !s.stdoutTTY || s.pagerCmd == "" {
		return nil
	}
	stdout := s.realStdout
	if stdout == nil {
		stdout = os.Stdout
	}
	c := pagerExec(s.pagerCmd)
	c.Env = pagerEnv(os.Environ(), os.LookupEnv)
	c.Stdout = stdout
	c.Stderr = os.Stderr
	in, err := c.StdinPipe()
	if err == nil {
		err = c.Start()
	}
	if err != nil {
		if s.onPagerError != nil {
			s.onPagerError(fmt.Errorf("cannot start the pager %q (SEEDSCOPE_PAGER, PAGER): %w", s.pagerCmd, err))
		}
		return nil
	}
	p := &pagerProcess{cmd: c, in: in, done: make(chan struct{})}
	s.mu.Lock()
	s.pager = p
	s.mu.Unlock()
	return in
}

// StopPager ends the output to the pager and waits for the pager to
// exit: the person reads to the end, or quits. It returns at once when no
// pager runs, and may be called more than once, from any goroutine.
func (s *IOStreams) StopPager() {
	s.mu.Lock()
	p := s.pager
	s.mu.Unlock()
	if p == nil {
		return
	}
	p.once.Do(func() {
		p.in.Close()
		p.err = p.cmd.Wait()
		close(p.done)
	})
	<-p.done
}
