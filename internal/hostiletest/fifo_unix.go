//go:build unix

package hostiletest

import "syscall"

// mkfifo makes a named pipe: a file that blocks whoever reads it.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
