package render

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/validate"
)

// junitDoc reads JUnit XML as CI servers do, attributes as text so that a
// missing one shows.
type junitDoc struct {
	XMLName xml.Name   `xml:"testsuites"`
	Attrs   []xml.Attr `xml:",any,attr"`
	Suites  []struct {
		Attrs []xml.Attr `xml:",any,attr"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut *string    `xml:"system-out"`
			Other     []xml.Name `xml:",any"`
		} `xml:"testcase"`
		Other []xml.Name `xml:",any"`
	} `xml:"testsuite"`
}

func attr(as []xml.Attr, name string) (string, bool) {
	for _, a := range as {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// TestFindingsJUnitPerFile: with the paths checked, every file is a test
// case (passing files too), once, in path order, and the document has the
// shape of the JUnit schema Jenkins and GitLab read: <testsuites> with
// <testsuite name tests failures errors skipped> holding <testcase name
// classname> with at most a <failure message type> and <system-out>.
func TestFindingsJUnitPerFile(t *testing.T) {
	rep := sampleReport()
	rep.Paths = []string{"seeds/z.md", "seeds/a.md", "seeds/dir, x/b c.txt", "seeds/clean.md", "seeds/a.md"}
	rep.Files = len(rep.Paths)
	for _, strict := range []bool{false, true} {
		out := write(t, JUnit, rep, FindingsOptions{Strict: strict})
		var doc junitDoc
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(doc.Suites) != 1 {
			t.Fatalf("%d suites", len(doc.Suites))
		}
		s := doc.Suites[0]
		var names []string
		failures := 0
		for _, c := range s.Cases {
			names = append(names, c.Name)
			if c.Classname == "" || len(c.Other) > 0 {
				t.Errorf("case %s: classname %q, unexpected elements %v", c.Name, c.Classname, c.Other)
			}
			if c.Failure != nil {
				failures++
				if c.Failure.Message == "" || c.Failure.Type == "" || c.Failure.Text == "" {
					t.Errorf("case %s: failure %+v", c.Name, c.Failure)
				}
			}
		}
		if want := "seeds/a.md|seeds/clean.md|seeds/dir, x/b c.txt|seeds/z.md"; strings.Join(names, "|") != want {
			t.Errorf("cases %v, want %s", names, want)
		}
		wantFailures := map[bool]int{false: 1, true: 2}[strict]
		for _, as := range [][]xml.Attr{doc.Attrs, s.Attrs} {
			if v, _ := attr(as, "tests"); v != "4" {
				t.Errorf("tests=%q, want 4", v)
			}
			if v, _ := attr(as, "failures"); v != fmt.Sprint(wantFailures) {
				t.Errorf("failures=%q, want %d", v, wantFailures)
			}
		}
		for _, name := range []string{"name", "errors", "skipped"} {
			if _, ok := attr(s.Attrs, name); !ok {
				t.Errorf("testsuite has no %s attribute", name)
			}
		}
		if failures != wantFailures || len(s.Other) > 0 {
			t.Errorf("strict=%v: %d failing cases, want %d; unexpected elements %v", strict, failures, wantFailures, s.Other)
		}
		if c := s.Cases[1]; c.Failure != nil || c.SystemOut != nil {
			t.Errorf("clean file's case has content: %+v", c)
		}
	}
}

// TestFindingsJUnitManyFiles: 100k files make 100k test cases.
func TestFindingsJUnitManyFiles(t *testing.T) {
	rep := &validate.Report{}
	for i := range 100_000 {
		rep.Paths = append(rep.Paths, fmt.Sprintf("seeds/%06d.md", i))
	}
	rep.Files = len(rep.Paths)
	rep.Findings = []validate.Finding{{Path: "seeds/000007.md", Line: 1, Col: 1, Severity: validate.Error, Rule: "load-error", Message: "x"}}
	out := write(t, JUnit, rep, FindingsOptions{})
	if n := strings.Count(out, "<testcase "); n != 100_000 {
		t.Errorf("%d test cases", n)
	}
	if !strings.Contains(out, `tests="100000" failures="1"`) {
		t.Errorf("totals missing: %.300s", out)
	}
}

func TestFindingsStats(t *testing.T) {
	rep := sampleReport()
	text := write(t, Text, rep, FindingsOptions{Stats: true})
	for _, want := range []string{
		"\nRULE               SEVERITY  FINDINGS  FILES\n",
		"amp-host-mismatch  warning          1      1\n",
		"broken-entity      warning          1      1\n",
		"duplicate-key      error            1      1\n\n1 error, 2 warnings in 2 files (3 files checked)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if plain := write(t, Text, rep, FindingsOptions{}); strings.Contains(plain, "RULE") {
		t.Errorf("table without --stats:\n%s", plain)
	}
	out := write(t, JSON, rep, FindingsOptions{Stats: true})
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Stats    struct {
			Files, FilesWithFindings, Errors, Warnings int
			Rules                                      []struct {
				Rule, Severity  string
				Findings, Files int
			}
		} `json:"stats"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(doc.Findings) != 3 || doc.Stats.Files != 3 || doc.Stats.FilesWithFindings != 2 || doc.Stats.Errors != 1 ||
		doc.Stats.Warnings != 2 || len(doc.Stats.Rules) != 3 || doc.Stats.Rules[2].Rule != "duplicate-key" {
		t.Errorf("json stats: %+v\n%s", doc, out)
	}
	// The findings inside are those of the plain array, indented once more.
	plain := write(t, JSON, rep, FindingsOptions{})
	if !strings.Contains(out, strings.ReplaceAll(strings.TrimSuffix(plain, "\n"), "\n", "\n  ")) {
		t.Errorf("findings differ from the plain array:\n%s\n%s", out, plain)
	}
	empty := write(t, JSON, &validate.Report{Files: 2}, FindingsOptions{Stats: true})
	if !strings.Contains(empty, `"findings": [],`) || !strings.Contains(empty, `"rules": []`) {
		t.Errorf("empty report:\n%s", empty)
	}
}
