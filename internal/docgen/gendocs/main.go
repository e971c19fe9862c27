// Command gendocs rewrites the manual pages and the Markdown command
// reference under docs/ from the command tree.
//
//	go run ./internal/docgen/gendocs [-o docs]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/seedscope/seedscope/internal/docgen"
)

func main() {
	dir := flag.String("o", "docs", "the docs `folder`: pages go to its man/ and cli/ folders")
	flag.Parse()
	if err := docgen.Generate(docgen.Root(), *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
