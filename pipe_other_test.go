//go:build unix && !linux

package main

import (
	"errors"
	"os"
)

func pipeFill(*os.File) (int, int, error) { return 0, 0, errors.ErrUnsupported }
