// Package docgen writes the manual pages and the Markdown command
// reference from the command tree, so that the docs say what --help says.
//
//	go run ./internal/docgen        # rewrites docs/man and docs/cli
//
// TestDocsUpToDate fails when the committed pages differ from what the
// tree generates.
package docgen

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/iostreams"
)

// Date is the date the manual pages carry: fixed, so that generating them
// twice gives the same bytes. Move it when the pages change for a release.
var Date = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// The folders, under the docs folder, of each kind of page.
const (
	ManDir      = "man"
	MarkdownDir = "cli"
)

// Root is the command tree the pages describe, as a plain build on no
// terminal runs it.
func Root() *cobra.Command {
	ios, _, _ := iostreams.Test()
	root := cmd.NewRootCmd(ios, buildinfo.Info{Version: "dev"})
	root.DisableAutoGenTag = true // no "generated on <today>" line
	return root
}

// Generate writes the pages of root under dir (dir/man, dir/cli),
// replacing what those folders held.
func Generate(root *cobra.Command, dir string) error {
	man, md := filepath.Join(dir, ManDir), filepath.Join(dir, MarkdownDir)
	for _, d := range []string{man, md} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	header := &doc.GenManHeader{Title: "SEEDSCOPE", Section: "1", Date: &Date, Source: "seedscope", Manual: "seedscope manual"}
	if err := doc.GenManTree(root, header, man); err != nil {
		return fmt.Errorf("manual pages: %w", err)
	}
	if err := doc.GenMarkdownTree(root, md); err != nil {
		return fmt.Errorf("Markdown reference: %w", err)
	}
	return nil
}
