package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/seedscope/seedscope/pkg/validate"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the
// subset code scanning reads: one run, the tool's rules, one result per
// finding with a physical location.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string              `json:"id"`
		ShortDescription     sarifText           `json:"shortDescription"`
		DefaultConfiguration sarifRuleConfig     `json:"defaultConfiguration"`
		Properties           sarifRuleProperties `json:"properties"`
	}
	sarifRuleConfig struct {
		Enabled bool   `json:"enabled"`
		Level   string `json:"level"`
	}
	sarifRuleProperties struct {
		Scope string `json:"scope"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	toolURI        = "https://github.com/seedscope/seedscope"
)

func sarifLevel(s validate.Severity) string {
	if s == validate.Error {
		return "error"
	}
	return "warning"
}

// sarifHeader is the log with every field but the results, which
// writeFindingsSARIF streams.
func sarifHeader(o FindingsOptions) (sarifLog, map[string]int) {
	rules := make([]sarifRule, len(validate.Rules))
	index := make(map[string]int, len(validate.Rules))
	for i, r := range validate.Rules {
		index[r.ID] = i
		rules[i] = sarifRule{
			ID:                   r.ID,
			ShortDescription:     sarifText{r.Summary},
			DefaultConfiguration: sarifRuleConfig{Enabled: r.Default, Level: sarifLevel(r.Severity)},
			Properties:           sarifRuleProperties{Scope: string(r.Scope)},
		}
	}
	log := sarifLog{
		Schema:  sarifSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: "seedscope", Version: o.ToolVersion, InformationURI: toolURI, Rules: rules,
			}},
			// Columns count characters, as yaml.v3 reports them.
			ColumnKind: "unicodeCodePoints",
			Results:    []sarifResult{},
		}},
	}
	return log, index
}

func sarifResultFor(f validate.Finding, index map[string]int, o FindingsOptions) sarifResult {
	loc := sarifPhysical{ArtifactLocation: sarifArtifactFor(f.Path, o.BaseDir)}
	if f.Line > 0 {
		loc.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Col}
	}
	return sarifResult{
		RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
		Message:   sarifText{f.Message},
		Locations: []sarifLocation{{PhysicalLocation: loc}},
	}
}

// sarifResultsEnd is how the encoded log ends after its (empty) results
// array: the results are the last field of the one run.
const sarifResultsEnd = "[]\n    }\n  ]\n}\n"

// sarifResultIndent is the depth of a result in the log: runs, the run,
// results, the result.
const sarifResultIndent = "        "

// writeFindingsSARIF writes one SARIF log, a result at a time, as
// json.Encoder (two-space indent, no HTML escaping) would write the whole
// log in one go: a corpus can have hundreds of thousands of findings, and
// building every result first took about 4 KB each.
func writeFindingsSARIF(w io.Writer, fs []validate.Finding, o FindingsOptions) error {
	log, index := sarifHeader(o)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	head, ok := bytes.CutSuffix(buf.Bytes(), []byte(sarifResultsEnd))
	if !ok {
		return fmt.Errorf("SARIF: unexpected layout of the log")
	}
	if len(fs) == 0 {
		_, err := w.Write(buf.Bytes())
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	enc = json.NewEncoder(&buf)
	enc.SetIndent(sarifResultIndent, "  ")
	enc.SetEscapeHTML(false)
	sep := "[\n" + sarifResultIndent
	for _, f := range fs {
		buf.Reset()
		buf.WriteString(sep)
		if err := enc.Encode(sarifResultFor(f, index, o)); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the encoder's newline
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
		sep = ",\n" + sarifResultIndent
	}
	_, err := io.WriteString(w, "\n"+sarifResultIndent[2:]+"]"+sarifResultsEnd[2:])
	return err
}

// sarifArtifactFor gives a relative, forward-slash, percent-encoded URI
// against %SRCROOT% (the checkout, for code scanning), or a file:// URI
// for a path outside BaseDir.
func sarifArtifactFor(p, base string) sarifArtifact {
	sp := slashPath(p, base)
	if filepath.IsAbs(p) && filepath.ToSlash(p) == sp {
		u := url.URL{Scheme: "file", Path: sp}
		if !strings.HasPrefix(sp, "/") {
			u.Path = "/" + sp // Windows drive paths
		}
		return sarifArtifact{URI: u.String()}
	}
	sp = strings.TrimPrefix(sp, "./")
	u := url.URL{Path: sp}
	uri := u.EscapedPath()
	// RFC 3986 §4.2: a relative reference whose first segment holds a
	// colon reads as a scheme ("javascript:alert(1).md"): "./" keeps it
	// a path.
	if first, _, _ := strings.Cut(uri, "/"); strings.Contains(first, ":") {
		uri = "./" + uri
	}
	return sarifArtifact{URI: uri, URIBaseID: "%SRCROOT%"}
}
