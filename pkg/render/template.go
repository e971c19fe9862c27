package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/fatih/color"
	"github.com/mattn/go-runewidth"
)

// Template is a parsed --template: Go text/template over the data --jq
// reads (decoded JSON), with the helpers gh offers:
//
//	join SEP LIST        the items of a list joined by SEP
//	truncate N TEXT      TEXT cut to N display columns, ending in "…"
//	date LAYOUT TIME     an RFC 3339 time (or date) in a Go layout; "" for null
//	                     (timefmt is the same, under gh's name)
//	tablerow FIELD...    a row of aligned columns, written by tablerender
//	tablerender          writes the rows so far, aligned; rows left at the
//	                     end are written then
//	json VALUE           VALUE as compact JSON
//	color STYLE TEXT     TEXT in a colour ("red", "green+bold", …) when
//	                     colour is on (--color), TEXT otherwise
//	                     (autocolor is the same, under gh's name)
//	pluck FIELD LIST     the FIELD of each object of LIST
type Template struct {
	t *template.Template
}

// ParseTemplate parses a template; an error is an *ExprError, with the
// position when text/template gives one.
func ParseTemplate(text string) (*Template, error) {
	t, err := template.New("--template").Option("missingkey=zero").Funcs((&tmplState{}).funcs()).Parse(text)
	if err != nil {
		return nil, templateError(text, err)
	}
	return &Template{t: t}, nil
}

// templateLoc finds "template: NAME:LINE:COL:" in a text/template error.
var templateLoc = regexp.MustCompile(`^template: --template:(\d+)(?::(\d+))?: (?:executing "--template" at <[^>]*>: )?`)

func templateError(text string, err error) *ExprError {
	msg := err.Error()
	e := &ExprError{Flag: "--template", Expr: text, Msg: msg, Offset: -1}
	m := templateLoc.FindStringSubmatch(msg)
	if m == nil {
		return e
	}
	e.Msg = msg[len(m[0]):]
	line, _ := strconv.Atoi(m[1])
	if m[2] == "" {
		// Only the line is known: no caret.
		if strings.Contains(text, "\n") {
			e.Msg = fmt.Sprintf("%s on line %d", e.Msg, line)
		}
		return e
	}
	off := 0
	for i := 1; i < line; i++ {
		nl := strings.IndexByte(text[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	col, _ := strconv.Atoi(m[2])
	// text/template counts bytes from 0 on the line.
	e.Offset = min(off+col, len(text))
	return e
}

// TemplateError is a template that failed while running: exit status 1.
type TemplateError struct{ Err error }

func (e *TemplateError) Error() string {
	msg := e.Err.Error()
	if m := templateLoc.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
	}
	return "--template: " + msg
}
func (e *TemplateError) Unwrap() error { return e.Err }

// execute runs the template on data, writing to w.
func (t *Template) execute(w io.Writer, data any, colour bool) error {
	st := &tmplState{color: colour}
	tt, err := t.t.Clone()
	if err != nil {
		return &TemplateError{err}
	}
	tt.Funcs(st.funcs())
	var buf bytes.Buffer
	if err := tt.Execute(&buf, data); err != nil {
		return &TemplateError{err}
	}
	buf.WriteString(st.render())
	_, err = w.Write(buf.Bytes())
	return err
}

// tmplState is what the helpers of one run share: the rows of a table.
type tmplState struct {
	color bool
	rows  [][]string
}

func (st *tmplState) funcs() template.FuncMap {
	return template.FuncMap{
		"join":        tmplJoin,
		"truncate":    tmplTruncate,
		"date":        tmplDate,
		"timefmt":     tmplDate,
		"json":        tmplJSON,
		"pluck":       tmplPluck,
		"color":       st.colorize,
		"autocolor":   st.colorize,
		"tablerow":    st.tablerow,
		"tablerender": st.tablerender,
	}
}

func tmplJoin(sep string, list any) (string, error) {
	switch l := list.(type) {
	case nil:
		return "", nil
	case []any:
		parts := make([]string, len(l))
		for i, v := range l {
			parts[i] = CellText(v)
		}
		return strings.Join(parts, sep), nil
	case []string:
		return strings.Join(l, sep), nil
	}
	return "", fmt.Errorf("join: %s is not a list", jsonType(list))
}

func tmplTruncate(n int, v any) string {
	s := CellText(v)
	if runewidth.StringWidth(s) <= n {
		return s
	}
	return runewidth.Truncate(s, n, "…")
}

// tmplDate formats an RFC 3339 time or a bare date (2006-01-02); null is
// "". Times keep their zone.
func tmplDate(layout string, v any) (string, error) {
	s := CellText(v)
	if v == nil || s == "" {
		return "", nil
	}
	for _, in := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(in, s); err == nil {
			return t.Format(layout), nil
		}
	}
	return "", fmt.Errorf("date: %q is not an RFC 3339 time", s)
}

func tmplJSON(v any) (string, error) {
	return string(appendJSONValue(nil, v, nil)), nil
}

func tmplPluck(field string, list any) ([]any, error) {
	l, ok := list.([]any)
	if !ok && list != nil {
		return nil, fmt.Errorf("pluck: %s is not a list", jsonType(list))
	}
	out := make([]any, 0, len(l))
	for _, v := range l {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m[field])
		}
	}
	return out, nil
}

// styles are the words of a color style.
var styles = map[string]color.Attribute{
	"black": color.FgBlack, "red": color.FgRed, "green": color.FgGreen, "yellow": color.FgYellow,
	"blue": color.FgBlue, "magenta": color.FgMagenta, "cyan": color.FgCyan, "white": color.FgWhite,
	"bold": color.Bold, "b": color.Bold, "faint": color.Faint, "dim": color.Faint,
	"italic": color.Italic, "underline": color.Underline, "u": color.Underline,
}

func (st *tmplState) colorize(style string, v any) (string, error) {
	var attrs []color.Attribute
	for _, w := range strings.FieldsFunc(style, func(r rune) bool { return r == '+' || r == ',' || r == ' ' }) {
		a, ok := styles[strings.ToLower(w)]
		if !ok {
			return "", fmt.Errorf("color: unknown style %q (use black, red, green, yellow, blue, magenta, cyan, white, bold, faint, italic, underline, joined by +)", w)
		}
		attrs = append(attrs, a)
	}
	c := color.New(attrs...)
	setColor(c, st.color)
	return c.Sprint(CellText(v)), nil
}

func (st *tmplState) tablerow(fields ...any) string {
	row := make([]string, len(fields))
	for i, f := range fields {
		row[i] = CellText(f)
	}
	st.rows = append(st.rows, row)
	return ""
}

func (st *tmplState) tablerender() string { return st.render() }

// ansiSGR matches the colour sequences color writes, which take no
// width on screen.
var ansiSGR = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// render returns the rows so far as aligned columns (two spaces apart,
// no trailing blanks) and forgets them.
func (st *tmplState) render() string {
	var widths []int
	for _, r := range st.rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runewidth.StringWidth(ansiSGR.ReplaceAllString(c, "")))
		}
	}
	var b strings.Builder
	for _, r := range st.rows {
		var line strings.Builder
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(ansiSGR.ReplaceAllString(c, ""))+columnGap))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	st.rows = nil
	return b.String()
}

func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case string:
		return "a string"
	case json.Number, int, float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}
