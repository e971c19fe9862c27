// Command seedscope explores, queries, exports and validates corpora of
// news seed documents.
package main

import (
	"os"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/iostreams"
)

// Set by release builds: -ldflags "-X main.version=1.2.3 -X main.commit=...
// -X main.date=...". Builds without them (go install, go build) are
// described by what the Go toolchain records (see pkg/buildinfo).
var version, commit, date string

func main() {
	os.Exit(cmd.Execute(iostreams.System(), buildinfo.Resolve(version, commit, date), os.Args[1:]))
}
