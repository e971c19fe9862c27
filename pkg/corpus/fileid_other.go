//go:build !unix

package corpus

import (
	"io/fs"
	"os"
)

// idOf has no device and inode to give off Unix; folder symlink loops are
// then stopped by the system's path length limit instead, and files are
// not told apart from their links.
func idOf(fs.FileInfo) fileID { return fileID{} }

func linksOf(fs.FileInfo) uint64 { return 1 }

const oNoFollow = 0

func openDir(p string, _ bool) (*os.File, error) { return os.Open(p) }

// openRead opens a file to read it, and stats it.
func openRead(p string, _ bool) (*os.File, *fileStat, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, &fileStat{mode: fi.Mode().Type(), size: fi.Size(), links: 1}, nil
}
