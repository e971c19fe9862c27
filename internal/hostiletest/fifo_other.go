//go:build !unix

package hostiletest

// mkfifo does nothing where there are no named pipes: the corpus has no
// FIFO case there.
func mkfifo(string) error { return nil }
