package render

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/seedscope/seedscope/pkg/validate"
)

// ruleCountColumns are the columns of validate --stats: one row per rule that
// fired, the rules with most findings first.
var ruleCountColumns = []Column[validate.RuleCount]{
	{Name: "rule"},
	{Name: "severity"},
	{Name: "findings", Right: true},
	{Name: "files", Right: true},
}

// WriteFindingStats writes the per-rule table of validate --stats: rule,
// severity, findings, files. Nothing when there are no findings.
func WriteFindingStats(w io.Writer, rep *validate.Report, o Options) error {
	counts := validate.RuleCounts(rep.Findings)
	rows := make([][]string, len(counts))
	for i, c := range counts {
		rows[i] = []string{c.Rule, c.Severity.String(), strconv.Itoa(c.Findings), strconv.Itoa(c.Files)}
	}
	return writeTable(w, ruleCountColumns, rows, Options{Color: o.Color, Width: o.Width})
}

// findingStatsJSON is the "stats" object of validate --format json
// --stats.
type findingStatsJSON struct {
	// Files counts the files checked, FilesWithFindings those with at
	// least one finding.
	Files             int             `json:"files"`
	FilesWithFindings int             `json:"filesWithFindings"`
	Errors            int             `json:"errors"`
	Warnings          int             `json:"warnings"`
	Rules             []ruleCountJSON `json:"rules"`
}

type ruleCountJSON struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Findings int    `json:"findings"`
	Files    int    `json:"files"`
}

// writeFindingsJSONStats writes {"findings": [...], "stats": {...}}: the
// array of writeFindingsJSON, streamed, and the counts.
func writeFindingsJSONStats(w io.Writer, rep *validate.Report) error {
	if _, err := io.WriteString(w, "{\n  \"findings\": "); err != nil {
		return err
	}
	iw := &indentWriter{w: w, prefix: "  "}
	if err := writeFindingsJSON(iw, rep.Findings); err != nil {
		return err
	}
	c := validate.Count(rep.Findings)
	st := findingStatsJSON{Files: rep.Files, FilesWithFindings: c.Files, Errors: c.Errors, Warnings: c.Warnings, Rules: []ruleCountJSON{}}
	for _, rc := range validate.RuleCounts(rep.Findings) {
		st.Rules = append(st.Rules, ruleCountJSON{rc.Rule, rc.Severity.String(), rc.Findings, rc.Files})
	}
	b, err := json.MarshalIndent(st, "  ", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, ",\n  \"stats\": "); err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n}\n")
	return err
}

// indentWriter writes prefix at the start of every line but the first,
// and holds back a final newline (the caller goes on on that line).
type indentWriter struct {
	w       io.Writer
	prefix  string
	pending bool // a newline was written and not yet passed on
}

func (iw *indentWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if iw.pending {
			if _, err := io.WriteString(iw.w, "\n"+iw.prefix); err != nil {
				return 0, err
			}
			iw.pending = false
		}
		i := 0
		for i < len(p) && p[i] != '\n' {
			i++
		}
		if _, err := iw.w.Write(p[:i]); err != nil {
			return 0, err
		}
		if i < len(p) {
			iw.pending = true
			i++
		}
		p = p[i:]
	}
	return n, nil
}
