// Command rawread reads every file under the given folders with two
// goroutines and prints the count and bytes: the physical floor that
// loading a corpus is measured against.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

func main() {
	paths := make(chan string, 256)
	var files, bytes atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for p := range paths {
				data, err := os.ReadFile(p)
				if err != nil {
					fmt.Fprintln(os.Stderr, "rawread:", err)
					os.Exit(1)
				}
				files.Add(1)
				bytes.Add(int64(len(data)))
			}
		})
	}
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
			if err == nil && de.Type().IsRegular() {
				paths <- p
			}
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "rawread:", err)
			os.Exit(1)
		}
	}
	close(paths)
	wg.Wait()
	fmt.Printf("%d files, %d bytes\n", files.Load(), bytes.Load())
}
