package cmd

import (
	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/render"
)

// versionFormats: a line for people, one JSON object for scripts.
var versionFormats = render.NewFormatSet(render.View, render.Text, render.Text, render.Text, render.JSON, render.NDJSON)

// NewCmdVersion builds "seedscope version".
func NewCmdVersion(g *GlobalOptions, build buildinfo.Info) *cobra.Command {
	var output outputFlags
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Long: `Print the version of seedscope, the commit it was built from and when, and
the Go release and platform it was built for.

A release build says its version, commit and the commit's date; "go install
github.com/seedscope/seedscope@v1.2.3" gives the module version and, when
built in a git checkout, the commit and its time.`,
		Example: "  seedscope version\n  seedscope version --format json | jq -r .commit",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			f := output.Format.Resolve(g.IO.IsStdoutTTY())
			return render.WriteVersion(g.IO.Out, f, build, render.Options{})
		},
	}
	output.register(cmd.Flags(), versionFormats)
	return cmd
}
