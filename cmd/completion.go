package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/validate"
)

// flagValues lists the fixed values of flags, by name, for shell completion
// (seedscope completion bash|zsh|fish|powershell).
func flagValues(c *cobra.Command) map[string][]string {
	formats := enum.Names(render.Formats)
	switch c.Name() {
	case "validate":
		formats = enum.Names(render.FindingsFormats)
	case "export":
		formats = enum.Names([]render.Format{render.JSON, render.NDJSON, render.CSV})
	}
	rules := validate.RuleIDs()
	return map[string][]string{
		"format":  formats,
		"sort":    enum.Names(query.SortKeys),
		"kind":    enum.Names(corpus.Kinds),
		"parser":  enum.Names(corpus.Parsers),
		"enable":  rules,
		"disable": rules,
	}
}

// registerCompletions offers the fixed values of every such flag, on every
// command that has it.
func registerCompletions(root *cobra.Command) {
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		values := flagValues(c)
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if vs, ok := values[f.Name]; ok {
				_ = c.RegisterFlagCompletionFunc(f.Name, cobra.FixedCompletions(vs, cobra.ShellCompDirectiveNoFileComp))
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
