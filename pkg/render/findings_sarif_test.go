package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/pkg/validate"
)

// manyFindings makes n findings spread over n/100 files.
func manyFindings(n int) *validate.Report {
	rep := &validate.Report{Files: n / 100}
	for i := range n {
		rep.Findings = append(rep.Findings, validate.Finding{
			Path: fmt.Sprintf("seeds/%03d_0123456789abcdef.txt", i/100), Line: i%100 + 1, Col: 7,
			Severity: validate.Warning, Rule: validate.RuleBrokenEntity,
			Message: `broken HTML entity "& # 39;" (should be "&#39;")`,
		})
	}
	return rep
}

// BenchmarkFindingsSARIF: memory per run with 400,000 findings (a corpus
// full of broken entities): SARIF output streams, as JSON output does.
func BenchmarkFindingsSARIF(b *testing.B) {
	rep := manyFindings(400_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteFindings(io.Discard, SARIF, rep, FindingsOptions{ToolVersion: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFindingsSARIFStreamed: the streamed log is byte for byte the log
// json.Encoder writes when given every result at once.
func TestFindingsSARIFStreamed(t *testing.T) {
	hostile := &validate.Report{Files: 3, Findings: []validate.Finding{
		{Path: "seeds/a.md", Line: 3, Col: 7, Severity: validate.Error, Rule: validate.RuleDuplicateKey, Message: `duplicate key "title" <&> é € \u2028 "q"`},
		{Path: "javascript:alert(1).md", Line: 1, Col: 1, Severity: validate.Warning, Rule: validate.RuleFileName, Message: "x\x00\x1b[31m\xff"},
		{Path: filepath.Join(string(filepath.Separator), "elsewhere", "b c#?.md"), Line: 0, Col: 0, Severity: validate.Error, Rule: validate.RuleUnreadable, Message: "cannot read"},
		{Path: "seeds/z.md", Line: 9, Col: 0, Severity: validate.Warning, Rule: "no-such-rule", Message: ""},
	}}
	for _, tt := range []struct {
		name string
		rep  *validate.Report
	}{
		{"none", &validate.Report{Files: 2}},
		{"sample", sampleReport()},
		{"hostile", hostile},
		{"many", manyFindings(1000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, o := range []FindingsOptions{{}, {ToolVersion: "1.2.3", BaseDir: filepath.Join(string(filepath.Separator), "repo")}} {
				got := write(t, SARIF, tt.rep, o)
				log, index := sarifHeader(o)
				for _, f := range tt.rep.Findings {
					log.Runs[0].Results = append(log.Runs[0].Results, sarifResultFor(f, index, o))
				}
				var want bytes.Buffer
				enc := json.NewEncoder(&want)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(log); err != nil {
					t.Fatal(err)
				}
				if got != want.String() {
					t.Errorf("streamed log differs from the log encoded whole:\n--- got\n%s\n--- want\n%s", got, want.String())
				}
				if !json.Valid([]byte(got)) {
					t.Errorf("not valid JSON:\n%s", got)
				}
			}
		})
	}
}

// TestSARIFArtifactURI: relative paths are RFC 3986 relative references:
// percent-encoded where the RFC requires, and a first segment holding a
// colon is written "./…" so that it cannot read as a scheme.
func TestSARIFArtifactURI(t *testing.T) {
	tests := []struct{ path, want string }{
		{"seeds/a.md", "seeds/a.md"},
		{"./seeds/a.md", "seeds/a.md"},
		{"javascript:alert(1).md", "./javascript:alert%281%29.md"},
		{"javascript:alert(1)/x.md", "./javascript:alert%281%29/x.md"},
		{"data:text/html,x.md", "./data:text/html,x.md"},
		{"C:x.md", "./C:x.md"},
		{":x.md", "./:x.md"},
		{"dir/a:b.md", "dir/a:b.md"}, // a colon after the first segment is fine
		{"a b/c%d#e?f.md", "a%20b/c%25d%23e%3Ff.md"},
		{"é/ü.md", "%C3%A9/%C3%BC.md"},
		{"x\x01y\n\x7f.md", "x%01y%0A%7F.md"},
		{"\xff.md", "%FF.md"},
		{"../seeds/x.md", "../seeds/x.md"},
	}
	for _, tt := range tests {
		a := sarifArtifactFor(filepath.FromSlash(tt.path), "")
		if a.URI != tt.want || a.URIBaseID != "%SRCROOT%" {
			t.Errorf("%q: uri %q (base %q), want %q", tt.path, a.URI, a.URIBaseID, tt.want)
		}
		u, err := url.Parse(a.URI)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			t.Errorf("%q: %q does not parse as a relative path reference: %+v, %v", tt.path, a.URI, u, err)
		}
	}
	if a := sarifArtifactFor("/abs/javascript:x #.md", "/repo"); a.URI != "file:///abs/javascript:x%20%23.md" || a.URIBaseID != "" {
		t.Errorf("absolute path outside the base: %+v", a)
	}
}
