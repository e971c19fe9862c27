package validate

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/seedscope/seedscope/pkg/record"
)

// Finding is one problem at one place. Line and Col are 1-based; a
// finding about a whole file points at 1:1.
type Finding struct {
	Path     string
	Line     int
	Col      int
	Severity Severity
	Rule     string
	Message  string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.Path, f.Line, f.Col, f.Severity, f.Message, f.Rule)
}

// SortFindings orders findings by path, line, column and rule, then
// message, so output is the same whatever order checks ran in.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, compareFindings)
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// Counts tallies findings by severity.
type Counts struct {
	Errors, Warnings int
	// Files is the number of distinct files with at least one finding.
	Files int
}

// Count tallies sorted or unsorted findings.
func Count(fs []Finding) Counts {
	var c Counts
	files := map[string]bool{}
	for _, f := range fs {
		if f.Severity == Error {
			c.Errors++
		} else {
			c.Warnings++
		}
		files[f.Path] = true
	}
	c.Files = len(files)
	return c
}

// FindingFields describes a finding, in its JSON order.
var FindingFields = record.Table[Finding]{
	{Info: record.Info{Name: "path", Kind: record.String, Doc: "file the finding is about"}, Value: func(f Finding) any { return f.Path }},
	{Info: record.Info{Name: "line", Kind: record.Integer, Doc: "line, from 1"}, Value: func(f Finding) any { return f.Line }},
	{Info: record.Info{Name: "column", Kind: record.Integer, Doc: "column, from 1"}, Value: func(f Finding) any { return f.Col }},
	{Info: record.Info{Name: "severity", Kind: record.String, Doc: `"error" or "warning"`}, Value: func(f Finding) any { return f.Severity.String() }},
	{Info: record.Info{Name: "rule", Kind: record.String, Doc: "id of the rule that found it"}, Value: func(f Finding) any { return f.Rule }},
	{Info: record.Info{Name: "message", Kind: record.String, Doc: "what is wrong"}, Value: func(f Finding) any { return f.Message }},
}
