package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/seedscope/seedscope/cmd"
	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/iostreams"
)

var update = flag.Bool("update", false, "rewrite the cmp targets inside testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"seedscope": func() { os.Exit(cmd.Execute(iostreams.System(), testBuild, os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end CLI tests in testdata/script: the real
// command line, exit codes, and what goes to stdout and stderr.
func TestScripts(t *testing.T) {
	seeds, err := filepath.Abs("seeds")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SEEDS", seeds) // the bundled corpus
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}

// testBuild is the build the tests run as: a fixed version, so that
// output does not depend on how the test binary was built.
var testBuild = buildinfo.Info{Version: "test", Go: "go1.26.0", Platform: "linux/amd64"}
