package corpus

import (
	"fmt"
	"strconv"
)

// Pos is a place in a file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File      string
	Line, Col int
}

// String prints the compiler-style "file:line:col", leaving out what is unknown.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// Severity ranks a diagnostic.
type Severity int

const (
	// Warning: the file loaded, but something in it was off.
	Warning Severity = iota
	// Error: the file could not be loaded as a document.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic reports a problem with one file. It is an error value, so
// errors.As finds it through wrapping.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (d *Diagnostic) Error() string { return d.Pos.String() + ": " + d.Msg }

func errorAt(p Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: p, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

func warningAt(p Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: p, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}
