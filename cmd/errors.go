package cmd

import (
	"errors"
	"fmt"
)

// Exit statuses, documented in the root command's help and the README.
const (
	ExitOK         = 0   // success
	ExitFailure    = 1   // the command failed (or validate found errors)
	ExitUsage      = 2   // bad flags or arguments, a corpus path that does not exist, or nothing to validate
	ExitInterrupt  = 130 // stopped by Ctrl-C (128 + SIGINT)
	ExitTerminated = 143 // stopped by SIGTERM (128 + SIGTERM)
)

// FlagError is a usage error: the usage text is printed and the exit
// status is ExitUsage.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// flagErrorf returns a *FlagError with a formatted message.
func flagErrorf(format string, args ...any) error {
	return &FlagError{fmt.Errorf(format, args...)}
}

// errNothingChecked is validate finding no file to check under its paths:
// a usage error (exit 2), so that a CI job pointed at the wrong folder
// does not pass.
var errNothingChecked = errors.New("nothing was checked")

// ErrSilent fails a command that has already said why on stderr.
var ErrSilent = errors.New("silent failure")
