package iostreams

import (
	"os"

	"golang.org/x/sys/unix"
)

// pipeSize is the pipe buffer asked for: the most an unprivileged process
// may set by default (/proc/sys/fs/pipe-max-size).
const pipeSize = 1 << 20

// growPipe enlarges the buffer of the pipe f is, if it is one. With the
// default 64 KiB a writer of hundreds of MB (export | jq) waits for the
// reader every 64 KiB, and each wait is two context switches: the larger
// buffer lets both sides run in longer stretches. The kernel gives pages
// to the buffer only as data fills it. A failure (another kernel's limit,
// the user's quota of pipe memory) leaves the pipe as it was.
func growPipe(f *os.File) {
	var st unix.Stat_t
	if unix.Fstat(int(f.Fd()), &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFIFO {
		return
	}
	if n, err := unix.FcntlInt(f.Fd(), unix.F_GETPIPE_SZ, 0); err == nil && n < pipeSize {
		_, _ = unix.FcntlInt(f.Fd(), unix.F_SETPIPE_SZ, pipeSize)
	}
}
