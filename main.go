// Command seedscope explores, queries, exports and validates corpora of
// news seed documents.
package main

import (
	"os"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/pkg/iostreams"
)

// version is set at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	os.Exit(cmd.Execute(iostreams.System(), version, os.Args[1:]))
}
