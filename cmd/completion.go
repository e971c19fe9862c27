package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/render"
	"github.com/seedscope/seedscope/pkg/validate"
)

// flagValues lists the fixed values of flags, by name, for shell completion
// (seedscope completion bash|zsh|fish|powershell).
func flagValues(c *cobra.Command) map[string][]string {
	formats := names(render.Formats)
	switch c.Name() {
	case "validate":
		formats = names(render.FindingsFormats)
	case "export":
		formats = names([]render.Format{render.JSON, render.NDJSON, render.CSV})
	}
	rules := validate.RuleIDs()
	return map[string][]string{
		"format":  formats,
		"sort":    names(query.SortKeys),
		"kind":    {string(corpus.KindFrontMatter), string(corpus.KindText)},
		"parser":  names(corpus.Parsers),
		"enable":  rules,
		"disable": rules,
	}
}

func names[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
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
