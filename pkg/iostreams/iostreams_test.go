package iostreams

import (
	"errors"
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
