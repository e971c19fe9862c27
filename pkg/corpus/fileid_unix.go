//go:build unix

package corpus

import (
	"io"
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

// openRead opens a file to read it, without blocking, and stats it. It
// works on the descriptor itself, not an *os.File: a load opens every
// file once, and an *os.File costs each a failed poller registration
// (one more system call), a cleanup and two allocations.
func openRead(p string, noFollow bool) (rawFile, *fileStat, error) {
	flags := syscall.O_RDONLY | syscall.O_NONBLOCK | syscall.O_CLOEXEC
	if noFollow {
		flags |= syscall.O_NOFOLLOW
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(p, flags, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return -1, nil, err
	}
	var st syscall.Stat_t
	if err := fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return -1, nil, err
	}
	return rawFile(fd), &fileStat{
		mode:  typeBits(uint32(st.Mode)),
		size:  st.Size,
		id:    fileID{uint64(st.Dev), uint64(st.Ino)},
		links: uint64(st.Nlink),
	}, nil
}

func fstat(fd int, st *syscall.Stat_t) error {
	for {
		if err := syscall.Fstat(fd, st); err != syscall.EINTR {
			return err
		}
	}
}

// typeBits is the file type of a stat mode as fs.FileMode has it.
func typeBits(m uint32) fs.FileMode {
	switch m & syscall.S_IFMT {
	case syscall.S_IFREG:
		return 0
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	}
	return fs.ModeIrregular
}

// rawFile is an open file descriptor.
type rawFile int

// Read reads into b, as an *os.File does: io.EOF at the end.
func (f rawFile) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(int(f), b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f rawFile) Close() error { return syscall.Close(int(f)) }
