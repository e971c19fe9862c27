package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/seedscope/seedscope/pkg/validate"
)

type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
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

// writeFindingsJUnit writes one test case per file with findings: it
// fails when the file has errors (or, with Strict, any finding); a file
// with only warnings passes and lists them in system-out. Files without
// findings are counted in the totals but not listed.
func writeFindingsJUnit(w io.Writer, rep *validate.Report, o FindingsOptions) error {
	suite := junitSuite{Name: "seedscope validate", Tests: rep.Files}
	fs := rep.Findings
	for i := 0; i < len(fs); {
		j := i
		for j < len(fs) && fs[j].Path == fs[i].Path {
			j++
		}
		group := fs[i:j]
		c := validate.Count(group)
		var b strings.Builder
		for _, f := range group {
			fmt.Fprintf(&b, "%s\n", f)
		}
		tc := junitCase{Name: slashPath(group[0].Path, o.BaseDir), Classname: "seedscope.validate"}
		if c.Errors > 0 || o.Strict {
			tc.Failure = &junitFailure{
				Message: fmt.Sprintf("%s, %s", plural(c.Errors, "error"), plural(c.Warnings, "warning")),
				Type:    group[0].Rule,
				Text:    b.String(),
			}
			suite.Failures++
		} else {
			tc.SystemOut = b.String()
		}
		suite.Cases = append(suite.Cases, tc)
		i = j
	}
	doc := junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
