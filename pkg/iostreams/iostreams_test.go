package iostreams

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTestStreams(t *testing.T) {
	ios, out, errOut := Test()
	if ios.IsStdoutTTY() || ios.ColorEnabled() || ios.TerminalWidth() != 0 {
		t.Errorf("Test streams: tty %v colour %v width %d", ios.IsStdoutTTY(), ios.ColorEnabled(), ios.TerminalWidth())
	}
	ios.Out.Write([]byte("data"))
	ios.ErrOut.Write([]byte("diag"))
	if out.String() != "data" || errOut.String() != "diag" {
		t.Errorf("out %q err %q", out, errOut)
	}
	ios.SetStdoutTTY(true)
	ios.SetColorEnabled(true)
	ios.SetTerminalWidth(120)
	if !ios.IsStdoutTTY() || !ios.ColorEnabled() || ios.TerminalWidth() != 120 {
		t.Error("setters did not take")
	}
}

func TestSystemNoColor(t *testing.T) {
	t.Setenv("SEEDSCOPE_FORCE_TTY", "90")
	t.Setenv("NO_COLOR", "1")
	ios := System()
	if !ios.IsStdoutTTY() || ios.ColorEnabled() || ios.TerminalWidth() != 90 {
		t.Errorf("forced tty with NO_COLOR: tty %v colour %v width %d", ios.IsStdoutTTY(), ios.ColorEnabled(), ios.TerminalWidth())
	}
	t.Setenv("NO_COLOR", "")
	if ios := System(); !ios.ColorEnabled() {
		t.Error("forced tty without NO_COLOR: no colour")
	}
}

func TestWidth(t *testing.T) {
	size := func(w int, err error) func() (int, error) { return func() (int, error) { return w, err } }
	noSize := size(0, errors.New("not a terminal"))
	tests := []struct {
		name    string
		tty     bool
		force   string
		size    func() (int, error)
		columns string
		want    int
	}{
		{"terminal", true, "", size(132, nil), "", 132},
		{"terminal, COLUMNS ignored", true, "", size(132, nil), "60", 132},
		{"terminal of unknown size", true, "", noSize, "", DefaultWidth},
		{"terminal of unknown size, COLUMNS", true, "", noSize, "60", 60},
		{"forced width", true, "100", noSize, "60", 100},
		{"forced, no width", true, "1", noSize, "", 1},
		{"forced without a number", true, "yes", noSize, "", DefaultWidth},
		{"pipe: no limit", false, "", noSize, "", 0},
		{"pipe with COLUMNS", false, "", noSize, "70", 70},
		{"pipe, bad COLUMNS", false, "", noSize, "wide", 0},
		{"pipe, zero COLUMNS", false, "", noSize, "0", 0},
	}
	for _, tt := range tests {
		if got := width(tt.tty, tt.force, tt.size, tt.columns); got != tt.want {
			t.Errorf("%s: width = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestColorAuto(t *testing.T) {
	tests := []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"NO_COLOR": ""}, true},
		{false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, false},
		{true, map[string]string{"CLICOLOR": "0"}, false},
		{false, map[string]string{"CLICOLOR": "1"}, false},
		{false, map[string]string{"CLICOLOR": "0", "CLICOLOR_FORCE": "1"}, true},
	}
	for _, tt := range tests {
		if got := ColorAuto(tt.tty, func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("tty=%v env=%v: %v, want %v", tt.tty, tt.env, got, tt.want)
		}
	}
}

func TestPagerCommand(t *testing.T) {
	tests := []struct {
		name    string
		realTTY bool
		env     map[string]string
		want    string
	}{
		{"default", true, nil, DefaultPager},
		{"PAGER", true, map[string]string{"PAGER": "more"}, "more"},
		{"SEEDSCOPE_PAGER first", true, map[string]string{"PAGER": "more", "SEEDSCOPE_PAGER": "less -S"}, "less -S"},
		{"empty SEEDSCOPE_PAGER: none", true, map[string]string{"PAGER": "more", "SEEDSCOPE_PAGER": ""}, ""},
		{"blank SEEDSCOPE_PAGER: none", true, map[string]string{"SEEDSCOPE_PAGER": "  "}, ""},
		{"empty PAGER: none", true, map[string]string{"PAGER": ""}, ""},
		{"cat: none", true, map[string]string{"PAGER": "cat"}, ""},
		{"SEEDSCOPE_PAGER=cat: none", true, map[string]string{"SEEDSCOPE_PAGER": " cat "}, ""},
		{"forced tty: no default", false, nil, ""},
		{"forced tty: no PAGER", false, map[string]string{"PAGER": "more"}, ""},
		{"forced tty: SEEDSCOPE_PAGER", false, map[string]string{"SEEDSCOPE_PAGER": "cat > out"}, "cat > out"},
	}
	for _, tt := range tests {
		lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		if got := PagerCommand(tt.realTTY, lookup); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPagerEnv(t *testing.T) {
	has := func(env []string, kv string) bool { return slices.Contains(env, kv) }
	env := pagerEnv([]string{"HOME=/h"}, func(string) (string, bool) { return "", false })
	if !has(env, "LESS=FRX") || !has(env, "LV=-c") || !has(env, "HOME=/h") {
		t.Errorf("unset LESS and LV: %q", env)
	}
	env = pagerEnv([]string{"LESS=S", "LV="}, func(k string) (string, bool) { return map[string]string{"LESS": "S", "LV": ""}[k], true })
	if !slices.Equal(env, []string{"LESS=S", "LV="}) {
		t.Errorf("set LESS and LV changed: %q", env)
	}
}

func TestPagerExec(t *testing.T) {
	tests := []struct{ cmd, want string }{
		{"less -FRX", "less -FRX"},
		{"  most  ", "most"},
		{"cat > out", "sh -c cat > out"},
		{"less $OPTS", "sh -c less $OPTS"},
		{"LESS=R less", "sh -c LESS=R less"},
	}
	for _, tt := range tests {
		c := pagerExec(tt.cmd)
		got := strings.TrimSpace(filepath.Base(c.Args[0]) + " " + strings.Join(c.Args[1:], " "))
		if got != tt.want {
			t.Errorf("%q runs %q, want %q", tt.cmd, got, tt.want)
		}
	}
}

func TestProgressAllowed(t *testing.T) {
	tests := []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"CI": "true"}, false},
		{true, map[string]string{"CI": "1"}, false},
		{true, map[string]string{"CI": ""}, true},
		{true, map[string]string{"TERM": "dumb"}, false},
		{true, map[string]string{"TERM": "xterm-256color"}, true},
	}
	for _, tt := range tests {
		if got := ProgressAllowed(tt.tty, func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("tty %v env %v: %v, want %v", tt.tty, tt.env, got, tt.want)
		}
	}
}
