//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ownDescriptor recognises a path that names one of this process's own
// descriptors: /dev/fd/N, /proc/self/fd/N, /proc/thread-self/fd/N (and
// so /dev/stdout, a link to /proc/self/fd/1 on Linux). Writing to such a
// path is writing to the descriptor: replacing it with a file would break
// the link and give the redirect nothing.
func ownDescriptor(p string) (int, bool) {
	p = filepath.Clean(p)
	for _, dir := range []string{"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/" + strconv.Itoa(os.Getpid()) + "/fd/"} {
		if rest, ok := strings.CutPrefix(p, dir); ok {
			n, err := strconv.Atoi(rest)
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}

// fdStat describes descriptor fd.
func fdStat(fd int) (fs.FileInfo, error) {
	f, err := dupDescriptor(fd, "/dev/fd/"+strconv.Itoa(fd))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

// dupDescriptor returns a copy of descriptor fd: it shares the offset and
// flags (O_APPEND of a >> redirect) and can be closed without closing fd.
func dupDescriptor(fd int, name string) (*os.File, error) {
	syscall.ForkLock.RLock()
	nfd, err := syscall.Dup(fd)
	if err == nil {
		syscall.CloseOnExec(nfd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, &fs.PathError{Op: "write", Path: name, Err: err}
	}
	return os.NewFile(uintptr(nfd), name), nil
}

func syncUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
