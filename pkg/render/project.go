package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/seedscope/seedscope/pkg/jsonstr"

	"github.com/seedscope/seedscope/pkg/record"
)

// Field selection (--json FIELDS, --columns, -0) picks fields of a record
// by their export names, nested ones by a dot path ("provider.domain").
// A projection is built once from the names and the record's table; per
// record it calls each chosen top-level field's accessor and, only for a
// dot path, decodes that field's JSON to walk into it.
//
// The JSON of a selection keeps the record's shape: a dot path selects
// inside the object it names, so --json title,provider.domain gives
// {"title":…,"provider":{"domain":…}}, and jq and templates read the
// value at the same place with or without --json. A path through a list
// of objects selects in each of them (related.url gives
// {"related":[{"url":…},…]}). Top-level fields come in the order given;
// paths into one field are gathered where that field is first named, in
// the order given; naming a whole field and a path into it gives the
// whole field. Strings are never HTML-escaped.

// FieldPaths lists every name selection accepts for a record: its fields
// in table order, each composite one followed by the dot paths into it.
func FieldPaths(fields []record.Info) []string {
	var out []string
	var walk func(prefix string, fs []record.Info)
	walk = func(prefix string, fs []record.Info) {
		for _, f := range fs {
			out = append(out, prefix+f.Name)
			walk(prefix+f.Name+".", f.Sub)
		}
	}
	walk("", fields)
	return out
}

// FieldError is a field name a record does not have (or none given): its
// lines list the fields there are, as gh lists them.
type FieldError struct {
	// Flag is the flag the names were given to (--json, --columns).
	Flag string
	// Unknown is the unknown name; "" when no name was given.
	Unknown   string
	Available []string
}

func (e *FieldError) Error() string { return strings.Join(e.Lines(), "\n") }

// Lines is the message, then the available fields one a line.
func (e *FieldError) Lines() []string {
	head := fmt.Sprintf("Specify one or more comma-separated fields for `%s`:", e.Flag)
	if e.Unknown != "" {
		head = fmt.Sprintf("Unknown field %q for `%s`; available fields:", e.Unknown, e.Flag)
	}
	return append([]string{head}, e.Available...)
}

// CheckFields reports the first name that is not a field (or a dot path
// into one) of a record, or no names at all, as a *FieldError.
func CheckFields(flag string, fields []record.Info, names []string) error {
	if len(names) == 0 {
		return &FieldError{Flag: flag, Available: FieldPaths(fields)}
	}
	for _, n := range names {
		if _, ok := record.Lookup(fields, n); !ok || n == "" {
			return &FieldError{Flag: flag, Unknown: n, Available: FieldPaths(fields)}
		}
	}
	return nil
}

// pnode is a field of a projection: all of it (sub nil), or the fields
// of sub within it.
type pnode struct {
	info record.Info
	sub  []*pnode
	// whole is set when the field itself was named.
	whole bool
}

// projection is the fields chosen of a record of type T.
type projection[T any] struct {
	top    []*pnode
	access []func(T) any
}

// newProjection builds the projection of names (checked by CheckFields).
func newProjection[T any](t record.Table[T], names []string) (*projection[T], error) {
	if err := CheckFields("--json", t.Infos(), names); err != nil {
		return nil, err
	}
	p := &projection[T]{}
	for _, name := range names {
		path := strings.Split(name, ".")
		f, _ := t.Lookup(path[0])
		i := slices.IndexFunc(p.top, func(n *pnode) bool { return n.info.Name == path[0] })
		if i < 0 {
			p.top = append(p.top, &pnode{info: f.Info})
			p.access = append(p.access, f.Value)
			i = len(p.top) - 1
		}
		p.top[i].add(path[1:])
	}
	return p, nil
}

// add marks the path below n as chosen.
func (n *pnode) add(path []string) {
	if n.whole {
		return
	}
	if len(path) == 0 {
		n.whole, n.sub = true, nil
		return
	}
	i := slices.IndexFunc(n.sub, func(c *pnode) bool { return c.info.Name == path[0] })
	if i < 0 {
		info, _ := record.Lookup(n.info.Sub, path[0])
		n.sub = append(n.sub, &pnode{info: info})
		i = len(n.sub) - 1
	}
	n.sub[i].add(path[1:])
}

// appendJSON appends the chosen fields of v as one compact JSON object.
func (p *projection[T]) appendJSON(b []byte, v T) []byte {
	return appendObject(b, p.top, func(i int) any { return p.access[i](v) })
}

// appendObject appends a JSON object of the chosen part of each node's
// value, value(i) giving node i's.
func appendObject(b []byte, nodes []*pnode, value func(i int) any) []byte {
	b = append(b, '{')
	for i, n := range nodes {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, n.info.Name, false)
		b = append(b, ':')
		b = n.appendValue(b, value(i))
	}
	return append(b, '}')
}

// appendValue appends the chosen part of a field's value.
func (n *pnode) appendValue(b []byte, v any) []byte {
	if n.whole {
		return appendJSONValue(b, v, n.info.Sub)
	}
	return n.pick(b, toTree(v))
}

// pick appends the chosen sub-fields of a decoded value: an object's, or
// each object's of a list; null stays null.
func (n *pnode) pick(b []byte, v any) []byte {
	switch v := v.(type) {
	case map[string]any:
		return appendObject(b, n.sub, func(i int) any { return v[n.sub[i].info.Name] })
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = n.pick(b, e)
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

// pathValue returns the value at a dot path below a field's value: for a
// path through a list of objects, the list of their values.
func pathValue(v any, path []string) any {
	if len(path) == 0 {
		return v
	}
	switch v := v.(type) {
	case map[string]any:
		return pathValue(v[path[0]], path[1:])
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = pathValue(e, path)
		}
		return out
	}
	return nil
}

// accessor returns a function giving the value at name (a field, or a dot
// path into one) of a record, and the field's description.
func accessor[T any](t record.Table[T], name string) (func(T) any, record.Info, error) {
	if err := CheckFields("--columns", t.Infos(), []string{name}); err != nil {
		return nil, record.Info{}, err
	}
	path := strings.Split(name, ".")
	f, _ := t.Lookup(path[0])
	info, _ := record.Lookup(t.Infos(), name)
	if len(path) == 1 {
		return f.Value, info, nil
	}
	return func(v T) any { return pathValue(toTree(f.Value(v)), path[1:]) }, info, nil
}

// toTree turns a field's value into the types json.Decoder gives (numbers
// as json.Number, so that they keep their digits), for walking into it.
func toTree(v any) any {
	var raw []byte
	switch v := v.(type) {
	case nil, string, bool, json.Number, map[string]any, []any:
		return v
	case json.RawMessage:
		raw = v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil
		}
		raw = b
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var out any
	if err := d.Decode(&out); err != nil {
		return nil
	}
	return out
}

// appendJSONValue appends a JSON-ready value (see record.Field.Value) or
// a decoded one, objects with their keys in the order of sub (the
// description of their fields) and then any others sorted, strings not
// HTML-escaped.
func appendJSONValue(b []byte, v any, sub []record.Info) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return jsonstr.Append(b, v, false)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case json.Number:
		return append(b, v...)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return append(b, "null"...)
		}
		n, _ := json.Marshal(v)
		return append(b, n...)
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonstr.Append(b, s, false)
		}
		return append(b, ']')
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONValue(b, e, sub)
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for _, f := range sub {
			if _, ok := v[f.Name]; ok {
				keys = append(keys, f.Name)
			}
		}
		var rest []string
		for k := range v {
			if _, ok := record.Lookup(sub, k); !ok || strings.Contains(k, ".") {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		keys = append(keys, rest...)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonstr.Append(b, k, false)
			b = append(b, ':')
			var fs []record.Info
			if f, ok := record.Lookup(sub, k); ok && !strings.Contains(k, ".") {
				fs = f.Sub
			}
			b = appendJSONValue(b, v[k], fs)
		}
		return append(b, '}')
	}
	return appendJSONValue(b, toTree(v), sub)
}
