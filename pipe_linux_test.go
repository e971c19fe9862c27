package main

import (
	"os"
	"syscall"
	"unsafe"
)

// pipeFill returns the bytes queued in the pipe r reads from and its
// capacity.
func pipeFill(r *os.File) (queued, size int, err error) {
	const fGetPipeSz = 1032 // F_GETPIPE_SZ
	n, _, errno := syscall.Syscall(syscall.SYS_FCNTL, r.Fd(), fGetPipeSz, 0)
	if errno != 0 {
		return 0, 0, errno
	}
	var q int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, r.Fd(), syscall.TIOCINQ, uintptr(unsafe.Pointer(&q))); errno != 0 {
		return 0, 0, errno
	}
	return int(q), int(n), nil
}
