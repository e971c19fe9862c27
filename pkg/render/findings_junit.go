package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/seedscope/seedscope/pkg/validate"
)

type (
	junitCase struct {
		XMLName   xml.Name      `xml:"testcase"`
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Failure   *junitFailure `xml:"failure,omitempty"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

const junitSuiteName = "seedscope validate"

// writeFindingsJUnit writes JUnit XML in the shape Jenkins, GitLab and
// most CI test reports read: <testsuites> holding one <testsuite>, one
// <testcase> per file. A file fails when it has errors (or, with Strict,
// any finding) and lists its findings in <failure>; a file with only
// warnings passes and lists them in <system-out>; a clean file passes.
//
// With rep.Paths (validate.Options.KeepPaths) every file checked has its
// test case; without, only the files with findings do, and the totals
// still count every file checked. The document is written a test case at
// a time: the memory it takes beyond the report is one file's findings.
func writeFindingsJUnit(w io.Writer, rep *validate.Report, o FindingsOptions) error {
	fs := rep.Findings
	paths := rep.Paths
	if paths != nil && !slices.IsSorted(paths) {
		paths = slices.Clone(paths)
		slices.Sort(paths)
	}
	// First pass: the totals the opening tags carry.
	tests, failures := rep.Files, 0
	if paths != nil {
		tests = 0
	}
	eachJUnitCase(fs, paths, func(p string, group []validate.Finding) {
		if paths != nil {
			tests++
		}
		if failing(group, o.Strict) {
			failures++
		}
	})
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	counts := func(name string, extra ...xml.Attr) xml.StartElement {
		return xml.StartElement{Name: xml.Name{Local: name}, Attr: append([]xml.Attr{
			{Name: xml.Name{Local: "name"}, Value: junitSuiteName},
			{Name: xml.Name{Local: "tests"}, Value: strconv.Itoa(tests)},
			{Name: xml.Name{Local: "failures"}, Value: strconv.Itoa(failures)},
		}, extra...)}
	}
	// <testsuite> also carries errors and skipped, which the Ant schema
	// requires of it (a finding is a failure: errors stays 0).
	suites := counts("testsuites")
	suite := counts("testsuite", xml.Attr{Name: xml.Name{Local: "errors"}, Value: "0"}, xml.Attr{Name: xml.Name{Local: "skipped"}, Value: "0"})
	if err := enc.EncodeToken(suites); err != nil {
		return err
	}
	if err := enc.EncodeToken(suite); err != nil {
		return err
	}
	var err error
	eachJUnitCase(fs, paths, func(p string, group []validate.Finding) {
		if err == nil {
			err = enc.Encode(junitCaseOf(p, group, o))
		}
	})
	if err != nil {
		return err
	}
	if err := enc.EncodeToken(suite.End()); err != nil {
		return err
	}
	if err := enc.EncodeToken(suites.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// eachJUnitCase calls fn with each file and its findings, in path order:
// the files of paths (each once) merged with those of the sorted
// findings, or, when paths is nil, the files with findings only.
func eachJUnitCase(fs []validate.Finding, paths []string, fn func(p string, group []validate.Finding)) {
	i, k := 0, 0
	for i < len(fs) || k < len(paths) {
		var p string
		switch {
		case i >= len(fs):
			p = paths[k]
		case k >= len(paths) || fs[i].Path <= paths[k]:
			p = fs[i].Path
		default:
			p = paths[k]
		}
		j := i
		for j < len(fs) && fs[j].Path == p {
			j++
		}
		for k < len(paths) && paths[k] == p {
			k++ // a path given twice is one test case
		}
		fn(p, fs[i:j])
		i = j
	}
}

func failing(group []validate.Finding, strict bool) bool {
	if len(group) == 0 {
		return false
	}
	return strict || validate.Count(group).Errors > 0
}

func junitCaseOf(p string, group []validate.Finding, o FindingsOptions) junitCase {
	tc := junitCase{Name: slashPath(p, o.BaseDir), Classname: "seedscope.validate"}
	if len(group) == 0 {
		return tc
	}
	c := validate.Count(group)
	var b strings.Builder
	for _, f := range group {
		fmt.Fprintf(&b, "%s\n", f)
	}
	if failing(group, o.Strict) {
		tc.Failure = &junitFailure{
			Message: fmt.Sprintf("%s, %s", plural(c.Errors, "error"), plural(c.Warnings, "warning")),
			Type:    group[0].Rule,
			Text:    b.String(),
		}
	} else {
		tc.SystemOut = b.String()
	}
	return tc
}
