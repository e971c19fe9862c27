//go:build unix

package corpus

import (
	"io/fs"
	"os"
	"syscall"
)

func idOf(fi fs.FileInfo) fileID {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(st.Dev), uint64(st.Ino)}
	}
	return fileID{}
}

// linksOf is the number of hard links to a file (1 when unknown).
func linksOf(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// oNoFollow makes open fail on a symlink.
const oNoFollow = syscall.O_NOFOLLOW

// openDir opens a folder for listing. It fails, rather than blocking, on
// anything that is not a folder (a FIFO swapped in since the listing), and
// without follow on a symlink.
func openDir(p string, follow bool) (*os.File, error) {
	flags := os.O_RDONLY | syscall.O_DIRECTORY | syscall.O_NONBLOCK
	if !follow {
		flags |= syscall.O_NOFOLLOW
	}
	return os.OpenFile(p, flags, 0)
}
