package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/validate"
)

// flagValues lists the values of the flags that are not enum flags, by
// name, for shell completion: the rule ids (checked by validate, which
// names the unknown rule).
func flagValues() map[string][]string {
	rules := validate.RuleIDs()
	return map[string][]string{
		"enable":  rules,
		"disable": rules,
	}
}

// registerCompletions offers, on every command, the values of each flag
// whose value knows them (enum.Completer: --format with the command's own
// formats, --sort, --kind, --parser) and the rule ids.
func registerCompletions(root *cobra.Command) {
	values := flagValues()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			vs, ok := values[f.Name]
			if e, isEnum := f.Value.(enum.Completer); isEnum {
				vs, ok = e.Completions(), true
			}
			if ok {
				_ = c.RegisterFlagCompletionFunc(f.Name, cobra.FixedCompletions(vs, cobra.ShellCompDirectiveNoFileComp))
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
