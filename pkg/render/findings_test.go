package render

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedscope/seedscope/pkg/validate"
)

// sampleReport has an error and a warning in one file, a message with the
// characters workflow commands must escape, and a path with a space.
func sampleReport() *validate.Report {
	return &validate.Report{
		Files: 3,
		Findings: []validate.Finding{
			{Path: "seeds/a.md", Line: 3, Col: 7, Severity: validate.Error, Rule: "duplicate-key", Message: `duplicate key "title" (first on line 2); the first value is used`},
			{Path: "seeds/a.md", Line: 9, Col: 12, Severity: validate.Warning, Rule: "amp-host-mismatch", Message: "AMP URL host \"b.com\" differs: 100%, really\r\nsecond line"},
			{Path: "seeds/dir, x/b c.txt", Line: 1, Col: 1, Severity: validate.Warning, Rule: "broken-entity", Message: `broken HTML entity "& # 39;" (should be "&#39;")`},
		},
	}
}

func write(t *testing.T, f Format, rep *validate.Report, o FindingsOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteFindings(&b, f, rep, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFindingsText(t *testing.T) {
	tests := []struct {
		name string
		rep  *validate.Report
		o    FindingsOptions
		want string
	}{
		{"findings", sampleReport(), FindingsOptions{}, `seeds/a.md:3:7: error: duplicate key "title" (first on line 2); the first value is used [duplicate-key]
seeds/a.md:9:12: warning: AMP URL host "b.com" differs: 100%, really  second line [amp-host-mismatch]
seeds/dir, x/b c.txt:1:1: warning: broken HTML entity "& # 39;" (should be "&#39;") [broken-entity]
1 error, 2 warnings in 2 files (3 files checked)
`},
		{"clean-pipe", &validate.Report{Files: 5}, FindingsOptions{}, ""},
		{"clean-tty", &validate.Report{Files: 1}, FindingsOptions{TTY: true}, "no problems in 1 file\n"},
		{"color", &validate.Report{Files: 1, Findings: sampleReport().Findings[:1]}, FindingsOptions{Color: true},
			"\x1b[1mseeds/a.md:3:7:\x1b[22m \x1b[31;1merror:\x1b[0;22m duplicate key \"title\" (first on line 2); the first value is used \x1b[2m[duplicate-key]\x1b[22m\n" +
				"1 error, 0 warnings in 1 file (1 file checked)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := write(t, Text, tt.rep, tt.o); got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestFindingsJSON(t *testing.T) {
	got := write(t, JSON, sampleReport(), FindingsOptions{})
	var back []map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 3 {
		t.Fatalf("got %d findings, want 3", len(back))
	}
	want := map[string]any{"path": "seeds/a.md", "line": 3.0, "column": 7.0, "severity": "error", "rule": "duplicate-key",
		"message": `duplicate key "title" (first on line 2); the first value is used`}
	for k, v := range want {
		if back[0][k] != v {
			t.Errorf("%s = %v, want %v", k, back[0][k], v)
		}
	}
	if len(back[0]) != len(want) {
		t.Errorf("keys %v, want exactly %v", back[0], want)
	}
	if got := write(t, JSON, &validate.Report{}, FindingsOptions{}); got != "[]\n" {
		t.Errorf("no findings: got %q, want []", got)
	}
	// Written a finding at a time, the bytes are those of encoding/json's
	// indented array, HTML characters unescaped.
	rep := sampleReport()
	rep.Findings[1].Message = `a <b> & "c"`
	type findingJSON struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Rule     string `json:"rule"`
		Message  string `json:"message"`
	}
	var all []findingJSON
	for _, f := range rep.Findings {
		all = append(all, findingJSON{f.Path, f.Line, f.Col, f.Severity.String(), f.Rule, f.Message})
	}
	var whole bytes.Buffer
	enc := json.NewEncoder(&whole)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(all); err != nil {
		t.Fatal(err)
	}
	if got := write(t, JSON, rep, FindingsOptions{}); got != whole.String() {
		t.Errorf("got:\n%s\nwant:\n%s", got, whole.String())
	}
}

// TestFindingsGitHub pins the workflow command syntax: "::error
// file=…,line=…,col=…,title=…::message", properties escaped for % CR LF :
// and ",", the message for % CR LF only.
func TestFindingsGitHub(t *testing.T) {
	got := write(t, GitHub, sampleReport(), FindingsOptions{})
	want := `::error file=seeds/a.md,line=3,col=7,title=duplicate-key::duplicate key "title" (first on line 2); the first value is used
::warning file=seeds/a.md,line=9,col=12,title=amp-host-mismatch::AMP URL host "b.com" differs: 100%25, really%0D%0Asecond line
::warning file=seeds/dir%2C x/b c.txt,line=1,col=1,title=broken-entity::broken HTML entity "& # 39;" (should be "&#39;")
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"a%b", "a%25b", "a%25b"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"c:/x,y", "c:/x,y", "c%3A/x%2Cy"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		if got := escapeGitHubData(tt.in); got != tt.data {
			t.Errorf("data(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeGitHubProperty(tt.in); got != tt.prop {
			t.Errorf("property(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestFindingsGitHubRelative(t *testing.T) {
	base := filepath.Join(string(filepath.Separator), "repo")
	rep := &validate.Report{Findings: []validate.Finding{{Path: filepath.Join(base, "seeds", "a.md"), Line: 2, Col: 1, Severity: validate.Error, Rule: "yaml-syntax", Message: "m"}}}
	got := write(t, GitHub, rep, FindingsOptions{BaseDir: base})
	if want := "::error file=seeds/a.md,line=2,col=1,title=yaml-syntax::m\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "schemas", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFindingsSARIFSchema validates SARIF output against the SARIF 2.1.0
// JSON schema, with findings, without, and with absolute paths.
func TestFindingsSARIFSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	abs := &validate.Report{Findings: []validate.Finding{
		{Path: filepath.Join(string(filepath.Separator), "elsewhere", "x y.md"), Line: 4, Col: 2, Severity: validate.Error, Rule: "wrong-type", Message: "m"},
	}}
	for name, rep := range map[string]*validate.Report{"findings": sampleReport(), "empty": {}, "absolute": abs} {
		t.Run(name, func(t *testing.T) {
			out := write(t, SARIF, rep, FindingsOptions{ToolVersion: "1.2.3", BaseDir: filepath.Join(string(filepath.Separator), "repo")})
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("SARIF output does not match the schema: %v\n%s", err, out)
			}
		})
	}
	// The schema must have teeth: a log without a version is rejected.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"runs": []}`))
	if schema.Validate(bad) == nil {
		t.Fatal("schema accepted a log with no version")
	}
}

func TestFindingsSARIFContent(t *testing.T) {
	out := write(t, SARIF, sampleReport(), FindingsOptions{ToolVersion: "1.2.3"})
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						}
						Region struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || run.Tool.Driver.Name != "seedscope" || run.Tool.Driver.Version != "1.2.3" {
		t.Errorf("header: %+v", log)
	}
	if len(run.Tool.Driver.Rules) != len(validate.Rules) {
		t.Errorf("%d rules in the driver, want %d", len(run.Tool.Driver.Rules), len(validate.Rules))
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	for _, r := range run.Results {
		if got := run.Tool.Driver.Rules[r.RuleIndex].ID; got != r.RuleID {
			t.Errorf("ruleIndex %d names %s, want %s", r.RuleIndex, got, r.RuleID)
		}
	}
	r := run.Results[2]
	loc := r.Locations[0].PhysicalLocation
	if r.Level != "warning" || loc.ArtifactLocation.URI != "seeds/dir,%20x/b%20c.txt" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		loc.Region.StartLine != 1 || loc.Region.StartColumn != 1 {
		t.Errorf("result: %+v", r)
	}
	if run.Results[0].Level != "error" || run.Results[0].Locations[0].PhysicalLocation.Region.StartLine != 3 ||
		run.Results[0].Locations[0].PhysicalLocation.Region.StartColumn != 7 {
		t.Errorf("first result: %+v", run.Results[0])
	}
}

// junitSuites reads back what writeFindingsJUnit streams.
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
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
)

func TestFindingsJUnit(t *testing.T) {
	got := write(t, JUnit, sampleReport(), FindingsOptions{})
	var doc junitSuites
	if err := xml.Unmarshal([]byte(got), &doc); err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	s := doc.Suites[0]
	if doc.Tests != 3 || doc.Failures != 1 || len(s.Cases) != 2 {
		t.Fatalf("tests %d failures %d cases %d, want 3 1 2:\n%s", doc.Tests, doc.Failures, len(s.Cases), got)
	}
	if s.Cases[0].Failure == nil || s.Cases[0].Failure.Message != "1 error, 1 warning" || s.Cases[1].Failure != nil ||
		!strings.Contains(s.Cases[1].SystemOut, "broken-entity") {
		t.Errorf("cases: %+v", s.Cases)
	}
	strict := write(t, JUnit, sampleReport(), FindingsOptions{Strict: true})
	if err := xml.Unmarshal([]byte(strict), &doc); err != nil || doc.Failures != 2 {
		t.Errorf("strict: failures %d, err %v", doc.Failures, err)
	}
}

func TestWriteRules(t *testing.T) {
	var b bytes.Buffer
	on := func(id string) bool { r, _ := validate.Lookup(id); return r.Default != (id == "file-name") }
	if err := WriteRules(&b, Text, validate.Rules, on, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"RULE ", "file-name                  warning   on*      ", "unknown-field              warning   off      ", "* turned the other way"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	b.Reset()
	if err := WriteRules(&b, JSON, validate.Rules, on, Options{}); err != nil {
		t.Fatal(err)
	}
	var rules []ruleJSON
	if err := json.Unmarshal(b.Bytes(), &rules); err != nil || len(rules) != len(validate.Rules) {
		t.Fatalf("json: %v, %d rules", err, len(rules))
	}
}

// TestFindingsSARIFCases validates the SARIF log of a real run over every
// broken-file case (all rules, odd file names) against the schema.
func TestFindingsSARIFCases(t *testing.T) {
	schema := compileSARIFSchema(t)
	rep, err := validate.Run(context.Background(), []string{filepath.Join("..", "..", "testdata", "validate", "cases")}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) < len(validate.Rules)/2 {
		t.Fatalf("only %d findings over the cases", len(rep.Findings))
	}
	out := write(t, SARIF, rep, FindingsOptions{ToolVersion: "test"})
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not match the schema: %v", err)
	}
	if strings.Contains(out, `\\`) {
		t.Error("a SARIF uri uses backslashes")
	}
}
