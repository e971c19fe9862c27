package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/seedscope/seedscope"

// outputPackages draw on a terminal or write output formats: the engine
// (every other package of pkg/) imports none of them, nor what they use
// to do it.
var outputPackages = []string{
	module + "/pkg/render", module + "/pkg/iostreams", module + "/pkg/progress",
	"github.com/fatih/color", "github.com/olekukonko/tablewriter", "golang.org/x/term", "github.com/mattn/go-isatty",
}

// TestLayering enforces the layout the README states: main calls cmd; cmd
// is thin commands over pkg/; pkg/ never imports cmd, nor (outside its
// tests) the support code of internal/; the engine (corpus,
// query, validate and the rest) imports no output code; only pkg/render
// imports the table and colour libraries.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	type pkg struct {
		ImportPath    string
		Imports, Deps []string
	}
	var pkgs []pkg
	for dec := json.NewDecoder(strings.NewReader(string(out))); ; {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	isOutput := func(path string) bool {
		return slices.ContainsFunc(outputPackages, func(o string) bool { return path == o || strings.HasPrefix(path, o+"/") })
	}
	for _, p := range pkgs {
		rel := strings.TrimPrefix(p.ImportPath, module)
		if strings.HasPrefix(rel, "/pkg/") && slices.Contains(p.Deps, module+"/cmd") {
			t.Errorf("%s depends on cmd: pkg/ is the engine commands are built on", rel)
		}
		if rel != "" && rel != "/internal/docgen" && slices.Contains(p.Imports, module+"/cmd") {
			t.Errorf("%s imports cmd: only main (and the docs generator) may", rel)
		}
		for _, imp := range p.Imports {
			if (strings.HasPrefix(imp, "github.com/fatih/color") || strings.HasPrefix(imp, "github.com/olekukonko/tablewriter")) && rel != "/pkg/render" {
				t.Errorf("%s imports %s: tables and colour are pkg/render's", rel, imp)
			}
		}
		for _, imp := range p.Imports {
			if strings.HasPrefix(rel, "/pkg/") && strings.HasPrefix(imp, module+"/internal/") {
				t.Errorf("%s imports %s: internal/ is test and build support, not part of the engine", rel, imp)
			}
		}
		if !strings.HasPrefix(rel, "/pkg/") || isOutput(p.ImportPath) {
			continue
		}
		for _, dep := range p.Deps {
			if isOutput(dep) {
				t.Errorf("%s depends on %s: the engine knows nothing of terminals or output formats", rel, dep)
			}
		}
	}
}
