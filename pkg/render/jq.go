package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/itchyny/gojq"
)

// ExprError is an expression (--jq, --template) that does not parse or
// compile: exit status 2. When the position is known, its lines show the
// expression with a caret under it.
type ExprError struct {
	Flag string
	Expr string
	Msg  string
	// Offset is the byte offset of the error in Expr; -1 when unknown.
	Offset int
}

func (e *ExprError) Error() string { return strings.Join(e.Lines(), "\n") }

// Lines is the message, then, when the position is known, the expression
// (its line holding the error) and a caret under the column.
func (e *ExprError) Lines() []string {
	if e.Offset < 0 {
		return []string{fmt.Sprintf("%s: %s", e.Flag, e.Msg)}
	}
	off := min(e.Offset, len(e.Expr))
	lineStart := strings.LastIndexByte(e.Expr[:off], '\n') + 1
	lineNo := strings.Count(e.Expr[:off], "\n") + 1
	line, _, _ := strings.Cut(e.Expr[lineStart:], "\n")
	col := len([]rune(e.Expr[lineStart:off])) + 1
	where := fmt.Sprintf("column %d", col)
	if strings.Contains(e.Expr, "\n") {
		where = fmt.Sprintf("line %d, column %d", lineNo, col)
	}
	return []string{
		fmt.Sprintf("%s: %s at %s:", e.Flag, e.Msg, where),
		line,
		strings.Repeat(" ", col-1) + "^",
	}
}

// JQ is a compiled --jq filter.
type JQ struct {
	code *gojq.Code
}

// ParseJQ parses and compiles a jq filter (gojq, the implementation gh
// uses). A syntax error is an *ExprError with its position.
func ParseJQ(expr string) (*JQ, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		e := &ExprError{Flag: "--jq", Expr: expr, Msg: err.Error(), Offset: -1}
		var pe *gojq.ParseError
		if errors.As(err, &pe) {
			// The offset is just past the token that failed.
			e.Offset = max(0, pe.Offset-len(pe.Token))
		}
		return nil, e
	}
	code, err := gojq.Compile(q, gojq.WithEnvironLoader(os.Environ))
	if err != nil {
		return nil, &ExprError{Flag: "--jq", Expr: expr, Msg: err.Error(), Offset: -1}
	}
	return &JQ{code: code}, nil
}

// JQError is a filter that failed while running: exit status 1.
type JQError struct{ Err error }

func (e *JQError) Error() string { return "--jq: " + e.Err.Error() }
func (e *JQError) Unwrap() error { return e.Err }

// run feeds input to the filter and writes each result on its own line:
// a string as it is (as gh and jq -r print it), anything else as JSON,
// indented when pretty.
func (q *JQ) run(ctx context.Context, w io.Writer, input any, pretty bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	iter := q.code.RunWithContext(ctx, input)
	var buf bytes.Buffer
	for {
		v, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, isErr := v.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				return nil // halt: stop quietly
			}
			if errors.Is(err, context.Canceled) {
				return err
			}
			return &JQError{err}
		}
		var out []byte
		if s, isString := v.(string); isString {
			out = []byte(s)
		} else {
			b, err := gojq.Marshal(v)
			if err != nil {
				return &JQError{err}
			}
			out = b
			if pretty {
				buf.Reset()
				if json.Indent(&buf, b, "", "  ") == nil {
					out = buf.Bytes()
				}
			}
		}
		if _, err := w.Write(append(out, '\n')); err != nil {
			return err
		}
	}
}

// decodeJSON decodes one JSON value for jq and templates: objects as
// map[string]any, lists as []any, numbers as json.Number (their digits
// kept).
func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}
