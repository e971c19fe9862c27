//go:build !linux

package iostreams

import "os"

// growPipe does nothing off Linux, where a pipe's buffer cannot be set.
func growPipe(*os.File) {}
