// Command synthgen writes a synthetic seed corpus for benchmarks.
//
//	go run ./internal/synth/synthgen -n 100k -o .bench/corpus-100k
//
// The corpus is a pure function of -n and -seed.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"

	"github.com/seedscope/seedscope/internal/synth"
)

func main() {
	n := flag.String("n", "1k", "number of files: a count or one of 1k, 10k, 100k, 1M")
	out := flag.String("o", "", "output folder (created)")
	seed := flag.Uint64("seed", 1, "random seed")
	flat := flag.Bool("flat", false, "put every file in the output folder itself (default: folders of 10,000)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synthgen: -o is required")
		os.Exit(2)
	}
	count, ok := synth.Sizes[*n]
	if !ok {
		c, err := strconv.Atoi(*n)
		if err != nil || c < 0 {
			fmt.Fprintf(os.Stderr, "synthgen: -n %q: want a count or 1k, 10k, 100k, 1M\n", *n)
			os.Exit(2)
		}
		count = c
	}
	write := synth.Write
	if *flat {
		write = synth.WriteFlat
	}
	if err := write(*out, count, *seed, runtime.GOMAXPROCS(0)); err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
}
