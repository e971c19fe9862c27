package render

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fatih/color"

	"github.com/seedscope/seedscope/pkg/termsafe"
	"github.com/seedscope/seedscope/pkg/validate"
)

// FindingsOptions tune findings output.
type FindingsOptions struct {
	// Color colours text output.
	Color bool
	// TTY makes text output say so when there is nothing to report.
	TTY bool
	// Strict counts warnings as failures (JUnit failures).
	Strict bool
	// ToolVersion is the seedscope version, for SARIF.
	ToolVersion string
	// BaseDir, when set, is the folder absolute paths are made relative
	// to in SARIF and GitHub output (normally the working directory).
	BaseDir string
	// Stats adds the count of findings per rule (validate --stats): in
	// text, a table before the summary line; in JSON, the array becomes
	// {"findings": [...], "stats": {...}}. The other formats have no
	// place for it (see WriteFindingStats).
	Stats bool
	// Width fits the text table of Stats (0: unbounded).
	Width int
}

// WriteFindings writes a validation report in format f: text, json,
// github, sarif or junit.
func WriteFindings(w io.Writer, f Format, rep *validate.Report, o FindingsOptions) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case Text, "":
		err = writeFindingsText(bw, rep, o)
	case JSON:
		if o.Stats {
			err = writeFindingsJSONStats(bw, rep)
		} else {
			err = writeFindingsJSON(bw, rep.Findings)
		}
	case GitHub:
		err = writeFindingsGitHub(bw, rep.Findings, o)
	case SARIF:
		err = writeFindingsSARIF(bw, rep.Findings, o)
	case JUnit:
		err = writeFindingsJUnit(bw, rep, o)
	default:
		err = fmt.Errorf("unknown findings format %q", f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

func writeFindingsText(w io.Writer, rep *validate.Report, o FindingsOptions) error {
	var (
		bold  = color.New(color.Bold)
		red   = color.New(color.FgRed, color.Bold)
		amber = color.New(color.FgYellow, color.Bold)
		dim   = color.New(color.Faint)
	)
	for _, c := range []*color.Color{bold, red, amber, dim} {
		setColor(c, o.Color)
	}
	for _, f := range rep.Findings {
		sev := amber
		if f.Severity == validate.Error {
			sev = red
		}
		loc := fmt.Sprintf("%s:%d:%d:", termsafe.Clean(f.Path, false), f.Line, f.Col)
		if _, err := fmt.Fprintf(w, "%s %s %s %s\n", bold.Sprint(loc), sev.Sprint(f.Severity.String()+":"),
			termsafe.Clean(f.Message, false), dim.Sprint("["+f.Rule+"]")); err != nil {
			return err
		}
	}
	c := validate.Count(rep.Findings)
	if o.Stats && len(rep.Findings) > 0 {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		if err := WriteFindingStats(w, rep, Options{Color: o.Color, Width: o.Width}); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	switch {
	case len(rep.Findings) > 0:
		_, err := fmt.Fprintf(w, "%s, %s in %s (%s checked%s)\n",
			plural(c.Errors, "error"), plural(c.Warnings, "warning"), plural(c.Files, "file"), plural(rep.Files, "file"), suppressedNote(rep, ", "))
		return err
	case o.TTY:
		note := suppressedNote(rep, "")
		if note != "" {
			note = " (" + note + ")"
		}
		_, err := fmt.Fprintf(w, "no problems in %s%s\n", plural(rep.Files, "file"), note)
		return err
	}
	return nil
}

// suppressedNote says how many findings the baseline and the
// # seedscope-disable comments hid, after sep; "" when none.
func suppressedNote(rep *validate.Report, sep string) string {
	var parts []string
	if rep.Baselined > 0 {
		parts = append(parts, plural(rep.Baselined, "finding")+" in the baseline")
	}
	if rep.Suppressed > 0 {
		parts = append(parts, plural(rep.Suppressed, "finding")+" suppressed by comments")
	}
	if parts == nil {
		return ""
	}
	return sep + strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// findingSchema writes findings from their table.
var findingSchema = Schema[validate.Finding]{Fields: validate.FindingFields.Infos(), JSON: validate.FindingFields}

// writeFindingsJSON writes one indented array of validate.FindingFields
// objects, a finding at a time: a corpus can have hundreds of thousands
// of findings.
func writeFindingsJSON(w io.Writer, fs []validate.Finding) error {
	wr := NewWriter(w, JSON, findingSchema, Options{JSON: JSONOptions{EscapeHTML: false}})
	for _, f := range fs {
		if err := wr.Write(f); err != nil {
			return err
		}
	}
	return wr.Close()
}

// writeFindingsGitHub prints one workflow command per finding:
//
//	::error file=seeds/a.md,line=3,col=7,title=duplicate-key::duplicate key "title"
//
// escaped as the Actions runner requires (see escapeGitHubData and
// escapeGitHubProperty).
func writeFindingsGitHub(w io.Writer, fs []validate.Finding, o FindingsOptions) error {
	for _, f := range fs {
		cmd := "warning"
		if f.Severity == validate.Error {
			cmd = "error"
		}
		props := []string{"file=" + escapeGitHubProperty(slashPath(f.Path, o.BaseDir))}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Col))
			}
		}
		props = append(props, "title="+escapeGitHubProperty(f.Rule))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeGitHubData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeGitHubData escapes a workflow command's message: "%", CR and LF.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command property value: as data,
// plus ":" and ",", which separate properties.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// slashPath makes a path relative to base (when it is absolute and under
// base) and uses forward slashes.
func slashPath(p, base string) string {
	if base != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(base, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}

type ruleJSON struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Default  bool   `json:"default"`
	Enabled  bool   `json:"enabled"`
	Scope    string `json:"scope"`
	Summary  string `json:"summary"`
}

// WriteRules lists validation rules: aligned columns (id, severity, on or
// off by default, explanation) fitted to o.Width as every table is or,
// with JSON, an array that also says whether each rule is enabled by the
// current configuration.
func WriteRules(w io.Writer, f Format, rules []validate.Rule, enabled func(id string) bool, o Options) error {
	switch f {
	case JSON:
		wr := NewWriter(w, JSON, Schema[ruleJSON]{}, Options{JSON: JSONOptions{EscapeHTML: false}})
		for _, r := range rules {
			if err := wr.Write(ruleJSON{r.ID, r.Severity.String(), r.Default, enabled(r.ID), string(r.Scope), r.Summary}); err != nil {
				return err
			}
		}
		return wr.Close()
	case Text, "":
	default:
		return fmt.Errorf("rules cannot be written as %s", f)
	}
	rows := make([]ruleRow, len(rules))
	changed := false
	for i, r := range rules {
		def := "off"
		if r.Default {
			def = "on"
		}
		if enabled(r.ID) != r.Default {
			def += "*"
			changed = true
		}
		rows[i] = ruleRow{r.ID, r.Severity.String(), def, r.Summary}
	}
	bw := bufio.NewWriter(w)
	if len(rows) > 0 {
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = []string{r.id, r.severity, r.def, r.summary}
		}
		if err := writeTable(bw, ruleColumns, cells, Options{Color: o.Color, Width: o.Width}); err != nil {
			return err
		}
		if changed && fitWidths(ruleColumns, cells, o.Width)[2] > 0 {
			bw.WriteString("\n")
			for _, l := range wrapWords("* turned the other way by the configuration file or the command line", o.Width) {
				bw.WriteString(l + "\n")
			}
		}
	}
	return bw.Flush()
}

type ruleRow struct{ id, severity, def, summary string }

// ruleColumns are the columns of validate --rules: the explanation takes
// the width left; the default, then the severity, go when even that is
// too narrow.
var ruleColumns = []Column[ruleRow]{
	{Name: "rule"},
	{Name: "severity", Drop: 2},
	{Name: "default", Drop: 1},
	{Name: "explanation", Shrink: ShrinkLast},
}
