//go:build !unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
)

func ownDescriptor(string) (int, bool) { return 0, false }

func fdStat(int) (fs.FileInfo, error) { return nil, errors.ErrUnsupported }

func dupDescriptor(int, string) (*os.File, error) { return nil, errors.ErrUnsupported }

// syncUnsupported: folders cannot be synced everywhere (Windows).
func syncUnsupported(error) bool { return true }
