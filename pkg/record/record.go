// Package record describes the fields of the records seedscope prints:
// each field's export name (its JSON key, CSV column and, later, its
// --json and --columns name), its kind, a one-line description, and a
// typed accessor that yields a JSON-ready value.
//
// A record type is described once, next to where it is defined, as a
// Table; output formats, schemas and field selection are generated from
// it. The package knows nothing of seedscope's records or output (it
// uses only the JSON string encoder, pkg/jsonstr).
package record

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/seedscope/seedscope/pkg/jsonstr"
)

// Kind is the JSON shape of a field's value.
type Kind string

const (
	String     Kind = "string"
	Integer    Kind = "integer"
	Number     Kind = "number"
	Boolean    Kind = "boolean"
	Time       Kind = "time" // an RFC 3339 string
	StringList Kind = "list<string>"
	Object     Kind = "object"
	ObjectList Kind = "list<object>"
	// Map is an object whose keys are data, not fields (a document's
	// extra keys): any keys, any values.
	Map Kind = "map"
	Any Kind = "any" // whatever the data holds
)

// Info describes one field.
type Info struct {
	// Name is the export name: the JSON key and CSV column.
	Name string
	Kind Kind
	// Doc is a one-line description.
	Doc string
	// Nullable fields are null when missing; others always hold a value
	// of their kind (lists are [] when empty, never null).
	Nullable bool
	// Sub describes the fields of an object, or of each object of a list
	// of objects, in their JSON order.
	Sub []Info
}

// Lookup finds a sub-field by a dot path ("provider.domain" is looked up
// as "domain" in provider's Sub).
func Lookup(fields []Info, path string) (Info, bool) {
	name, rest, nested := strings.Cut(path, ".")
	for _, f := range fields {
		if f.Name != name {
			continue
		}
		if !nested {
			return f, true
		}
		return Lookup(f.Sub, rest)
	}
	return Info{}, false
}

// Field is a field of records of type T.
type Field[T any] struct {
	Info
	// Value returns the field's value, ready for encoding/json: nil for
	// null, a string, float64, int or bool for scalars (a time as its RFC
	// 3339 string), []string for a list of strings, and for objects and
	// lists of objects a value whose JSON has the keys in Sub's order
	// (json.RawMessage or a struct).
	Value func(T) any
	// AppendText, when set, appends the field's CSV cell to b without
	// boxing a value: what render.CellText gives for Value (a string as
	// it is, null as nothing, anything else as its compact JSON). Large
	// corpora export through it.
	AppendText func(b []byte, v T) []byte
}

// Table lists the fields of a record type in their JSON order.
type Table[T any] []Field[T]

// Lookup returns the field named name.
func (t Table[T]) Lookup(name string) (Field[T], bool) {
	for _, f := range t {
		if f.Name == name {
			return f, true
		}
	}
	return Field[T]{}, false
}

// MustLookup returns the field named name and panics if there is none: for
// tables of columns chosen in code, so a wrong name fails at start-up and
// in every test.
func (t Table[T]) MustLookup(name string) Field[T] {
	f, ok := t.Lookup(name)
	if !ok {
		panic(fmt.Sprintf("record: no field %q (fields are %s)", name, strings.Join(t.Names(), ", ")))
	}
	return f
}

// Names returns the export names in order.
func (t Table[T]) Names() []string {
	out := make([]string, len(t))
	for i, f := range t {
		out[i] = f.Name
	}
	return out
}

// Infos returns the descriptions of the fields in order.
func (t Table[T]) Infos() []Info {
	out := make([]Info, len(t))
	for i, f := range t {
		out[i] = f.Info
	}
	return out
}

// AppendJSON appends v as a JSON object of t's fields, in t's order: the
// bytes encoding/json gives for a struct of those fields, with HTML
// escaping on (as json.Marshal). See AppendJSONWith.
func AppendJSON[T any](b []byte, t Table[T], v T) ([]byte, error) {
	return AppendJSONWith(b, t, v, true, json.Marshal)
}

// AppendJSONWith is AppendJSON with the HTML escaping given. Strings,
// integers, booleans and null are written here, without reflection
// (findings come by the hundred thousand); other values go through
// marshal, which returns their compact JSON escaped the same way.
func AppendJSONWith[T any](b []byte, t Table[T], v T, escapeHTML bool, marshal func(any) ([]byte, error)) ([]byte, error) {
	b = append(b, '{')
	for i := range t {
		f := &t[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, f.Name, escapeHTML)
		b = append(b, ':')
		switch val := f.Value(v).(type) {
		case nil:
			b = append(b, "null"...)
		case string:
			b = jsonstr.Append(b, val, escapeHTML)
		case int:
			b = strconv.AppendInt(b, int64(val), 10)
		case bool:
			b = strconv.AppendBool(b, val)
		default:
			enc, err := marshal(val)
			if err != nil {
				return nil, err
			}
			b = append(b, enc...)
		}
	}
	return append(b, '}'), nil
}
