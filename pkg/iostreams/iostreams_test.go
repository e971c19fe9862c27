package iostreams

import "testing"

func TestTestStreams(t *testing.T) {
	ios, out, errOut := Test()
	if ios.IsStdoutTTY() || ios.ColorEnabled() || ios.TerminalWidth() != DefaultWidth {
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
