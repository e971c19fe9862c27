package cmd

import (
	"errors"
	"fmt"
	"io"

	"github.com/seedscope/seedscope/pkg/termsafe"
)

// Everything seedscope says on stderr goes through the functions here, and
// nothing else in cmd/ or pkg/ writes to stderr (TestStderrOnePlace checks):
// errors and load diagnostics hold file names, ids and arguments, and a
// file named "x\n::error title=forged::all clean.md" must not print a line
// of its own (in a CI log, a GitHub Actions workflow command). Each
// message is one line starting "seedscope: ", its text made safe by
// termsafe.Line: no control character, no line break, invisible
// characters shown.

// messagePrefix starts every line seedscope writes on stderr.
const messagePrefix = "seedscope: "

// printMessage writes msg on stderr as one line.
func printMessage(w io.Writer, msg string) {
	io.WriteString(w, messagePrefix+termsafe.Line(msg)+"\n")
}

// printMessagef is printMessage with a format; the arguments are made
// safe with the rest.
func printMessagef(w io.Writer, format string, args ...any) {
	printMessage(w, fmt.Sprintf(format, args...))
}

// multiLineError is an error whose message has several lines (an
// ambiguous id and its candidates). Lines are raw; each is made safe and
// printed behind the prefix, as git prints "hint: " lines.
type multiLineError interface {
	error
	Lines() []string
}

// indentContinuation indents the lines after the first of a multi-line
// message.
const indentContinuation = "  "

// printError writes err on stderr, one line per line of a multiLineError
// (when nothing wraps it with more text), one line otherwise.
func printError(w io.Writer, err error) {
	var ml multiLineError
	if errors.As(err, &ml) && ml.Error() == err.Error() {
		for i, l := range ml.Lines() {
			if i > 0 {
				l = indentContinuation + l
			}
			printMessage(w, l)
		}
		return
	}
	printMessage(w, err.Error())
}

// printUsageHint points at a command's help after a usage error.
func printUsageHint(w io.Writer, commandPath string) {
	io.WriteString(w, "Run '"+termsafe.Line(commandPath)+" --help' for usage.\n")
}
