//go:build !unix

package validate

import (
	"io/fs"
	"os"
)

// hardLinks is not known here: a file counts as having one name.
func hardLinks(fs.FileInfo) uint64 { return 1 }

// keepOwner has nothing to keep where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) error { return nil }
