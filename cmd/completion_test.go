package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
)

func TestFlagCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "list", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "export", "-f", ""}, "json\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "validate", "--format", ""}, "text\njson\ngithub\nsarif\njunit\n:4\n"},
		{[]string{"__complete", "list", "--sort", ""}, "path\npublished\ntitle\nprovider\nquality\nheat\n:4\n"},
		{[]string{"__complete", "topics", "--parser", ""}, "auto\nyaml\n:4\n"},
		{[]string{"__complete", "show", "--format", ""}, "text\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "stats", "-f", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "related", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "providers", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "export", "--kind", ""}, "frontmatter\ntext\n:4\n"},
		{[]string{"__complete", "export", "--sort", ""}, "path\npublished\ntitle\nprovider\nquality\nheat\n:4\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			r := execute(t, false, tt.args...)
			if r.stdout != tt.want {
				t.Errorf("got %q, want %q", r.stdout, tt.want)
			}
		})
	}
}

// TestFormatFlagsDeclared checks every --format of the tree is the one
// flag type, its help generated from the command's formats.
func TestFormatFlagsDeclared(t *testing.T) {
	ios, _, _ := iostreams.Test()
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if f := c.Flags().Lookup("format"); f != nil {
			n++
			ff, ok := f.Value.(*render.FormatFlag)
			if !ok {
				t.Errorf("%s --format is a %T", c.Name(), f.Value)
			} else if f.Usage != ff.Usage() || !strings.Contains(f.Usage, "{"+ff.Formats().Names()+"}") {
				t.Errorf("%s --format help %q", c.Name(), f.Usage)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCmd(ios, "test"))
	if n != 9 {
		t.Errorf("%d commands take --format, want 9", n)
	}
}

// TestREADMEFormats keeps the README's table of formats in step with the
// registry: every format and alias is documented.
func TestREADMEFormats(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range render.Registry() {
		for _, name := range append([]string{string(f.Name)}, f.Aliases...) {
			if !strings.Contains(string(b), "`"+name+"`") {
				t.Errorf("README does not document format %q", name)
			}
		}
	}
}
